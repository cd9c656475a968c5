/**
 * A small supply-chain scenario through the real domain, for ledger tests and
 * benchmarks: registered and approved operators, commissioned lots, hand-offs.
 * Codes come from a seeded PRNG so runs are reproducible.
 */
import {
  generateTraceCode,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  type Actor,
  type Command,
  type TraceCodeKind,
} from '../../src/domain/index.js';
import type { SuyuanLedger } from '../../src/ledger/index.js';

export const PANYU = '440113';
export const REVIEWER: Actor = { kind: 'authority', role: 'reviewer', region: '44', id: 'reviewer-gd' };

/** uscc builds a valid USCC for a region from an 8-character organisation body. */
export function usccFor(region: string, organisationBody: string): string {
  const first17 = `91${region}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  return first17 + usccCheckCharacter(first17);
}

export function codeGenerator(seed = 1): (kind: TraceCodeKind, region?: string) => string {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (kind, region = PANYU) => {
    let serial = '';
    for (let i = 0; i < 11; i++) serial += Math.floor(next() * 10);
    return generateTraceCode({ kind, region, serial });
  };
}

export const operatorActor = (operatorId: string): Actor => ({ kind: 'operator', operatorId });

export function registerCommand(operatorId: string, name: string, region = PANYU): Command {
  return {
    type: 'operator.register',
    operatorId,
    name,
    kind: 'enterprise',
    roles: ['producer', 'trader'],
    region,
    address: '广州市番禺区市桥街道',
    contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
    uscc: operatorId,
  };
}

/** registerAndApprove makes `count` approved operators in Panyu and returns their ids. */
export async function registerAndApprove(ledger: SuyuanLedger, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => usccFor(PANYU, `MA${String(i).padStart(6, '0')}`));
  await expectAll(ids.map((id, i) => ledger.submit(registerCommand(id, `番禺第${i}农产品有限公司`), operatorActor(id))));
  await expectAll(ids.map((id) => ledger.submit({ type: 'operator.review', operatorId: id, decision: 'approve' }, REVIEWER)));
  return ids;
}

export function commissionCommand(code: string, amount: number): Command {
  return {
    type: 'lot.commission',
    code,
    product: { name: '荔枝', category: 'fruit', variety: '妃子笑' },
    quantity: { amount, unit: 'kg' },
    producedAt: '2026-06-20',
    origin: { region: PANYU, base: '大岗镇荔枝基地' },
  };
}

export function shipCommand(code: string, childCode: string, amount: number, toOperatorId: string): Command {
  return { type: 'lot.ship', code, childCode, quantity: { amount, unit: 'kg' }, to: { operatorId: toOperatorId } };
}

async function expectAll(outcomes: Promise<{ ok: boolean }>[]): Promise<void> {
  const results = await Promise.all(outcomes);
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`scenario step refused: ${JSON.stringify(failed)}`);
}
