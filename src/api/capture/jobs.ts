/**
 * EPCIS capture jobs (issue 15; EPCIS 2.0 REST `CaptureJob`): what a POST /epcis/capture became.
 * A job is `running` until the ledger has decided; then `success`, with the log positions and
 * event hashes it appended, or not, with each failure's JSON pointer. Jobs live in the writer's
 * memory (the events themselves are in the log, each naming its captureId): a restart forgets
 * them, and only the most recent MAX_JOBS are kept.
 */
import { randomBytes } from 'node:crypto';

export type CaptureBehaviour = 'rollback' | 'proceed';

export interface CaptureFailure {
  /** RFC 6901 pointer into the captured document. */
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
}

export interface CapturedEntry {
  readonly eventID: string;
  readonly eventHash: string;
  readonly position: number;
}

export interface CaptureJob {
  readonly captureID: string;
  readonly createdAt: string;
  finishedAt?: string;
  running: boolean;
  success: boolean;
  readonly captureErrorBehaviour: CaptureBehaviour;
  readonly errors: CaptureFailure[];
  readonly captured: CapturedEntry[];
  /** The principal that posted it: only it (or an admin) may read the job. */
  readonly principal: string;
  /** Set when an Idempotency-Key replay answered with an earlier capture's events. */
  replayOf?: string;
}

/** The most jobs kept; the oldest finished ones go first. */
const MAX_JOBS = 10_000;

export class CaptureJobs {
  private readonly jobs = new Map<string, CaptureJob>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  start(principal: string, behaviour: CaptureBehaviour): CaptureJob {
    const job: CaptureJob = {
      captureID: randomBytes(16).toString('hex'),
      createdAt: this.clock().toISOString(),
      running: true,
      success: true,
      captureErrorBehaviour: behaviour,
      errors: [],
      captured: [],
      principal,
    };
    this.jobs.set(job.captureID, job);
    this.trim();
    return job;
  }

  finish(job: CaptureJob): void {
    job.running = false;
    job.success = job.errors.length === 0;
    job.finishedAt = this.clock().toISOString();
  }

  /** running: how many of `principal`'s jobs are still running. */
  running(principal: string): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.running && job.principal === principal) count++;
    return count;
  }

  get(captureID: string): CaptureJob | undefined {
    return this.jobs.get(captureID);
  }

  /** The jobs of `principal`, newest first (every job for undefined). */
  list(principal: string | undefined, limit: number): CaptureJob[] {
    const all = [...this.jobs.values()].filter((job) => principal === undefined || job.principal === principal);
    return all.reverse().slice(0, limit);
  }

  private trim(): void {
    if (this.jobs.size <= MAX_JOBS) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS) break;
      if (!job.running) this.jobs.delete(id);
    }
  }
}

/** jobView: a job as the API answers it (the EPCIS CaptureJob fields, then Suyuan's). */
export function jobView(job: CaptureJob): Record<string, unknown> {
  const { principal: _principal, ...view } = job;
  return view;
}
