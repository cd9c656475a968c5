/**
 * seedDemo writes a synthetic supply chain through a ledger (or anything
 * that decides commands the same way): operators register and a county
 * reviewer approves them (a few are turned down and file again), then
 * cohorts of farm lots flow down the chain until `lots` lots exist. Same
 * seed, same `now` and same ledger clock: the same log, event for event.
 */
import type { Actor, Command } from '../domain/index.js';
import type { VaultRow } from '../store/index.js';
import { Cohort } from './cohort.js';
import { ChainDirectory } from './directory.js';
import { OperatorFactory, type SeedOperator } from './operators.js';
import { CodeIssuer, operatorActor, type PlannedLot, type Step } from './plan.js';
import { Random } from './random.js';
import { superviseDemo } from './regulators.js';
import { captureSteps } from './captures.js';

/** What seedDemo writes through: SuyuanLedger fits. */
export interface SeedTarget {
  /** `vault`: the personal-data rows the command's events commit to, written with them (the third argument is SuyuanLedger's idempotency). */
  submit(
    command: Command,
    actor: Actor,
    idempotency?: undefined,
    vault?: readonly VaultRow[],
  ): Promise<{ readonly ok: boolean; readonly events?: readonly unknown[] }>;
  /** Called between cohorts: no lot made so far will be touched again (a driver may forget them). */
  settled?(): void;
}

export interface SeedOptions {
  /** Lots to create (the last cohort may overshoot a little). */
  readonly lots: number;
  /** PRNG seed. Default 1. */
  readonly seed?: number;
  /** Business dates (production, certificates, records) fall before this day. Default: now. Keep it at or before the ledger's clock. */
  readonly now?: Date;
  /** Farm lots per cohort at most (a cohort's stages are submitted together). Default 2,500. */
  readonly cohortSize?: number;
  readonly onProgress?: (progress: SeedProgress) => void;
  /** Add the regulators' demo (inspections, sampling with one failed sample and its recall, a case). Default true. */
  readonly regulators?: boolean;
  /** Add a supermarket platform's and a store's captured EPCIS events (issue 15). Default true. */
  readonly captures?: boolean;
}

export interface SeedProgress {
  readonly lots: number;
  readonly target: number;
  readonly events: number;
}

/** Codes worth looking up after seeding. */
export interface SeedCodes {
  /** A store lot with the longest chain behind it (farm → collector → merge → market → merge → DC → store). */
  readonly retail: string;
  /** A farm lot (生产批次) with production records, certificate and children. */
  readonly farm: string;
  /** A market-entry certificate (入市追溯凭证) issued at a wholesale market. */
  readonly marketEntry: string;
  /** A lot made by processing. */
  readonly processed?: string;
  /** A farm lot frozen, with its descendants, after a spot check. */
  readonly frozen?: string;
  /** A lot still in transit (in its recipient's holdings). */
  readonly inTransit?: string;
  /** A lot whose failed sample froze it and its descendants, and the alert that did. */
  readonly recalled?: string;
  readonly alertId?: string;
}

export interface SeedResult {
  readonly lots: number;
  readonly events: number;
  readonly operators: number;
  readonly codes: SeedCodes;
  /** Operator ids worth looking up: the farm and the store of the codes above, a wholesaler. */
  readonly operatorIds: { readonly farm: string; readonly store: string; readonly wholesaler: string };
}

/** Thrown when the ledger refuses a command the generator meant to be valid. */
export class SeedError extends Error {
  override name = 'SeedError';
}

