/**
 * The planner's picture of the chain: which lots exist, who holds them and
 * how much is left, in integer thousandths of their unit, so that every
 * command it writes is one the domain accepts.
 */
import { generateTraceCode, type Actor, type Command, type Product, type TraceCodeKind, type Unit } from '../domain/index.js';
import type { VaultRow } from '../store/index.js';
import type { ProductSpec } from './catalog.js';
import type { ChainDirectory } from './directory.js';
import type { SeedOperator } from './operators.js';
import { SerialPermutation, type Random } from './random.js';

export interface PlannedLot {
  readonly code: string;
  readonly holder: SeedOperator;
  readonly product: Product;
  readonly spec: ProductSpec;
  readonly unit: Unit;
  /** What is left to move, in thousandths. */
  available: number;
  /** Longest chain of hand-offs and steps from a farm lot to this one. */
  readonly depth: number;
  /** Made by a processing step (its goods changed). */
  readonly processed: boolean;
  /** Regions the goods were produced in. */
  readonly origins: readonly string[];
}

/** A command to submit, with what to do once it is accepted. */
export interface Step {
  readonly command: Command;
  readonly actor: Actor;
  /** The personal-data rows the command's events commit to. */
  readonly vault?: readonly VaultRow[];
  readonly then?: () => void;
}

/** Amounts of a unit move in whole units, or tenths of a kilogram. */
export function grain(unit: Unit): number {
  return unit === 'kg' ? 100 : 1000;
}

export const amount = (thousandths: number): number => thousandths / 1000;

/**
 * split divides `total` thousandths into `parts` positive shares, each a
 * multiple of `step`, or fewer shares when there is too little to go round.
 */
export function split(random: Random, total: number, parts: number, step: number): number[] {
  const units = Math.floor(total / step);
  const count = Math.max(0, Math.min(parts, units));
  if (count === 0) return [];
  const weights = Array.from({ length: count }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.max(1, Math.floor((weight / sum) * units)));
  let excess = shares.reduce((a, b) => a + b, 0) - units;
  for (let i = 0; excess > 0; i = (i + 1) % count) {
    if (shares[i]! > 1) {
      shares[i]! -= 1;
      excess -= 1;
    }
  }
  return shares.map((share) => share * step);
}

/** CodeIssuer hands out fresh trace codes, never the same serial twice. */
export class CodeIssuer {
  private issued = 0;
  private readonly serials: SerialPermutation;

  constructor(random: Random) {
    this.serials = new SerialPermutation(random);
  }

  next(kind: TraceCodeKind, region: string): string {
    return generateTraceCode({ kind, region, serial: this.serials.serial(this.issued++) });
  }
}

/** China Standard Time calendar day of an instant, `days` earlier: YYYY-MM-DD. */
export function chinaDate(now: Date, daysBefore: number): string {
  return new Date(now.getTime() + 8 * 3_600_000 - daysBefore * 86_400_000).toISOString().slice(0, 10);
}

export const operatorActor = (operator: SeedOperator): Actor => ({ kind: 'operator', operatorId: operator.id });

export interface CohortContext {
  readonly random: Random;
  readonly codes: CodeIssuer;
  readonly now: Date;
  readonly chain: ChainDirectory;
  /** Submits the steps together and resolves once all are committed (throws on any refusal). */
  readonly run: (steps: readonly Step[]) => Promise<void>;
  /** Called for every lot the cohort creates: planned lots, and those it will not move again. */
  readonly created: (
    lot: PlannedLot | { readonly code: string; readonly fate: 'market-entry' | 'in-transit' | 'rejected'; readonly by: SeedOperator },
  ) => void;
  /** Called when a lot (and its descendants) is frozen. */
  readonly frozen: (code: string, released: boolean) => void;
  /** Whether this cohort also freezes a lot for the regulators' records. */
  readonly freeze: boolean;
}
