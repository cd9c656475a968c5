/**
 * The commands of a synthetic chain, one kind at a time: commissioning a
 * farm lot with its certificate of compliance, production records, merges
 * and processing (with certificates re-issued), and retail sales. Each
 * builder returns steps whose `then` updates the planner once accepted.
 */
import { regionName, type Certificate, type Command, type Product, type ProductionRecord, type Unit } from '../domain/index.js';
import { PRODUCTS } from './catalog.js';
import { publicName, type SeedOperator } from './operators.js';
import { amount, chinaDate, grain, operatorActor, split, type CohortContext, type PlannedLot, type Step } from './plan.js';
import { seedHotline } from './personal.js';

/** Stage 1: producers commission farm lots (生产批次) with certificates of compliance. */
export function commissionSteps(ctx: CohortContext, count: number, made: (lot: PlannedLot) => void): Step[] {
  const { random, codes, now, chain } = ctx;
  const producers = chain.producers;
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const producer = random.pick(producers);
    const spec = PRODUCTS.find((product) => product.name === producer.products[0])!;
    const product: Product = spec.varieties
      ? { name: spec.name, category: spec.category, variety: random.pick(spec.varieties) }
      : { name: spec.name, category: spec.category };
    const step = grain(spec.unit);
    const quantity = Math.round((random.int(spec.lot[0], spec.lot[1]) * 1000) / step) * step;
    const producedAt = chinaDate(now, random.int(3, 40));
    const code = codes.next(1, producer.region);
    const withCertificate = random.chance(0.9);
    const certificate: Certificate = {
      product: product.variety ? `${product.name}（${product.variety}）` : product.name,
      quantity: { amount: amount(quantity), unit: spec.unit },
      origin: `${regionName(producer.region)}${producer.base ?? ''}`,
      issuedAt: producedAt,
      issuer: publicName(producer),
      contact: seedHotline(producer.id),
    };
    const claims = producer.certifications
      .filter((c) => c.type !== 'geographical-indication' || spec.gi?.[producer.region])
      .map((c) => c.number);
    const command: Command = {
      type: 'lot.commission',
      code,
      product,
      quantity: { amount: amount(quantity), unit: spec.unit },
      producedAt,
      origin: producer.base ? { region: producer.region, base: producer.base } : { region: producer.region },
      ...(withCertificate ? { certificate } : {}),
      ...(claims.length > 0 ? { claims } : {}),
    };
    const lot: PlannedLot = {
      code,
      holder: producer,
      product,
      spec,
      unit: spec.unit,
      available: quantity,
      depth: 0,
      processed: false,
      origins: [producer.region],
    };
    steps.push({
      command,
      actor: operatorActor(producer),
      then: () => made(lot),
    });
  }
  return steps;
}

/** A merge (合并): one output holding exactly the inputs' sum, with a certificate re-issued for the mix. */
export function mergeStep(ctx: CohortContext, inputs: readonly PlannedLot[], made: PlannedLot[]): Step[] {
  const [first] = inputs;
  const holder = first!.holder;
  const total = inputs.reduce((sum, lot) => sum + lot.available, 0);
  const code = ctx.codes.next(2, holder.region);
  const origins = [...new Set(inputs.flatMap((input) => input.origins))];
  const lot: PlannedLot = { ...first!, code, available: total, depth: Math.max(...inputs.map((input) => input.depth)) + 1, origins };
  const command: Command = {
    type: 'lot.process',
    mode: 'merge',
    inputs: inputs.map((input) => ({ code: input.code, quantity: { amount: amount(input.available), unit: input.unit } })),
    outputs: [
      {
        code,
        product: first!.product,
        quantity: { amount: amount(total), unit: first!.unit },
        certificate: reissued(ctx, holder, first!.product.name, total, first!.unit, origins),
      },
    ],
  };
  for (const input of inputs) input.available = 0;
  return [
    {
      command,
      actor: operatorActor(holder),
      then: () => {
        made.push(lot);
        ctx.created(lot);
      },
    },
  ];
}