export async function seedDemo(ledger: SeedTarget, options: SeedOptions): Promise<SeedResult> {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const target = Math.max(1, Math.floor(options.lots));
  const random = new Random(seed);
  const factory = new OperatorFactory(new Random(seed, 1), now);
  const chain = new ChainDirectory(factory.all(target));
  const codes = new CodeIssuer(new Random(seed, 2));
  let events = 0;
  let lots = 0;
  const notable: {
    retail?: PlannedLot;
    farm?: PlannedLot;
    marketEntry?: string;
    anyMarketEntry?: string;
    processed?: string;
    frozen?: string;
    inTransit?: string;
  } = {};
  /** Store lots a supermarket platform reports receiving (issue 15's captured EPCIS events). */
  const storeLots: PlannedLot[] = [];

  const run = async (steps: readonly Step[]): Promise<void> => {
    const outcomes = await Promise.all(steps.map((step) => ledger.submit(step.command, step.actor, undefined, step.vault ?? [])));
    outcomes.forEach((outcome, i) => {
      const step = steps[i]!;
      if (!outcome.ok) {
        throw new SeedError(`the ledger refused ${step.command.type} (${describe(step.command)}): ${JSON.stringify(outcome)}`);
      }
      events += outcome.events?.length ?? 0;
      step.then?.();
    });
    options.onProgress?.({ lots, target, events });
  };

  await onboard(chain.all, factory, random, run);

  let farmLots = 0;
  for (let index = 0; lots < target; index++) {
    const ratio = farmLots === 0 ? 11 : lots / farmLots;
    const size = Math.max(2, Math.min(options.cohortSize ?? 2500, Math.ceil((target - lots) / ratio)));
    const cohort = new Cohort({
      random: new Random(seed, 1000 + index),
      codes,
      now,
      chain,
      run,
      freeze: index % 4 === 0,
      created: (lot) => {
        lots += 1;
        if ('fate' in lot) {
          if (lot.fate === 'market-entry' && lot.by.part === 'wholesaler') notable.marketEntry ??= lot.code;
          if (lot.fate === 'market-entry') notable.anyMarketEntry ??= lot.code;
          if (lot.fate === 'in-transit') notable.inTransit ??= lot.code;
          return;
        }
        if (lot.processed) notable.processed ??= lot.code;
        if (lot.holder.part === 'store' && lot.depth > (notable.retail?.depth ?? -1)) notable.retail = lot;
        if (lot.holder.part === 'store' && storeLots.length < 8) storeLots.push(lot);
      },
      frozen: (code) => (notable.frozen ??= code),
    });
    await cohort.run(size);
    ledger.settled?.();
    farmLots += cohort.farmLots.length;
    notable.farm ??= cohort.farmLots.find((lot) => cohort.recorded.has(lot.code) && lot.code !== notable.frozen) ?? cohort.farmLots[0];
  }

  const farm = notable.farm!;
  const retail = notable.retail ?? farm;
  const supervised =
    options.regulators === false
      ? undefined
      : await superviseDemo({ chain, codes, now, seed, run, passing: [farm, retail].filter((lot) => lot.code !== notable.frozen) });
  if (options.captures !== false && retail.holder.part === 'store') {
    for (const step of captureSteps([...new Set([retail, ...storeLots])], retail, now)) await run([step]);
  }
  return {
    lots: lots + (supervised?.lots ?? 0),
    events,
    operators: chain.all.length,
    codes: {
      retail: retail.code,
      farm: farm.code,
      marketEntry: notable.marketEntry ?? notable.anyMarketEntry ?? farm.code,
      ...(notable.processed ? { processed: notable.processed } : {}),
      ...(notable.frozen ? { frozen: notable.frozen } : {}),
      ...(notable.inTransit ? { inTransit: notable.inTransit } : {}),
      ...(supervised ? { recalled: supervised.recalled, alertId: supervised.alertId } : {}),
    },
    operatorIds: { farm: farm.holder.id, store: retail.holder.id, wholesaler: chain.wholesalers[0]!.id },
  };
}

/**
 * onboard registers every operator (each files for itself), has its
 * county's reviewer approve it — turning a few down first, to file again —
 * and records the producers' certifications.
 */
async function onboard(
  operators: readonly SeedOperator[],
  factory: OperatorFactory,
  random: Random,
  run: (steps: readonly Step[]) => Promise<void>,
): Promise<void> {
  const reviewer = (operator: SeedOperator): Actor => ({
    kind: 'authority',
    role: 'reviewer',
    region: operator.region,
    id: `reviewer-${operator.region}`,
  });
  const refused = operators.filter((operator, i) => operator.part === 'farm' && (i % 37 === 5 || random.chance(0.01)));
  const refusedIds = new Set(refused.map((operator) => operator.id));
  await run(operators.map((operator) => ({ ...factory.registration(operator), actor: operatorActor(operator) })));
  await run(
    operators.map((operator) => ({
      command: refusedIds.has(operator.id)
        ? { type: 'operator.review', operatorId: operator.id, decision: 'reject', reason: '营业执照副本照片不清晰，请重新提交' }
        : { type: 'operator.review', operatorId: operator.id, decision: 'approve' },
      actor: reviewer(operator),
    })),
  );
  if (refused.length > 0) {
    await run(refused.map((operator) => ({ ...factory.registration(operator, 1), actor: operatorActor(operator) })));
    await run(
      refused.map((operator) => ({
        command: { type: 'operator.review', operatorId: operator.id, decision: 'approve', reason: '补正材料齐全' },
        actor: reviewer(operator),
      })),
    );
  }
  await run(
    operators.flatMap((operator) =>
      operator.certifications.map((certification) => ({
        command: { type: 'operator.certify', operatorId: operator.id, certification },
        actor: reviewer(operator),
      })),
    ),
  );
}

function describe(command: Command): string {
  const fields = command as { code?: string; operatorId?: string; outputs?: readonly { code: string }[] };
  return fields.code ?? fields.operatorId ?? fields.outputs?.map((output) => output.code).join(',') ?? command.type;
}
