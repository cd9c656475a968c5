/**
 * RegulationProjection ('regulation'): the regulators' read model (issue 12).
 * It folds every event into the records of supervision, monitoring and
 * enforcement, its own copy of the operator facts it needs, the activity
 * index of the reports, the trace hook's counts and the risk findings. The
 * parts live in their own files; RegulationQueries (queries.ts) answers from them.
 */
import type { DomainEvent } from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import { checkNext, type Projection, type SnapshotImage } from '../projection.js';
import { ActivityIndex } from './activityIndex.js';
import { countEvent } from './counting.js';
import { FindingBook } from './findings.js';
import { LotFacts } from './lotFacts.js';
import { LotRules } from './lotRules.js';
import { OperatorFacts } from './operatorFacts.js';
import { RecordBook } from './records.js';
import { RepeatFailures } from './repeatFailures.js';
import { TraceCounts } from './traceCounts.js';

/**
 * 2: the trace counts keep each operator's newest lots and categories (the showcase).
 * 3: the activity index keeps times as Uint32 offsets from a base a block, entries in Uint16.
 * 4: the trace counts keep each operator's times in typed arrays, not JSON.
 */
const SNAPSHOT_VERSION = 4;

export class RegulationProjection implements Projection {
  readonly name = 'regulation';
  readonly snapshotVersion = SNAPSHOT_VERSION;
  private covered = 0;
  private last: string | undefined;
  private parts = emptyParts();

  get position(): number {
    return this.covered;
  }

  get lastHash(): string | undefined {
    return this.last;
  }

  get records(): RecordBook {
    return this.parts.records;
  }
  get operators(): OperatorFacts {
    return this.parts.operators;
  }
  get activity(): ActivityIndex {
    return this.parts.activity;
  }
  get trace(): TraceCounts {
    return this.parts.trace;
  }
  get findings(): FindingBook {
    return this.parts.findings;
  }

  apply(sealed: SealedEvent): void {
    checkNext(this.name, this.covered, sealed);
    const event = sealed as unknown as DomainEvent;
    const { records, operators, activity, trace, lotRules, repeatFailures } = this.parts;
    // The rules read the operators as they were before this event.
    lotRules.apply(event, sealed.position);
    if (event.type === 'sample.tested') repeatFailures.apply(event, sealed.position);
    countEvent(event, operators, activity, trace);
    records.apply(event, sealed.position);
    operators.apply(event, sealed.position);
    this.covered = sealed.position + 1;
    this.last = sealed.hash;
  }

  snapshot(): SnapshotImage {
    const { records, operators, activity, trace, findings, lots, repeatFailures } = this.parts;
    const activitySaved = activity.save();
    const lotsSaved = lots.save();
    const traceSaved = trace.save();
    return {
      name: this.name,
      version: this.snapshotVersion,
      position: this.covered,
      lastHash: this.last,
      arrays: {
        'activity.offsets': activitySaved.arrays.offsets,
        'activity.bases': activitySaved.arrays.bases,
        'activity.entries': activitySaved.arrays.entries,
        ...Object.fromEntries(Object.entries(lotsSaved.arrays).map(([key, array]) => [`lots.${key}`, array])),
        ...Object.fromEntries(Object.entries(traceSaved.arrays).map(([key, array]) => [`trace.${key}`, array])),
      },
      values: {
        records: records.save(),
        operators: operators.save(),
        activity: activitySaved.value,
        trace: traceSaved.value,
        findings: findings.save(),
        lots: lotsSaved.value,
        failures: repeatFailures.save(),
      },
    };
  }

  restore(image: SnapshotImage): void {
    this.reset();
    const { records, operators, activity, trace, findings, lots, repeatFailures } = this.parts;
    const values = image.values as unknown as SavedValues;
    records.load(values.records);
    operators.load(values.operators);
    activity.load({
      arrays: {
        offsets: image.arrays['activity.offsets'] as Uint32Array,
        bases: image.arrays['activity.bases'] as Float64Array,
        entries: image.arrays['activity.entries'] as Uint16Array | Int32Array,
      },
      value: values.activity,
    });
    trace.load({
      value: values.trace,
      arrays: {
        lotTimes: image.arrays['trace.lotTimes'] as Float64Array,
        lotCounts: image.arrays['trace.lotCounts'] as Uint32Array,
        handOffTimes: image.arrays['trace.handOffTimes'] as Float64Array,
        handOffCounts: image.arrays['trace.handOffCounts'] as Uint32Array,
      },
    });
    findings.load(values.findings);
    const lotArrays = Object.fromEntries(
      Object.entries(image.arrays)
        .filter(([key]) => key.startsWith('lots.'))
        .map(([key, array]) => [key.slice('lots.'.length), array]),
    );
    lots.load(lotArrays, values.lots);
    repeatFailures.load(values.failures);
    this.covered = image.position;
    this.last = image.lastHash;
  }

  reset(): void {
    this.parts = emptyParts();
    this.covered = 0;
    this.last = undefined;
  }
}

type Parts = ReturnType<typeof emptyParts>;
/** What snapshot() keeps in `values`, as each part's load takes it. */
interface SavedValues {
  readonly records: Parameters<Parts['records']['load']>[0];
  readonly operators: Parameters<Parts['operators']['load']>[0];
  readonly activity: Parameters<Parts['activity']['load']>[0]['value'];
  readonly trace: Parameters<Parts['trace']['load']>[0]['value'];
  readonly findings: Parameters<Parts['findings']['load']>[0];
  readonly lots: Parameters<Parts['lots']['load']>[1];
  readonly failures: Parameters<Parts['repeatFailures']['load']>[0];
}

function emptyParts() {
  const records = new RecordBook();
  const operators = new OperatorFacts();
  const findings = new FindingBook();
  const lots = new LotFacts();
  return {
    records,
    operators,
    findings,
    lots,
    activity: new ActivityIndex(),
    trace: new TraceCounts(),
    lotRules: new LotRules(operators, lots, findings),
    repeatFailures: new RepeatFailures(operators, findings),
  };
}
