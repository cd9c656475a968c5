/** How the regulators' records become the views of views.ts. */
import { isOverdue } from '../../domain/index.js';
import type { AlertRecord, CaseRecord, InspectionRecord, SampleRecord, TaskRecord } from './records.js';
import type { AlertView, CaseView, InspectionView, SampleView, TaskView } from './views.js';

export function inspectionView({ state, items, findings, position }: InspectionRecord, now: Date): InspectionView {
  return {
    inspectionId: state.id,
    operatorId: state.operatorId,
    region: state.region,
    kind: state.kind,
    result: state.result,
    items: [...items],
    findings,
    ...(state.rectifyBy === undefined ? {} : { rectifyBy: state.rectifyBy }),
    ...(state.rectified ? { rectified: { ...state.rectified } } : {}),
    overdue: isOverdue(state, now.toISOString()),
    lots: [...state.lots],
    at: state.at,
    by: state.by,
    position,
  };
}

export function taskView({ state }: TaskRecord): TaskView {
  return {
    taskId: state.id,
    kind: state.kind,
    ...(state.title === undefined ? {} : { title: state.title }),
    region: state.region,
    categories: [...state.categories],
    items: [...state.items],
    dueBy: state.dueBy,
    progress: { planned: state.planned ?? null, sampled: state.sampled, tested: state.tested, failed: state.failed },
    createdAt: state.createdAt,
    by: state.by,
  };
}

export function sampleView(record: SampleRecord): SampleView {
  const { state } = record;
  const { name, category, variety } = state.product;
  return {
    sampleId: state.id,
    taskId: state.taskId,
    lotCode: state.lotCode,
    operatorId: state.operatorId,
    region: state.region,
    product: { name, category, ...(variety === undefined ? {} : { variety }) },
    takenAt: state.takenAt,
    by: state.by,
    ...(state.verdict === undefined ? {} : { verdict: state.verdict }),
    ...(state.testedAt === undefined ? {} : { testedAt: state.testedAt }),
    ...(record.items === undefined ? {} : { items: record.items.map((item) => ({ ...item })) }),
    ...(record.lab === undefined ? {} : { lab: record.lab }),
    ...(record.reportNumber === undefined ? {} : { reportNumber: record.reportNumber }),
    ...(record.alertId === undefined ? {} : { alertId: record.alertId }),
  };
}

export function alertView({ state, position }: AlertRecord): AlertView {
  return {
    alertId: state.id,
    sampleId: state.sampleId,
    lotCode: state.lotCode,
    operatorId: state.operatorId,
    region: state.region,
    reason: state.reason,
    status: state.status,
    raisedAt: state.raisedAt,
    frozen: [...state.frozen],
    alreadyFrozen: [...state.alreadyFrozen],
    holders: state.holders.map(({ operatorId, region }) => ({ operatorId, region })),
    buyers: state.buyers.map(({ code, buyer }) => ({ code, ref: buyer.ref })),
    ...(state.released ? { released: { ...state.released, codes: [...state.released.codes] } } : {}),
    position,
  };
}

export function caseView({ state, entries, penaltyNotes, closingNote }: CaseRecord): CaseView {
  return {
    caseId: state.id,
    operatorId: state.operatorId,
    region: state.region,
    basis: state.basis,
    lots: [...state.lots],
    status: state.status,
    records: entries.map((entry) => ({ ...entry, lots: [...entry.lots] })),
    penalties: state.penalties.map((entry, index) => {
      const note = penaltyNotes[index];
      return { ...entry, ...(note == null ? {} : { note }) };
    }),
    openedAt: state.openedAt,
    by: state.by,
    ...(state.closedAt === undefined ? {} : { closedAt: state.closedAt }),
    ...(closingNote === undefined ? {} : { closingNote }),
  };
}
