/**
 * The risk rules read off lot events (issue 12 §6), each O(1) per lot an
 * event names:
 *  1. 'pre-harvest-interval' (安全间隔期): a lot shipped, sold or processed
 *     before the latest appliedAt + preHarvestIntervalDays of an input
 *     recorded on it or an ancestor;
 *  2. 'certification-expired': a lot commissioned, shipped or sold claiming
 *     a certification outside its validity at the event's time;
 *  3. 'suspended-hand-off': a lot shipped, accepted, sold or processed by an
 *     operator then suspended, revoked or withdrawn (the deciders refuse it;
 *     logs of other platforms and older events can hold it).
 * Call apply before the event's operator changes are folded in.
 */
import { certificationKey, endOf, isValidAt, startOf, type DomainEvent, type EventOf } from '../../domain/index.js';
import type { Evidence, FindingBook } from './findings.js';
import type { LotFacts, SafeAfter } from './lotFacts.js';
import type { OperatorFacts } from './operatorFacts.js';
import type { RiskFinding } from './views.js';

const DAY_MS = 86_400_000;
const BARRED = new Set(['suspended', 'revoked', 'withdrawn']);
const STATUS_NAMES: Record<string, string> = { suspended: '暂停', revoked: '吊销', withdrawn: '注销' };

export class LotRules {
  constructor(
    private readonly operators: OperatorFacts,
    private readonly lots: LotFacts,
    private readonly findings: FindingBook,
  ) {}

  apply(event: DomainEvent, position: number): void {
    switch (event.type) {
      case 'lot.commissioned': {
        const keys = claimKeys(event.data.claims);
        this.checkClaims(event, position, event.data.code, keys);
        this.lots.setClaims(event.data.code, keys);
        return;
      }
      case 'lot.recorded': {
        const { record, code } = event.data;
        if (record.kind !== 'input' || record.preHarvestIntervalDays === undefined) return;
        const atMs = startOf(record.appliedAt) + record.preHarvestIntervalDays * DAY_MS;
        if (Number.isFinite(atMs)) this.lots.raiseSafeAfter(code, { atMs, position, recordLot: code });
        return;
      }
      case 'lot.shipped': {
        const { code, childCode, claims } = event.data;
        const keys = claimKeys(claims);
        this.checkInterval(event, position, code);
        this.checkClaims(event, position, code, keys);
        this.checkStatus(event, position, code);
        // The child inherits what its parent has now. A record added to an ancestor after a child was made is not pushed down.
        const safe = this.lots.safeAfter(code);
        if (safe) this.lots.raiseSafeAfter(childCode, safe);
        this.lots.setClaims(childCode, keys);
        return;
      }
      case 'lot.accepted':
        this.checkStatus(event, position, event.data.code);
        return;
      case 'lot.sold':
        this.checkInterval(event, position, event.data.code);
        this.checkClaims(event, position, event.data.code, this.lots.claims(event.data.code));
        this.checkStatus(event, position, event.data.code);
        return;
      case 'lot.processed':
        this.processed(event, position);
        return;
      default:
        return;
    }
  }

  private processed(event: EventOf<'lot.processed'>, position: number): void {
    let latest: SafeAfter | undefined;
    for (const input of event.data.inputs) {
      this.checkInterval(event, position, input.code);
      const safe = this.lots.safeAfter(input.code);
      if (safe && (!latest || safe.atMs > latest.atMs)) latest = safe;
    }
    this.checkStatus(event, position, event.data.inputs[0]!.code);
    // Outputs inherit the latest of their inputs at creation (not pushed down later); they carry no claims.
    if (latest) for (const output of event.data.outputs) this.lots.raiseSafeAfter(output.code, latest);
  }

  private checkInterval(event: LotMove, position: number, code: string): void {
    const safe = this.lots.safeAfter(code);
    const atMs = Date.parse(event.time);
    if (!safe || !(atMs < safe.atMs)) return;
    const safeAt = new Date(safe.atMs).toISOString();
    const action = ACTIONS[event.type];
    this.raise(event, position, 'pre-harvest-interval', code, `:${code}`, {
      summary: `安全间隔期未满即${action.zh}：批次 ${code} 须在 ${safeAt} 之后方可${action.zh} (${action.en} before the pre-harvest interval ended)`,
      evidence: [
        { position: safe.position, type: 'lot.recorded', lotCode: safe.recordLot },
        { position, type: event.type, lotCode: code },
      ],
    });
  }

  private checkClaims(event: LotMove | EventOf<'lot.commissioned'>, position: number, code: string, keys: readonly string[]): void {
    const atMs = Date.parse(event.time);
    for (const key of keys) {
      const held = this.operators.certification(key);
      if (!held) continue;
      if (isValidAt(held.certification, atMs)) continue;
      const { validFrom, validTo } = held.certification;
      const expired = atMs > endOf(validTo);
      const state = expired ? `已于 ${validTo} 过期 (expired)` : `自 ${validFrom} 起方有效 (not yet valid)`;
      this.raise(event, position, 'certification-expired', code, `:${key}`, {
        summary: `批次 ${code} 声明的认证 ${key} ${state}`,
        evidence: [
          { position: held.recorded.position, type: held.recorded.type },
          { position, type: event.type, lotCode: code },
        ],
      });
    }
  }

  private checkStatus(event: LotMove, position: number, code: string): void {
    const operatorId = event.data.operatorId;
    const status = this.operators.get(operatorId)?.status;
    if (status === undefined || !BARRED.has(status)) return;
    const statusEvent = this.operators.statusEvent(operatorId);
    this.raise(event, position, 'suspended-hand-off', code, '', {
      summary: `经营主体 ${operatorId} 处于${STATUS_NAMES[status]}状态仍${ACTIONS[event.type].zh}批次 ${code} (${ACTIONS[event.type].en} while ${status})`,
      evidence: [...(statusEvent ? [statusEvent] : []), { position, type: event.type, lotCode: code }],
    });
  }

  private raise(
    event: LotMove | EventOf<'lot.commissioned'>,
    position: number,
    rule: RiskFinding['rule'],
    lotCode: string,
    idSuffix: string,
    detail: { summary: string; evidence: Evidence[] },
  ): void {
    const operatorId = event.data.operatorId;
    this.findings.put({
      findingId: `${rule}:${position}${idSuffix}`,
      rule,
      at: event.time,
      region: this.operators.region(operatorId) ?? '',
      operatorId,
      lotCode,
      ...detail,
    });
  }
}

type LotMove = EventOf<'lot.shipped' | 'lot.accepted' | 'lot.sold' | 'lot.processed'>;

const ACTIONS: Record<LotMove['type'] | 'lot.commissioned', { zh: string; en: string }> = {
  'lot.commissioned': { zh: '赋码', en: 'commissioned' },
  'lot.shipped': { zh: '发货', en: 'shipped' },
  'lot.accepted': { zh: '收货', en: 'accepted' },
  'lot.sold': { zh: '销售', en: 'sold' },
  'lot.processed': { zh: '加工', en: 'processed' },
};

function claimKeys(claims: readonly { readonly type: string; readonly number: string }[] | undefined): string[] {
  return [...new Set((claims ?? []).map(certificationKey))];
}
