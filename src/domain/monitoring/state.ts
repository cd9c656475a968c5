/** What the ledger remembers about sampling tasks, samples and alerts. */
import type { PersonalRef, Product, ProductCategory } from '../values/index.js';
import type { SamplingKind, Verdict } from './commands.js';

export interface TaskState {
  readonly entity: 'task';
  readonly id: string;
  readonly kind: SamplingKind;
  readonly title?: string;
  /** Region prefix (2, 4 or 6 digits). */
  readonly region: string;
  readonly categories: readonly ProductCategory[];
  readonly items: readonly string[];
  readonly dueBy: string;
  readonly planned?: number;
  readonly sampled: number;
  readonly tested: number;
  readonly failed: number;
  readonly createdAt: string;
  readonly by: string;
}

export interface SampleState {
  readonly entity: 'sample';
  readonly id: string;
  readonly taskId: string;
  readonly lotCode: string;
  readonly operatorId: string;
  /** The region of the operator where the sample was taken. */
  readonly region: string;
  readonly product: Product;
  readonly takenAt: string;
  readonly by: string;
  readonly verdict?: Verdict;
  readonly testedAt?: string;
}

/**
 * The alerts raised on samples of one lot and not yet released: while any is
 * open, the lot and everything made from it stay frozen (see recall.ts).
 */
export interface RecallState {
  readonly entity: 'recall';
  readonly code: string;
  readonly open: readonly string[];
}

export interface AlertState {
  readonly entity: 'alert';
  readonly id: string;
  readonly sampleId: string;
  readonly lotCode: string;
  readonly operatorId: string;
  readonly region: string;
  readonly reason: string;
  readonly raisedAt: string;
  readonly by: string;
  readonly frozen: readonly string[];
  readonly alreadyFrozen: readonly string[];
  readonly holders: readonly { readonly operatorId: string; readonly region: string }[];
  readonly buyers: readonly { readonly code: string; readonly buyer: PersonalRef }[];
  readonly status: 'open' | 'released';
  readonly released?: { readonly at: string; readonly by: string; readonly reason: string; readonly codes: readonly string[] };
}
