/**
 * RegulationQueries: what the regulators' routes ask (issue 12), answered
 * from the RegulationProjection in memory. Region arguments are code
 * prefixes ('' everywhere; 440000 and 440100 read as 44 and 4401); lists
 * are newest first; bad input throws InvalidQueryError.
 */
import { certificationKey, isValidAt, regionCovers, startOf, type SamplingKind, type Verdict } from '../../domain/index.js';
import { InvalidQueryError } from '../queryError.js';
import { overdueFindings } from './overdue.js';
import type { RegulationProjection } from './regulationProjection.js';
import { alertView, caseView, inspectionView, sampleView, taskView } from './render.js';
import { activityReport, coverageReport } from './reports.js';
import { limitOf, scopeOf } from './scope.js';
import type { AlertRecord, RecordList, SampleRecord } from './records.js';
import {
  RISK_RULES,
  type ActivityReport,
  type AlertView,
  type CaseView,
  type CoverageReport,
  type InspectionView,
  type RiskFinding,
  type RiskRule,
  type SampleView,
  type TaskView,
  type TraceStatus,
} from './views.js';

const PAGE = 100;
const MAX_PAGE = 1000;

/** A sample of a lot as the public may see it: the task's kind and the result, never who took it. */
export interface PublicSampleFact {
  readonly taskKind: SamplingKind | undefined;
  readonly takenAt: string;
  readonly verdict?: Verdict;
  readonly testedAt?: string;
}

/** A risk recall (风险召回) holding a lot: an open alert that froze it, and when it was raised. */
export interface PublicRecallFact {
  readonly raisedAt: string;
}

export class RegulationQueries {
  private readonly samplesByLot = new LotIndex<SampleRecord>((record) => [record.state.lotCode]);
  private readonly alertsByLot = new LotIndex<AlertRecord>((record) => [...record.state.frozen, ...record.state.alreadyFrozen]);

  constructor(private readonly projection: RegulationProjection) {}

  /** samplesOfLot: the samples taken of lot `code`, oldest first, as public facts (no sample, inspector or lab ids). */
  samplesOfLot(code: string): PublicSampleFact[] {
    const { samples, tasks } = this.projection.records;
    return this.samplesByLot.of(samples, code).map(({ state }) => ({
      taskKind: tasks.get(state.taskId)?.state.kind,
      takenAt: state.takenAt,
      ...(state.verdict === undefined ? {} : { verdict: state.verdict }),
      ...(state.testedAt === undefined ? {} : { testedAt: state.testedAt }),
    }));
  }

  /** recallOf: the open alert that froze lot `code` (a risk recall), the newest if several; undefined when none holds it. */
  recallOf(code: string): PublicRecallFact | undefined {
    const open = this.alertsByLot.of(this.projection.records.alerts, code).filter((record) => record.state.status === 'open');
    const newest = open.at(-1);
    return newest && { raisedAt: newest.state.raisedAt };
  }

  inspection(id: string): InspectionView | undefined {
    const record = this.projection.records.inspections.get(id);
    return record && inspectionView(record, new Date());
  }

  /** inspections: newest first; `overdue` true lists only overdue rectifications, false only the others. */
  inspections(q: { region?: string; operatorId?: string; overdue?: boolean; limit?: number }, now: Date): InspectionView[] {
    const prefix = scopeOf(q.region);
    const limit = limitOf(q.limit, PAGE, MAX_PAGE);
    const found: InspectionView[] = [];
    this.projection.records.inspections.newestFirst((record) => {
      if (!record.state.region.startsWith(prefix)) return true;
      if (q.operatorId !== undefined && record.state.operatorId !== q.operatorId) return true;
      const view = inspectionView(record, now);
      if (q.overdue !== undefined && view.overdue !== q.overdue) return true;
      found.push(view);
      return found.length < limit;
    });
    return found;
  }

  task(id: string): TaskView | undefined {
    const record = this.projection.records.tasks.get(id);
    return record && taskView(record);
  }

  /** tasks: newest first; a task is listed when its region and the asked one overlap (a province's task shows to its counties too). */
  tasks(q: { region?: string; limit?: number }): TaskView[] {
    const prefix = scopeOf(q.region);
    const limit = limitOf(q.limit, PAGE, MAX_PAGE);
    const found: TaskView[] = [];
    this.projection.records.tasks.newestFirst((record) => {
      const region = record.state.region;
      if (region.startsWith(prefix) || prefix.startsWith(region)) found.push(taskView(record));
      return found.length < limit;
    });
    return found;
  }

  sample(id: string): SampleView | undefined {
    const record = this.projection.records.samples.get(id);
    return record && sampleView(record);
  }

  alert(id: string): AlertView | undefined {
    const record = this.projection.records.alerts.get(id);
    return record && alertView(record);
  }

  /** alerts: newest first; an alert is in a region when its own region or any holder's lies within it. */
  alerts(q: { region?: string; status?: 'open' | 'released'; limit?: number }): AlertView[] {
    const prefix = scopeOf(q.region);
    const limit = limitOf(q.limit, PAGE, MAX_PAGE);
    const found: AlertView[] = [];
    this.projection.records.alerts.newestFirst((record) => {
      const { state } = record;
      if (q.status !== undefined && state.status !== q.status) return true;
      if (!regionCovers(prefix, state.region) && !state.holders.some((holder) => regionCovers(prefix, holder.region))) return true;
      found.push(alertView(record));
      return found.length < limit;
    });
    return found;
  }

