/**
 * A tiny log writer for the regulation projection's tests: raw events with
 * the data shapes of src/domain's event schemas, stamped with a position and
 * a time. Raw, not decided, so a test can write what the deciders refuse
 * (a suspended operator shipping), as logs of other platforms may hold.
 */
import { createHash } from 'node:crypto';
import { RegulationProjection, RegulationQueries } from '../../../src/projections/index.js';
import type { SealedEvent } from '../../../src/store/index.js';

export const DAY_MS = 86_400_000;
export const REVIEWER = 'authority:reviewer-gd';
const CONTACT = { ref: 'pd_AAAAAAAAAAAAAAAAAAAA', commitment: '0'.repeat(64) };
const PRODUCT = { name: '菜心', category: 'vegetable' };
const ORIGIN = { region: '440113' };

/** code: a 20-digit trace code from a number (the projection does not check the check digits). */
export const code = (n: number): string => `1440113${String(n).padStart(13, '0')}`;

export class Log {
  readonly events: SealedEvent[] = [];
  private clockMs: number;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.clockMs = Date.parse(start);
  }

  /** at sets the clock for the next events. */
  at(time: string | number): this {
    this.clockMs = typeof time === 'number' ? time : Date.parse(time);
    return this;
  }

  /** after moves the clock forward. */
  after(days: number): this {
    this.clockMs += days * DAY_MS;
    return this;
  }

  get now(): number {
    return this.clockMs;
  }

  /** add appends an event and returns its position. */
  add(type: string, data: Record<string, unknown>, tags: readonly string[], actor = 'op:test'): number {
    const position = this.events.length;
    const body = { v: 1 as const, position, type, time: new Date(this.clockMs).toISOString(), actor, tags: [...tags], data, prev: [] };
    this.events.push({ ...body, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') });
    this.clockMs += 1000;
    return position;
  }

  register(operatorId: string, region = '440113'): number {
    const data = { operatorId, name: `主体${operatorId}`, kind: 'enterprise', roles: ['producer', 'trader'], region, contact: CONTACT };
    return this.add('operator.registered', data, [`operator:${operatorId}`], 'public');
  }

  status(operatorId: string, action: 'approved' | 'suspended' | 'reinstated' | 'withdrawn' | 'revoked' | 'rejected'): number {
    return this.add(`operator.${action}`, { operatorId, reason: '审核' }, [`operator:${operatorId}`], REVIEWER);
  }

  /** onboard registers and approves an operator. */
  onboard(operatorId: string, region = '440113'): this {
    this.register(operatorId, region);
    this.status(operatorId, 'approved');
    return this;
  }

  certify(operatorId: string, type: string, number: string, validFrom: string, validTo: string, product = '菜心'): number {
    const certification = { type, number, product, validFrom, validTo };
    return this.add('operator.certified', { operatorId, certification, declaredBy: 'reviewer' }, [`operator:${operatorId}`], REVIEWER);
  }

  commission(lot: string, operatorId: string, claims: { type: string; number: string }[] = []): number {
    const data = {
      code: lot,
      operatorId,
      product: PRODUCT,
      quantity: { amount: 100, unit: 'kg' },
      producedAt: '2026-01-01',
      origin: ORIGIN,
      claims,
    };
    return this.add('lot.commissioned', data, [`lot:${lot}`], `op:${operatorId}`);
  }

  recordInput(lot: string, operatorId: string, appliedAt: string, preHarvestIntervalDays?: number): number {
    const record = {
      kind: 'input',
      input: 'pesticide',
      name: '吡虫啉',
      dose: '20 g/亩',
      appliedAt,
      ...(preHarvestIntervalDays === undefined ? {} : { preHarvestIntervalDays }),
    };
    return this.add('lot.recorded', { code: lot, operatorId, record }, [`lot:${lot}`], `op:${operatorId}`);
  }

  ship(lot: string, child: string, operatorId: string, to: string, claims: { type: string; number: string }[] = []): number {
    const data = {
      code: lot,
      childCode: child,
      operatorId,
      quantity: { amount: 10, unit: 'kg' },
      to: { operatorId: to },
      product: PRODUCT,
      origin: ORIGIN,
      producedAt: '2026-01-01',
      claims,
    };
    return this.add('lot.shipped', data, [`lot:${lot}`, `lot:${child}`], `op:${operatorId}`);
  }

  accept(child: string, parent: string, operatorId: string): number {
    const data = { code: child, parentCode: parent, operatorId, quantity: { amount: 10, unit: 'kg' } };
    return this.add('lot.accepted', data, [`lot:${child}`, `lot:${parent}`], `op:${operatorId}`);
  }

  sell(lot: string, operatorId: string): number {
    return this.add('lot.sold', { code: lot, operatorId, quantity: { amount: 1, unit: 'kg' } }, [`lot:${lot}`], `op:${operatorId}`);
  }

  process(inputs: string[], outputs: string[], operatorId: string): number {
    const data = {
      mode: 'process',
      operatorId,
      producedAt: '2026-01-01',
      inputs: inputs.map((input) => ({ code: input, quantity: { amount: 1, unit: 'kg' } })),
      outputs: outputs.map((output) => ({ code: output, product: PRODUCT, quantity: { amount: 1, unit: 'kg' }, origin: ORIGIN })),
    };
    return this.add(
      'lot.processed',
      data,
      [...inputs, ...outputs].map((lot) => `lot:${lot}`),
      `op:${operatorId}`,
    );
  }

  inspect(inspectionId: string, operatorId: string, region: string, result: 'pass' | 'problems' | 'rectify', rectifyBy?: string): number {
    const data = {
      inspectionId,
      operatorId,
      region,
      kind: 'patrol',
      result,
      items: ['生产记录'],
      findings: '检查记录',
      ...(rectifyBy ? { rectifyBy } : {}),
    };
    return this.add('inspection.recorded', data, [`inspection:${inspectionId}`, `operator:${operatorId}`], 'authority:inspector-1');
  }

  closeRectification(inspectionId: string, operatorId: string): number {
    return this.add(
      'inspection.rectificationClosed',
      { inspectionId, operatorId, note: '已整改' },
      [`inspection:${inspectionId}`, `operator:${operatorId}`],
      'authority:inspector-1',
    );
  }

  task(taskId: string, region = '44'): number {
    const data = { taskId, kind: 'spot-check', region, categories: ['vegetable'], items: ['毒死蜱'], dueBy: '2027-12-31', planned: 10 };
    return this.add('sampling.taskCreated', data, [`task:${taskId}`], 'authority:monitor-1');
  }

  sample(sampleId: string, taskId: string, lot: string, operatorId: string, region = '440113'): number {
    const data = { sampleId, taskId, lotCode: lot, operatorId, region, product: PRODUCT };
    return this.add('sample.taken', data, [`sample:${sampleId}`, `task:${taskId}`, `operator:${operatorId}`], 'authority:monitor-1');
  }

  test(sampleId: string, taskId: string, lot: string, operatorId: string, verdict: 'pass' | 'fail'): number {
    const items = [{ item: '毒死蜱', value: verdict === 'fail' ? 0.5 : 0.01, unit: 'mg/kg', limit: 0.1, verdict }];
    const data = { sampleId, taskId, lotCode: lot, operatorId, verdict, items, lab: '广州检测中心', reportNumber: `R-${sampleId}` };
    return this.add('sample.tested', data, [`sample:${sampleId}`, `task:${taskId}`, `operator:${operatorId}`], 'authority:monitor-1');
  }

  openCase(caseId: string, operatorId: string, region = '440113'): number {
    return this.add(
      'case.opened',
      { caseId, operatorId, region, basis: '投诉', lots: [] },
      [`case:${caseId}`, `operator:${operatorId}`],
      'authority:enforcer-1',
    );
  }

  penalize(caseId: string, operatorId: string, penalty = 'fine'): number {
    const data = {
      caseId,
      operatorId,
      penalty,
      ...(penalty === 'fine' ? { amount: 5000 } : {}),
      legalBasis: '《农产品质量安全法》第七十一条',
      note: '罚款',
    };
    return this.add('case.penalized', data, [`case:${caseId}`, `operator:${operatorId}`], 'authority:enforcer-1');
  }

  /** queries: a fresh projection fed the whole log, and its query facade. */
  build(): { projection: RegulationProjection; queries: RegulationQueries } {
    const projection = new RegulationProjection();
    for (const event of this.events) projection.apply(event);
    return { projection, queries: new RegulationQueries(projection) };
  }
}
