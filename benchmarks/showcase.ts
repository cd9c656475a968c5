/**
 * benchmarks/showcase.ts — the showcase (在线展示) at 100,000 operators: the
 * time of one page of 20 for common and rare filters, beside a directory page
 * of 20 operators (ReadModel.operators, a plain walk of the same directory) in
 * the same run. Operators are fed to the projections as log events (no
 * ledger): 60% of them commission a lot in the window, 30% of those hold a
 * green certification; regions spread over Guangdong's counties.
 *
 * Run: npx tsx benchmarks/showcase.ts   (--operators 100000)
 */
import { parseArgs } from 'node:util';
import { LotProjection, OperatorProjection, ReadModel, RegulationProjection } from '../src/projections/index.js';
import type { SealedEvent } from '../src/store/index.js';
import { medianMicros, report, round } from './measure.js';

const { values: args } = parseArgs({ options: { operators: { type: 'string', default: '100000' } } });
const OPERATORS = Number(args.operators);
const COUNTIES = [
  '440103',
  '440104',
  '440105',
  '440106',
  '440111',
  '440112',
  '440113',
  '440114',
  '440115',
  '440117',
  '440118',
  '440303',
  '440304',
  '440305',
  '440604',
  '441900',
];
const NOW = Date.now();
const CONTACT = { ref: 'pd_AAAAAAAAAAAAAAAAAAAA', commitment: '0'.repeat(64) };

function* events(): Generator<SealedEvent> {
  let position = 0;
  const event = (type: string, data: object, tags: string[], time: number): SealedEvent => ({
    v: 2,
    position: position++,
    type,
    time: new Date(time).toISOString(),
    actor: 'public',
    tags,
    data,
    prev: [],
    hash: position.toString(16).padStart(64, '0'),
  });
  for (let i = 0; i < OPERATORS; i++) {
    const operatorId = `OP${String(i).padStart(8, '0')}`;
    const region = COUNTIES[i % COUNTIES.length]!;
    const tags = [`operator:${operatorId}`];
    const time = NOW - 30 * 86_400_000 + i;
    yield event(
      'operator.registered',
      { operatorId, name: `主体${i}`, kind: 'enterprise', roles: ['producer'], region, contact: CONTACT },
      tags,
      time,
    );
    yield event('operator.approved', { operatorId }, tags, time);
    if (i % 10 < 6) {
      if (i % 10 < 2) {
        const certification = { type: 'green', number: `LB-${i}`, product: '菜心', validFrom: '2020-01-01', validTo: '2099-12-31' };
        yield event('operator.certified', { operatorId, certification, declaredBy: 'reviewer' }, tags, time);
      }
      const code = `1${region}${String(i).padStart(13, '0')}`;
      const data = {
        code,
        operatorId,
        product: { name: i % 7 === 0 ? '荔枝' : '菜心', category: i % 7 === 0 ? 'fruit' : 'vegetable' },
        quantity: { amount: 100, unit: 'kg' },
        producedAt: '2026-11-01',
        origin: { region },
        claims: [],
      };
      yield event('lot.commissioned', data, [`lot:${code}`, `operator:${operatorId}`], time);
    }
  }
}

const started = performance.now();
const lots = new LotProjection();
const operators = new OperatorProjection();
const regulation = new RegulationProjection();
let count = 0;
for (const sealed of events()) {
  lots.apply(sealed);
  operators.apply(sealed);
  regulation.apply(sealed);
  count++;
}
const model = new ReadModel(lots, operators, undefined, { regulation });
report({ benchmark: 'showcase.setup', operators: OPERATORS, events: count, seconds: round((performance.now() - started) / 1000) });

const now = new Date(NOW);
const peer = medianMicros(() => model.operators({ regionPrefix: '44', limit: 20 }), 500);
const queries: [string, Parameters<ReadModel['showcase']['page']>[0]][] = [
  ['all of Guangdong', { region: '44', windowDays: 180 }],
  ['one county', { region: '440113', windowDays: 180 }],
  ['green-certified vegetables', { region: '44', category: 'vegetable', certification: 'green', windowDays: 180 }],
  ['fruit (1 in 7 of the traced)', { region: '44', category: 'fruit', windowDays: 180 }],
  ['organic (none: a page stops after 5,000 operators)', { region: '44', certification: 'organic', windowDays: 180 }],
];
for (const [title, query] of queries) {
  const page = model.showcase.page(query, now);
  const micros = medianMicros(() => model.showcase.page(query, now), title.startsWith('organic') ? 50 : 300);
  report({
    benchmark: 'showcase.page',
    query: title,
    listed: page.operators.length,
    medianMicros: round(micros),
    directoryPageMicros: round(peer),
    ratioToDirectoryPage: round(micros / peer),
  });
}
