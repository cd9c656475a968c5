/**
 * One cohort of the synthetic chain: farm lots are commissioned, recorded,
 * collected in their county, merged, sent to wholesale markets and
 * processors, merged again, handed to supermarket distribution centres,
 * stallholders and unregistered buyers (market-entry certificates), passed
 * to stores and sold. Each stage's commands are independent of each other,
 * so they are submitted together and the sequencer batches them; a stage
 * starts once the previous one is committed.
 */
import type { Actor, Buyer } from '../domain/index.js';
import { BUYER_KINDS, CANTEENS, DISTRICT_NAMES, REJECT_REASONS, SURNAMES, TRADE_OF, type ProductSpec } from './catalog.js';
import type { SeedOperator } from './operators.js';
import { amount, grain, operatorActor, split, type CohortContext, type PlannedLot, type Step } from './plan.js';
import { commissionSteps, mergeStep, processSteps, recordSteps, saleSteps } from './steps.js';
import { seedPersonal } from './personal.js';

const INSPECTOR: Actor = { kind: 'authority', role: 'inspector', region: '', id: 'moa-inspector-01' };

interface Shipment {
  readonly parent: PlannedLot;
  readonly to: SeedOperator;
  readonly childCode: string;
  readonly quantity: number;
}

export class Cohort {
  readonly farmLots: PlannedLot[] = [];
  /** Farm lots given production records. */
  readonly recorded = new Set<string>();

  constructor(private readonly ctx: CohortContext) {}

  async run(farmLotCount: number): Promise<void> {
    const { ctx } = this;
    await ctx.run(
      commissionSteps(ctx, farmLotCount, (lot) => {
        this.farmLots.push(lot);
        ctx.created(lot);
      }),
    );
    const fromFarms = await this.handOff(
      this.farmLots,
      (lot) => this.farmDestination(lot),
      { parts: [1, 3], share: [0.75, 1] },
      [0.95, 0.03],
    );
    const collected = await this.combine(
      fromFarms.filter((lot) => lot.holder.part === 'collector'),
      'merge',
      5,
    );
    const processed = await this.combine(
      fromFarms.filter((lot) => lot.holder.part === 'processor'),
      'process',
      3,
    );
    const atMarket = await this.handOff(
      [...collected, ...processed],
      (lot) => (lot.holder.part === 'processor' && ctx.random.chance(0.6) ? this.dcFor() : this.wholesaler(lot)),
      { parts: [1, 2], share: [1, 1] },
      [0.97, 0.02],
    );
    const wholesale = [
      ...atMarket.filter((lot) => lot.holder.part === 'wholesaler'),
      ...fromFarms.filter((lot) => lot.holder.part === 'wholesaler'),
    ];
    const mixed = await this.combine(wholesale, 'merge', 4);
    const downstream = await this.handOff(mixed, () => this.retailDestination(), { parts: [2, 4], share: [0.85, 1] }, [0.97, 0.02]);
    const atDc = [...downstream, ...atMarket].filter((lot) => lot.holder.part === 'dc');
    const inStores = await this.handOff(atDc, (lot) => this.storeFor(lot.holder), { parts: [2, 4], share: [0.9, 1] }, [0.98, 0.01]);
    const shelves = [...inStores, ...downstream.filter((lot) => lot.holder.part === 'stall')];
    await ctx.run(shelves.flatMap((lot) => saleSteps(ctx, lot)));
    if (ctx.freeze) await ctx.run(this.regulate());
  }

  /**
   * handOff ships each lot in `parts` shares to the destinations chosen,
   * then has each recipient accept, reject or (rarely) leave it in transit.
   * Returns the lots received. A null destination is an unregistered buyer.
   */
  private async handOff(
    lots: readonly PlannedLot[],
    destination: (lot: PlannedLot) => SeedOperator | null,
    shape: { parts: readonly [number, number]; share: readonly [number, number] },
    [acceptShare, rejectShare]: readonly [number, number],
  ): Promise<PlannedLot[]> {
    const { random, codes } = this.ctx;
    const shipments: Shipment[] = [];
    const steps: Step[] = [];
    for (const lot of lots) {
      if (lot.holder.part === 'farm' && random.chance(0.4)) {
        this.recorded.add(lot.code);
        steps.push(...recordSteps(this.ctx, lot));
      }
      const share = shape.share[0] + random.next() * (shape.share[1] - shape.share[0]);
      const total = Math.floor((lot.available * share) / grain(lot.unit)) * grain(lot.unit);
      for (const quantity of split(random, total, random.int(shape.parts[0], shape.parts[1]), grain(lot.unit))) {
        const to = destination(lot);
        if (to === null || to.id === lot.holder.id) {
          steps.push(this.marketEntry(lot, quantity));
          continue;
        }
        const shipment = { parent: lot, to, childCode: codes.next(2, lot.holder.region), quantity };
        lot.available -= quantity;
        steps.push({
          command: {
            type: 'lot.ship',
            code: lot.code,
            childCode: shipment.childCode,
            quantity: { amount: amount(quantity), unit: lot.unit },
            to: { operatorId: to.id },
          },
          actor: operatorActor(lot.holder),
          then: () => shipments.push(shipment),
        });
      }
    }
    await this.ctx.run(steps);
    const received: PlannedLot[] = [];
    const answers: Step[] = [];
    for (const shipment of shipments) {
      const roll = random.next();
      const { parent, to, childCode, quantity } = shipment;
      if (roll < acceptShare) {
        const child: PlannedLot = { ...parent, code: childCode, holder: to, available: quantity, depth: parent.depth + 1 };
        answers.push({ command: { type: 'lot.accept', code: childCode }, actor: operatorActor(to), then: () => received.push(child) });
        this.ctx.created(child);
      } else if (roll < acceptShare + rejectShare) {
        const reason = random.pick(REJECT_REASONS);
        answers.push({
          command: { type: 'lot.reject', code: childCode, reason },
          actor: operatorActor(to),
          then: () => (parent.available += quantity),
        });
        this.ctx.created({ code: childCode, fate: 'rejected', by: parent.holder });
      } else {
        this.ctx.created({ code: childCode, fate: 'in-transit', by: parent.holder });
      }
    }
    await this.ctx.run(answers);
    return received;
  }