  enforcementCase(id: string): CaseView | undefined {
    const record = this.projection.records.cases.get(id);
    return record && caseView(record);
  }

  cases(q: { region?: string; operatorId?: string; status?: 'open' | 'closed'; limit?: number }): CaseView[] {
    const prefix = scopeOf(q.region);
    const limit = limitOf(q.limit, PAGE, MAX_PAGE);
    const found: CaseView[] = [];
    this.projection.records.cases.newestFirst((record) => {
      const { state } = record;
      if (!state.region.startsWith(prefix)) return true;
      if (q.operatorId !== undefined && state.operatorId !== q.operatorId) return true;
      if (q.status !== undefined && state.status !== q.status) return true;
      found.push(caseView(record));
      return found.length < limit;
    });
    return found;
  }

  /** risks: open findings, newest `at` first (default limit 1000, at most 10,000); overdue rectifications as of `now`. */
  risks(q: { region?: string; rule?: RiskRule; limit?: number }, now: Date): RiskFinding[] {
    const prefix = scopeOf(q.region);
    const limit = limitOf(q.limit, 1000, 10_000);
    if (q.rule !== undefined && !RISK_RULES.includes(q.rule)) throw new InvalidQueryError(`rule: one of ${RISK_RULES.join(', ')}`);
    const candidates: RiskFinding[] = [];
    const keep = (finding: RiskFinding): void => {
      if ((q.rule === undefined || finding.rule === q.rule) && finding.region.startsWith(prefix)) candidates.push(finding);
    };
    if (q.rule !== 'overdue-rectification') for (const finding of this.projection.findings.all()) keep(finding);
    if (q.rule === undefined || q.rule === 'overdue-rectification')
      for (const finding of overdueFindings(this.projection.records, now)) keep(finding);
    const at = new Map(candidates.map((finding) => [finding, startOf(finding.at)]));
    candidates.sort((a, b) => at.get(b)! - at.get(a)! || (a.findingId < b.findingId ? 1 : a.findingId > b.findingId ? -1 : 0));
    return candidates.slice(0, limit).map(copyFinding);
  }

  /** traceStatus: the trace hook (追溯挂钩); undefined for an unknown operator. */
  traceStatus(operatorId: string, q: { windowDays: number }, now: Date): TraceStatus | undefined {
    const { windowDays } = q;
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3660) {
      throw new InvalidQueryError(`windowDays: a whole number of days from 1 to 3660 (got ${windowDays})`);
    }
    const state = this.projection.operators.get(operatorId);
    if (!state) return undefined;
    const nowMs = now.getTime();
    const counts = this.projection.trace.window(operatorId, windowDays, nowMs);
    const underTrace = state.status === 'approved' && counts.lots > 0;
    const since = underTrace
      ? (state.history.findLast((entry) => entry.action === 'approved' || entry.action === 'reinstated')?.at ?? null)
      : null;
    return {
      operatorId,
      status: state.status,
      underTrace,
      since,
      windowDays,
      lotsInWindow: counts.lots,
      handOffsInWindow: counts.handOffs,
      lastActivityAt: counts.lastActivity === undefined ? null : new Date(counts.lastActivity).toISOString(),
      certifications: state.certifications.map((certification) => {
        const tracedLots = this.projection.trace.claimCount(certificationKey(certification));
        return {
          type: certification.type,
          number: certification.number,
          product: certification.product,
          validTo: certification.validTo,
          valid: isValidAt(certification, nowMs),
          tracedLots,
          traced: tracedLots > 0,
        };
      }),
    };
  }

  coverage(region: string, now: Date): CoverageReport {
    return coverageReport(this.projection.operators, this.projection.trace, region, now);
  }

  activity(region: string, from: string, to: string): ActivityReport {
    return activityReport(this.projection.activity, region, from, to);
  }
}

/**
 * LotIndex finds the records of a lot without scanning them all: records are
 * only ever appended (a record's state changes, its lots do not), so the index
 * reads the ones added since its last look; a projection reset or restore
 * hands over a new list, and the index starts again.
 */
class LotIndex<R extends { readonly position: number }> {
  private list: readonly R[] | undefined;
  private seen = 0;
  private byLot = new Map<string, R[]>();

  constructor(private readonly lotsOf: (record: R) => readonly string[]) {}

  of(records: RecordList<R>, code: string): readonly R[] {
    const all = records.all();
    if (all !== this.list || all.length < this.seen) {
      this.list = all;
      this.seen = 0;
      this.byLot = new Map();
    }
    for (; this.seen < all.length; this.seen++) {
      const record = all[this.seen]!;
      for (const lot of new Set(this.lotsOf(record))) {
        const found = this.byLot.get(lot);
        if (found) found.push(record);
        else this.byLot.set(lot, [record]);
      }
    }
    return this.byLot.get(code) ?? [];
  }
}

function copyFinding(finding: RiskFinding): RiskFinding {
  return { ...finding, evidence: finding.evidence.map((evidence) => ({ ...evidence })) };
}