/** Processing (加工): the spec's outputs, each with a certificate and the processing steps recorded. */
export function processSteps(ctx: CohortContext, inputs: readonly PlannedLot[], made: PlannedLot[]): Step[] {
  const [first] = inputs;
  const holder = first!.holder;
  const processing = first!.spec.processing!;
  const total = inputs.reduce((sum, lot) => sum + lot.available, 0);
  const origins = [...new Set(inputs.flatMap((input) => input.origins))];
  const outputs = processing.outputs.map((output) => {
    const step = grain(output.unit);
    const quantity = Math.max(step, Math.round((total * output.perUnit) / step) * step);
    const product: Product = { name: output.name, category: output.category };
    const lot: PlannedLot = {
      code: ctx.codes.next(2, holder.region),
      holder,
      product,
      spec: first!.spec,
      unit: output.unit,
      available: quantity,
      depth: Math.max(...inputs.map((input) => input.depth)) + 1,
      processed: true,
      origins,
    };
    return lot;
  });
  const command: Command = {
    type: 'lot.process',
    mode: 'process',
    inputs: inputs.map((input) => ({ code: input.code, quantity: { amount: amount(input.available), unit: input.unit } })),
    outputs: outputs.map((lot) => ({
      code: lot.code,
      product: lot.product,
      quantity: { amount: amount(lot.available), unit: lot.unit },
      certificate: reissued(ctx, holder, lot.product.name, lot.available, lot.unit, origins),
    })),
  };
  for (const input of inputs) input.available = 0;
  const records: Step[] = outputs.flatMap((lot) =>
    processing.steps.map((name, index) => ({
      command: {
        type: 'lot.record',
        code: lot.code,
        record: { kind: 'processing', step: name, description: `第${index + 1}道工序`, performedAt: chinaDate(ctx.now, 1) },
      } as Command,
      actor: operatorActor(holder),
    })),
  );
  return [
    {
      command,
      actor: operatorActor(holder),
      then: () => {
        for (const lot of outputs) {
          made.push(lot);
          ctx.created(lot);
        }
      },
    },
    ...records,
  ];
}

/** Production records (生产记录) of a farm lot: inputs with their safety intervals, the harvest, now and then the soil. */
export function recordSteps(ctx: CohortContext, lot: PlannedLot): Step[] {
  const { random, now } = ctx;
  const records: ProductionRecord[] = [];
  for (const input of lot.spec.inputs) {
    if (!random.chance(0.7)) continue;
    records.push({
      kind: 'input',
      input: input.input,
      name: input.name,
      ...(input.registration ? { registrationNumber: input.registration } : {}),
      dose: input.dose,
      appliedAt: chinaDate(now, 45 + random.int(0, 20)),
      ...(input.interval === undefined ? {} : { preHarvestIntervalDays: input.interval }),
    });
  }
  if (random.chance(0.3))
    records.push({ kind: 'environment', parameter: '土壤pH', value: random.int(50, 70) / 10, measuredAt: chinaDate(now, 60) });
  const harvest = ['livestock', 'aquatic', 'egg'].includes(lot.product.category) ? '出栏检疫' : '采收';
  records.push({ kind: 'operation', operation: harvest, description: '按承诺达标要求自检合格', performedAt: chinaDate(now, 3) });
  return records.map((record) => ({ command: { type: 'lot.record', code: lot.code, record }, actor: operatorActor(lot.holder) }));
}

/** Retail sales (零售): part or all of what a shop received. */
export function saleSteps(ctx: CohortContext, lot: PlannedLot): Step[] {
  const { random } = ctx;
  const total = Math.floor((lot.available * (0.6 + 0.4 * random.next())) / grain(lot.unit)) * grain(lot.unit);
  return split(random, total, random.int(1, 3), grain(lot.unit)).map((quantity) => {
    lot.available -= quantity;
    return {
      command: { type: 'lot.sell', code: lot.code, quantity: { amount: amount(quantity), unit: lot.unit } },
      actor: operatorActor(lot.holder),
    };
  });
}

/** A certificate re-issued after mixing or processing (产地: where the goods were produced). */
function reissued(
  ctx: CohortContext,
  issuer: SeedOperator,
  product: string,
  quantity: number,
  unit: Unit,
  origins: readonly string[],
): Certificate {
  const names = origins.slice(0, 3).map((region) => regionName(region) ?? region);
  return {
    product,
    quantity: { amount: amount(quantity), unit },
    origin: names.join('、') + (origins.length > 3 ? '等' : ''),
    issuedAt: chinaDate(ctx.now, 1),
    issuer: publicName(issuer),
    contact: seedHotline(issuer.id),
  };
}