  /** A market-entry certificate (入市追溯凭证, kind 3) for an unregistered buyer. */
  private marketEntry(lot: PlannedLot, quantity: number): Step {
    const { random, codes } = this.ctx;
    const code = codes.next(3, lot.holder.region);
    lot.available -= quantity;
    const district = DISTRICT_NAMES[lot.holder.region] ?? '';
    const buyer: Buyer = random.chance(0.3)
      ? { name: `${district}${random.pick(CANTEENS)}食堂`, phone: `020-${random.digits(8)}` }
      : { name: `${district}${random.pick(SURNAMES)}记${random.pick(BUYER_KINDS)}`, phone: `13${random.digits(9)}` };
    const sealed = seedPersonal(`buyer:${code}`, buyer, `operator:${lot.holder.id}`, lot.holder.region, this.ctx.now);
    return {
      command: {
        type: 'lot.ship',
        code: lot.code,
        childCode: code,
        quantity: { amount: amount(quantity), unit: lot.unit },
        to: { buyer: sealed.pointer },
      },
      actor: operatorActor(lot.holder),
      vault: [sealed.row],
      then: () => this.ctx.created({ code, fate: 'market-entry', by: lot.holder }),
    };
  }

  /**
   * combine merges (same product, variety and unit; one output with their
   * sum) or processes (the spec's outputs) groups of up to `most` lots of one
   * holder. Lots left alone pass through unchanged.
   */
  private async combine(lots: readonly PlannedLot[], mode: 'merge' | 'process', most: number): Promise<PlannedLot[]> {
    const { random } = this.ctx;
    const groups = new Map<string, PlannedLot[]>();
    for (const lot of lots) {
      if (lot.available <= 0) continue;
      const key = `${lot.holder.id}|${lot.product.name}|${lot.product.variety ?? ''}|${lot.unit}`;
      groups.set(key, [...(groups.get(key) ?? []), lot]);
    }
    const result: PlannedLot[] = [];
    const steps: Step[] = [];
    for (const group of groups.values()) {
      random.shuffle(group);
      for (let i = 0; i < group.length; ) {
        const size = Math.min(group.length - i, random.int(1, most));
        const inputs = group.slice(i, i + size);
        i += size;
        if (mode === 'merge' && inputs.length === 1) {
          result.push(inputs[0]!);
          continue;
        }
        steps.push(...(mode === 'merge' ? mergeStep(this.ctx, inputs, result) : processSteps(this.ctx, inputs, result)));
      }
    }
    await this.ctx.run(steps);
    return result;
  }

  /** A spot check finds a problem: a farm lot is frozen with everything made from it; sometimes cleared again. */
  private regulate(): Step[] {
    const lot = this.farmLots.find((candidate) => candidate.spec.category !== 'tea') ?? this.farmLots[0];
    if (!lot) return [];
    const released = this.ctx.random.chance(0.5);
    const steps: Step[] = [
      {
        command: { type: 'lot.freeze', code: lot.code, reason: '抽检农药残留超标，暂停流通待复检', cascade: true },
        actor: INSPECTOR,
        then: () => this.ctx.frozen(lot.code, released),
      },
    ];
    if (released)
      steps.push({ command: { type: 'lot.release', code: lot.code, reason: '复检合格，解除冻结', cascade: true }, actor: INSPECTOR });
    return steps;
  }

  private farmDestination(lot: PlannedLot): SeedOperator | null {
    const { random, chain } = this.ctx;
    const spec: ProductSpec = lot.spec;
    const processors = chain.processors.get(spec.name) ?? [];
    if (spec.processing?.required && processors.length > 0) return random.pick(processors);
    const roll = random.next();
    const collectors = chain.collectors.get(lot.holder.region) ?? [];
    if (roll < 0.55 && collectors.length > 0) return random.pick(collectors);
    if (roll < 0.9 || (roll < 0.96 && processors.length === 0)) return this.wholesaler(lot);
    if (roll < 0.96) return random.pick(processors);
    return null;
  }

  private retailDestination(): SeedOperator | null {
    const { random, chain } = this.ctx;
    const roll = random.next();
    if (roll < 0.45) return this.dcFor();
    if (roll < 0.8) return random.pick(chain.stalls);
    return null;
  }

  /** A wholesaler whose trade covers the lot's goods. */
  private wholesaler(lot: PlannedLot): SeedOperator {
    const { chain, random } = this.ctx;
    return random.pick(chain.trades.get(TRADE_OF[lot.product.category]) ?? chain.wholesalers);
  }

  private dcFor(): SeedOperator {
    return this.ctx.random.pick(this.ctx.chain.dcs);
  }

  private storeFor(dc: SeedOperator): SeedOperator {
    return this.ctx.random.pick(this.ctx.chain.stores[dc.chain!]!);
  }
}
