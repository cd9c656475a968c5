/**
 * Test fixtures: operators, authorities, codes and event builders in the
 * shapes the ledger would store. Builders take only what a test varies.
 */
import {
  actorId,
  generateTraceCode,
  lotTag,
  operatorTag,
  organisationCodeCheckCharacter,
  recordTag,
  regionPrefix,
  usccCheckCharacter,
  type Actor,
  type AuthorityActor,
  type Certification,
  type DomainEvent,
  type EventDraft,
  type InspectionResult,
  type OperatorKind,
  type OperatorRole,
  type Origin,
  type Product,
  type TraceCodeKind,
  type Unit,
  type Verdict,
} from '../../../src/domain/index.js';

export const NOW = '2026-11-29T08:00:00.000Z';
export const EARLIER = '2026-11-01T08:00:00.000Z';

export const PANYU = '440113'; // 广东省广州市番禺区
export const TIANHE = '440106'; // 广东省广州市天河区
export const FURONG = '430102'; // 湖南省长沙市芙蓉区

/** uscc builds a valid USCC from its first 8 characters and an 8-character organisation code body. */
export function uscc(first8: string, organisationBody: string): string {
  const first17 = `${first8}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  return first17 + usccCheckCharacter(first17);
}

export interface OperatorFixture {
  readonly id: string;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly roles: readonly OperatorRole[];
  readonly region: string;
}

/** A vegetable company in Panyu: producer and trader. */
export const FARM: OperatorFixture = {
  id: uscc('91440113', 'MA5ABCD1'),
  name: '番禺绿野蔬菜有限公司',
  kind: 'enterprise',
  roles: ['producer', 'trader'],
  region: PANYU,
};
/** A wholesaler in Tianhe. */
export const WHOLESALER: OperatorFixture = {
  id: uscc('91440106', 'MA9WXYT2'),
  name: '天河江南果菜批发有限公司',
  kind: 'enterprise',
  roles: ['trader'],
  region: TIANHE,
};
/** A stallholder in Changsha, registered as a person. */
export const STALL: OperatorFixture = {
  id: 'person-0001',
  name: '张三',
  kind: 'individual',
  roles: ['trader'],
  region: FURONG,
};

export const CITIZEN_ID = '11010519491231002X';
export const DIGEST = 'ab'.repeat(32);

export const as = (operator: OperatorFixture): Actor => ({ kind: 'operator', operatorId: operator.id });
export const authority = (role: AuthorityActor['role'], region: string): AuthorityActor => ({
  kind: 'authority',
  role,
  region,
  id: `${role}-${region || 'all'}`,
});
export const PUBLIC: Actor = { kind: 'public' };
export const GD_REVIEWER = authority('reviewer', '44');
export const HN_REVIEWER = authority('reviewer', '43');
export const GZ_INSPECTOR = authority('inspector', '4401');
export const HN_INSPECTOR = authority('inspector', '43');
export const ADMIN = authority('admin', '');
export const GZ_MONITOR = authority('monitor', '4401');
export const GZ_ENFORCER = authority('enforcer', '4401');

let serial = 0;
/** freshCode returns a new valid trace code of the given kind and region. */
export function freshCode(kind: TraceCodeKind, region: string): string {
  serial += 1;
  return generateTraceCode({ kind, region, serial: String(serial).padStart(11, '0') });
}

export const CABBAGE: Product = { name: '菜心', category: 'vegetable', variety: '四九菜心' };
export const ORIGIN: Origin = { region: PANYU, base: '石楼镇蔬菜基地' };

export const GREEN: Certification = {
  type: 'green',
  number: 'LB-15-1811041234A',
  product: '菜心',
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
};

/** stamp turns a draft into a stored event (without v, position, prev and hash). */
export function stamp(draft: EventDraft, actor: Actor, time = EARLIER): DomainEvent {
  return { ...draft, actor: actorId(actor), time } as DomainEvent;
}

/** Who filed a registration, and the digest of the public registrant's secret. */
export interface Filing {
  readonly by?: Actor;
  readonly keyDigest?: string;
}

export function registered(operator: OperatorFixture, { by = PUBLIC, keyDigest }: Filing = {}): DomainEvent {
  const identity = operator.kind === 'individual' ? { citizenIdDigest: DIGEST } : { uscc: operator.id };
  const key = by.kind === 'public' && keyDigest !== undefined ? { registrantKeyDigest: keyDigest } : {};
  return stamp(
    {
      type: 'operator.registered',
      tags: [operatorTag(operator.id)],
      data: {
        operatorId: operator.id,
        name: operator.name,
        kind: operator.kind,
        roles: [...operator.roles],
        region: operator.region,
        address: '广州市番禺区石楼镇',
        contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
        ...identity,
        registrant: actorId(by),
        ...key,
      },
    },
    by,
  );
}

type StatusEvent =
  | 'operator.approved'
  | 'operator.rejected'
  | 'operator.suspended'
  | 'operator.reinstated'
  | 'operator.withdrawn'
  | 'operator.revoked';

export function operatorEvent(type: StatusEvent, operator: OperatorFixture, reason = 'checked'): DomainEvent {
  return stamp({ type, tags: [operatorTag(operator.id)], data: { operatorId: operator.id, reason } }, ADMIN);
}

/** registration and approval of an operator. */
export const onboarded = (operator: OperatorFixture): DomainEvent[] => [registered(operator), operatorEvent('operator.approved', operator)];

/** A certification recorded by the operator itself (self-declared) or, with `by`, by a reviewer or admin. */
export function certified(operator: OperatorFixture, certification: Certification = GREEN, by: Actor = as(operator)): DomainEvent {
  const declaredBy = by.kind === 'operator' ? 'operator' : 'reviewer';
  return stamp(
    { type: 'operator.certified', tags: [operatorTag(operator.id)], data: { operatorId: operator.id, certification, declaredBy } },
    by,
  );
}

/** A reviewer's confirmation of a self-declared certification. */
export function certificationConfirmed(
  operator: OperatorFixture,
  certification: Certification = GREEN,
  by: Actor = GD_REVIEWER,
): DomainEvent {
  const { type, number } = certification;
  return stamp(
    {
      type: 'operator.certificationConfirmed',
      tags: [operatorTag(operator.id)],
      data: { operatorId: operator.id, certification: { type, number } },
    },
    by,
  );
}

export function commissioned(code: string, amount: number, unit: Unit = 'kg', by = FARM, origin: Origin = ORIGIN): DomainEvent {
  return stamp(
    {
      type: 'lot.commissioned',
      tags: [lotTag(code)],
      data: {
        code,
        operatorId: by.id,
        product: CABBAGE,
        quantity: { amount, unit },
        producedAt: '2026-11-01',
        origin,
        claims: [],
      },
    },
    as(by),
  );
}

interface Shipment {
  readonly from: string;
  readonly child: string;
  readonly amount: number;
  readonly unit?: Unit;
  readonly by?: OperatorFixture;
  /** A registered buyer, or an unregistered one when omitted. */
  readonly to?: OperatorFixture;
}

export function shipped({ from, child, amount, unit = 'kg', by = FARM, to }: Shipment): DomainEvent {
  return stamp(
    {
      type: 'lot.shipped',
      tags: [lotTag(from), lotTag(child)],
      data: {
        code: from,
        childCode: child,
        operatorId: by.id,
        quantity: { amount, unit },
        to: to ? { operatorId: to.id } : { buyer: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) } },
        product: CABBAGE,
        origin: ORIGIN,
        producedAt: '2026-11-01',
        claims: [],
      },
    },
    as(by),
  );
}

export function received(
  type: 'lot.accepted' | 'lot.rejected',
  { child, from, amount, unit = 'kg', to = WHOLESALER }: Omit<Shipment, 'by' | 'to'> & { to?: OperatorFixture },
): DomainEvent {
  const data = { code: child, parentCode: from, operatorId: to.id, quantity: { amount, unit } };
  const tags = [lotTag(child), lotTag(from)];
  const draft = type === 'lot.accepted' ? { type, tags, data } : { type, tags, data: { ...data, reason: 'wilted' } };
  return stamp(draft, as(to));
}

export function sold(code: string, amount: number, unit: Unit = 'kg', by = FARM): DomainEvent {
  return stamp({ type: 'lot.sold', tags: [lotTag(code)], data: { code, operatorId: by.id, quantity: { amount, unit } } }, as(by));
}

export function merged(inputs: ReadonlyArray<readonly [string, number]>, output: string, by = FARM): DomainEvent {
  const total = inputs.reduce((sum, [, amount]) => sum + amount * 1000, 0) / 1000;
  return stamp(
    {
      type: 'lot.processed',
      tags: [...inputs.map(([code]) => lotTag(code)), lotTag(output)],
      data: {
        mode: 'merge',
        operatorId: by.id,
        producedAt: EARLIER,
        inputs: inputs.map(([code, amount]) => ({ code, quantity: { amount, unit: 'kg' as const } })),
        outputs: [{ code: output, product: CABBAGE, quantity: { amount: total, unit: 'kg' }, origin: ORIGIN }],
      },
    },
    as(by),
  );
}

/** Processing of the inputs (code, kg taken) into outputs (code, kg made) of 净菜 at `by`'s. */
export function processed(
  inputs: ReadonlyArray<readonly [string, number]>,
  outputs: ReadonlyArray<readonly [string, number]>,
  by = FARM,
): DomainEvent {
  return stamp(
    {
      type: 'lot.processed',
      tags: [...inputs, ...outputs].map(([code]) => lotTag(code)),
      data: {
        mode: 'process',
        operatorId: by.id,
        producedAt: EARLIER,
        inputs: inputs.map(([code, amount]) => ({ code, quantity: { amount, unit: 'kg' as const } })),
        outputs: outputs.map(([code, amount]) => ({
          code,
          product: { name: '净菜', category: 'vegetable' as const },
          quantity: { amount, unit: 'kg' as const },
          origin: ORIGIN,
        })),
      },
    },
    as(by),
  );
}

/** A freeze or release by `by` (a Guangzhou inspector unless said); a freeze records the authority's region. */
export function frozenEvent(
  type: 'lot.frozen' | 'lot.released',
  codes: string[],
  cascade = false,
  by: AuthorityActor = GZ_INSPECTOR,
): DomainEvent {
  const data = { codes, reason: 'residue test', cascade };
  const draft: EventDraft =
    type === 'lot.frozen'
      ? { type, tags: codes.map(lotTag), data: { ...data, region: regionPrefix(by.region) } }
      : { type, tags: codes.map(lotTag), data };
  return stamp(draft, by);
}

/** An inspection of `operator` by a Guangzhou inspector; a rectification order needs `rectifyBy`. */
export function inspected(
  inspectionId: string,
  operator: OperatorFixture,
  result: InspectionResult = 'pass',
  rectifyBy?: string,
): DomainEvent {
  const deadline = rectifyBy === undefined ? {} : { rectifyBy };
  return stamp(
    {
      type: 'inspection.recorded',
      tags: [recordTag('inspection', inspectionId), operatorTag(operator.id)],
      data: {
        inspectionId,
        operatorId: operator.id,
        kind: 'inspection',
        result,
        findings: '检查记录',
        ...deadline,
        region: operator.region,
      },
    },
    GZ_INSPECTOR,
  );
}

/** A routine sampling task for vegetables in `region` (Guangzhou unless said), due by the end of 2026. */
export function taskCreated(taskId: string, region = '4401', by: AuthorityActor = GZ_MONITOR): DomainEvent {
  return stamp(
    {
      type: 'sampling.taskCreated',
      tags: [recordTag('task', taskId)],
      data: { taskId, kind: 'routine', region, categories: ['vegetable'], items: ['毒死蜱', '克百威'], dueBy: '2026-12-31' },
    },
    by,
  );
}

/** A sample of lot `lotCode` (of cabbage) taken at `at`, the farm unless said, under task `taskId`. */
export function sampleTaken(sampleId: string, taskId: string, lotCode: string, at = FARM, by: AuthorityActor = GZ_MONITOR): DomainEvent {
  return stamp(
    {
      type: 'sample.taken',
      tags: [recordTag('sample', sampleId), recordTag('task', taskId), operatorTag(at.id)],
      data: { sampleId, taskId, lotCode, operatorId: at.id, region: at.region, product: CABBAGE },
    },
    by,
  );
}

/** The lab result alone (a failed one's alert and freeze are decided beside it: decide them instead). */
export function sampleTested(sampleId: string, taskId: string, lotCode: string, verdict: Verdict = 'pass', at = FARM): DomainEvent {
  return stamp(
    {
      type: 'sample.tested',
      tags: [recordTag('sample', sampleId), recordTag('task', taskId), operatorTag(at.id)],
      data: { sampleId, taskId, lotCode, operatorId: at.id, verdict, items: [{ item: '毒死蜱', value: 0.01, unit: 'mg/kg', verdict }] },
    },
    GZ_MONITOR,
  );
}

/** A case opened against `operator` by a Guangzhou enforcer, or closed. */
export function caseEvent(type: 'case.opened' | 'case.closed', caseId: string, operator = FARM): DomainEvent {
  const tags = [recordTag('case', caseId), operatorTag(operator.id)];
  const draft: EventDraft =
    type === 'case.opened'
      ? { type, tags, data: { caseId, operatorId: operator.id, basis: '群众举报', region: operator.region } }
      : { type, tags, data: { caseId, operatorId: operator.id } };
  return stamp(draft, GZ_ENFORCER);
}
