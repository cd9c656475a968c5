/**
 * Rule 4, 'repeat-failures': an operator (the sample's data.operatorId) with
 * two or more failed samples within 365 days. A run of failures is a chain in
 * which each failure comes within 365 days of the one before; it makes one
 * finding, named after the run's first failure, whose `at` is the latest
 * failure and whose evidence is every failure in the 365 days up to it.
 * Failures are taken in log order (times as a single writer stamps them).
 */
import type { EventOf } from '../../domain/index.js';
import type { Evidence, FindingBook } from './findings.js';
import type { OperatorFacts } from './operatorFacts.js';

const WINDOW_MS = 365 * 86_400_000;

interface Failure {
  readonly atMs: number;
  readonly at: string;
  readonly position: number;
  readonly lotCode: string;
}

interface OperatorFailures {
  /** Failures of the last 365 days before the latest (older ones are dropped). */
  recent: Failure[];
  /** The finding of the current run, if two failures have made one. */
  runFindingId?: string;
}

export class RepeatFailures {
  private operators = new Map<string, OperatorFailures>();

  constructor(
    private readonly facts: OperatorFacts,
    private readonly findings: FindingBook,
  ) {}

  apply(event: EventOf<'sample.tested'>, position: number): void {
    if (event.data.verdict !== 'fail') return;
    const { operatorId, lotCode } = event.data;
    let failures = this.operators.get(operatorId);
    if (!failures) {
      failures = { recent: [] };
      this.operators.set(operatorId, failures);
    }
    const atMs = Date.parse(event.time);
    failures.recent = failures.recent.filter((failure) => failure.atMs > atMs - WINDOW_MS && failure.atMs <= atMs);
    failures.recent.push({ atMs, at: event.time, position, lotCode });
    if (failures.recent.length < 2) {
      delete failures.runFindingId;
      return;
    }
    failures.runFindingId ??= `repeat-failures:${operatorId}:${failures.recent[0]!.position}`;
    const evidence: Evidence[] = failures.recent.map((failure) => ({
      position: failure.position,
      type: 'sample.tested',
      lotCode: failure.lotCode,
    }));
    this.findings.put({
      findingId: failures.runFindingId,
      rule: 'repeat-failures',
      at: event.time,
      region: this.facts.region(operatorId) ?? '',
      operatorId,
      lotCode,
      summary: `经营主体 ${operatorId} 12 个月内抽检不合格 ${failures.recent.length} 次 (${failures.recent.length} failed samples within 12 months)`,
      evidence,
    });
  }

  save(): [string, OperatorFailures][] {
    return [...this.operators];
  }

  load(saved: readonly [string, OperatorFailures][]): void {
    this.operators = new Map(saved.map(([id, failures]) => [id, { ...failures, recent: [...failures.recent] }]));
  }
}
