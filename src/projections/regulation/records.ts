/**
 * RecordBook: the regulators' records — inspections, sampling tasks, samples,
 * alerts and cases — each the domain's state (folded with `evolve` on its
 * `inspection:`/`task:`/`sample:`/`alert:`/`case:` tag) plus the detail the
 * state leaves out, read from the events (items checked, findings, lab
 * results, case records, penalty notes), and the log position of its first
 * event. Records are few beside lots: plain objects, kept in creation order.
 */
import {
  evolve,
  parseTag,
  type AlertState,
  type CaseRecordKind,
  type CaseState,
  type DomainEvent,
  type InspectionState,
  type RecordKind,
  type RecordState,
  type SampleState,
  type TaskState,
  type TestItemResult,
} from '../../domain/index.js';

export interface InspectionRecord {
  state: InspectionState;
  readonly items: readonly string[];
  readonly findings: string;
  readonly position: number;
}

export interface TaskRecord {
  state: TaskState;
  readonly position: number;
}

export interface SampleRecord {
  state: SampleState;
  items?: readonly TestItemResult[];
  lab?: string;
  reportNumber?: string;
  alertId?: string;
  readonly position: number;
}

export interface AlertRecord {
  state: AlertState;
  readonly position: number;
}

export interface CaseEntry {
  readonly kind: CaseRecordKind;
  readonly note: string;
  readonly lots: readonly string[];
  readonly at: string;
  readonly by: string;
}

export interface CaseRecord {
  state: CaseState;
  readonly entries: CaseEntry[];
  /** The note of each penalty, in the order of state.penalties. */
  readonly penaltyNotes: (string | null)[];
  closingNote?: string;
  readonly position: number;
}

/** One kind of record: by id, and in creation order (the newest last). */
export class RecordList<R extends { readonly position: number }> {
  private readonly byId = new Map<string, R>();
  private readonly ordered: R[] = [];

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.ordered.length;
  }

  add(id: string, record: R): void {
    this.byId.set(id, record);
    this.ordered.push(record);
  }

  /** newestFirst walks the records from the newest; stop by returning false. */
  newestFirst(visit: (record: R) => boolean): void {
    for (let i = this.ordered.length - 1; i >= 0; i--) if (!visit(this.ordered[i]!)) return;
  }

  all(): readonly R[] {
    return this.ordered;
  }
}

export class RecordBook {
  readonly inspections = new RecordList<InspectionRecord>();
  readonly tasks = new RecordList<TaskRecord>();
  readonly samples = new RecordList<SampleRecord>();
  readonly alerts = new RecordList<AlertRecord>();
  readonly cases = new RecordList<CaseRecord>();
  /** Inspections that ordered a rectification not yet closed (rule 5 is computed over these at query time). */
  readonly openRectifications = new Set<string>();

  apply(event: DomainEvent, position: number): void {
    for (const tag of event.tags) {
      const parsed = parseTag(tag);
      if (!parsed || parsed.entity === 'lot' || parsed.entity === 'operator' || parsed.entity === 'epcis') continue;
      const before = this.stateOf(parsed.entity, parsed.id);
      const after = evolve(tag, before, event) as RecordState | undefined;
      if (after?.entity !== parsed.entity) continue;
      this.update(parsed.id, before, after, event, position);
    }
    // A failed sample's alert is tagged with the sample too, but the sample's state does not change: note it here.
    if (event.type === 'alert.raised') {
      const sample = this.samples.get(event.data.sampleId);
      if (sample) sample.alertId = event.data.alertId;
    }
  }

  private stateOf(kind: RecordKind, id: string): RecordState | undefined {
    switch (kind) {
      case 'inspection':
        return this.inspections.get(id)?.state;
      case 'task':
        return this.tasks.get(id)?.state;
      case 'sample':
        return this.samples.get(id)?.state;
      case 'alert':
        return this.alerts.get(id)?.state;
      case 'case':
        return this.cases.get(id)?.state;
    }
  }

  private update(id: string, before: RecordState | undefined, after: RecordState, event: DomainEvent, position: number): void {
    switch (after.entity) {
      case 'inspection': {
        const data = event.type === 'inspection.recorded' ? event.data : undefined;
        const record = this.inspections.get(id);
        if (!record || !before) {
          this.inspections.add(id, { state: after, items: data?.items ?? [], findings: data?.findings ?? '', position });
        } else record.state = after;
        if (after.result === 'rectify' && !after.rectified) this.openRectifications.add(id);
        else this.openRectifications.delete(id);
        return;
      }
      case 'task': {
        const record = this.tasks.get(id);
        if (record) record.state = after;
        else this.tasks.add(id, { state: after, position });
        return;
      }
      case 'sample': {
        let record = this.samples.get(id);
        if (!record) {
          record = { state: after, position };
          this.samples.add(id, record);
        }
        record.state = after;
        if (event.type === 'sample.tested') {
          record.items = event.data.items;
          if (event.data.lab !== undefined) record.lab = event.data.lab;
          if (event.data.reportNumber !== undefined) record.reportNumber = event.data.reportNumber;
        }
        return;
      }
      case 'alert': {
        const record = this.alerts.get(id);
        if (record) record.state = after;
        else this.alerts.add(id, { state: after, position });
        return;
      }
      case 'case':
        this.updateCase(id, after, event, position);
        return;
    }
  }

  private updateCase(id: string, after: CaseState, event: DomainEvent, position: number): void {
    let record = this.cases.get(id);
    if (!record) {
      record = { state: after, entries: [], penaltyNotes: [], position };
      this.cases.add(id, record);
    }
    record.state = after;
    if (event.type === 'case.recorded') {
      const { kind, note, lots } = event.data;
      record.entries.push({ kind, note, lots: lots ?? [], at: event.time, by: event.actor });
    } else if (event.type === 'case.penalized') {
      record.penaltyNotes.push(event.data.note ?? null);
    } else if (event.type === 'case.closed' && event.data.note !== undefined) {
      record.closingNote = event.data.note;
    }
  }

  save(): Record<string, unknown> {
    return {
      inspections: this.inspections.all(),
      tasks: this.tasks.all(),
      samples: this.samples.all(),
      alerts: this.alerts.all(),
      cases: this.cases.all(),
    };
  }

  load(values: Readonly<Record<string, unknown>>): void {
    for (const record of values.inspections as InspectionRecord[]) {
      this.inspections.add(record.state.id, record);
      if (record.state.result === 'rectify' && !record.state.rectified) this.openRectifications.add(record.state.id);
    }
    for (const record of values.tasks as TaskRecord[]) this.tasks.add(record.state.id, record);
    for (const record of values.samples as SampleRecord[]) this.samples.add(record.state.id, record);
    for (const record of values.alerts as AlertRecord[]) this.alerts.add(record.state.id, record);
    for (const record of values.cases as CaseRecord[]) this.cases.add(record.state.id, record);
  }
}
