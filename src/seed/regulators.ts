/**
 * The regulators' part of the demo (issue 12): inspections of a few farms
 * (one ordering a rectification), a sampling task with passing samples, and
 * one failing sample of a lot made for it — farm → wholesaler → store — so
 * that its alert freezes the three lots and names their holders; then an
 * enforcement case against the farm with a warning. The failing lot is new,
 * so no lot the demo points people to is frozen by it.
 */
import { PRODUCT_CATEGORIES, alertIdOf, regionPrefix, type Actor, type AuthorityRole, type Command } from '../domain/index.js';
import type { ChainDirectory } from './directory.js';
import type { SeedOperator } from './operators.js';
import { chinaDate, operatorActor, type CodeIssuer, type Step } from './plan.js';

export interface RegulatorContext {
  readonly chain: ChainDirectory;
  readonly codes: CodeIssuer;
  readonly now: Date;
  /** Lots to sample and pass (codes with a holder). */
  readonly passing: readonly { readonly code: string; readonly holder: SeedOperator }[];
  readonly run: (steps: readonly Step[]) => Promise<void>;
  /** Part of every record id, so that demos of different seeds can share a log. */
  readonly seed: number;
}

export interface RegulatorResult {
  /** The lot whose failed sample froze it and its descendants. */
  readonly recalled: string;
  readonly alertId: string;
  readonly inspections: number;
  /** Lots it made (the recalled lot and its two descendants). */
  readonly lots: number;
}

const authority = (role: AuthorityRole, region: string): Actor => ({ kind: 'authority', role, region, id: `${role}-${region}` });
const step = (command: Command, actor: Actor): Step => ({ command, actor });

export async function superviseDemo({ chain, codes, now, passing, run, seed }: RegulatorContext): Promise<RegulatorResult> {
  const farms = chain.producers.slice(0, 3);
  const farm = farms[0]!;
  const county = farm.region;
  const province = county.slice(0, 2);
  const monitor = authority('monitor', province);
  const enforcer = authority('enforcer', county);
  const results = ['pass', 'problems', 'rectify'] as const;
  await run(
    farms.map((operator, i) =>
      step(
        {
          type: 'inspection.record',
          inspectionId: `INS-DEMO${seed}-${i + 1}`,
          operatorId: operator.id,
          kind: (['patrol', 'inspection', 'guidance'] as const)[i]!,
          result: results[i]!,
          items: ['生产记录', '投入品使用', '承诺达标合格证'],
          findings: ['生产记录完整，合格证开具规范', '农药使用记录缺少安全间隔期', '未按规定开具承诺达标合格证'][i]!,
          ...(results[i] === 'rectify' ? { rectifyBy: chinaDate(now, -15) } : {}),
        },
        authority('inspector', operator.region),
      ),
    ),
  );

  const taskId = `TSK-DEMO${seed}-1`;
  await run([
    step(
      {
        type: 'sampling.createTask',
        taskId,
        kind: 'routine',
        title: '例行监测（蔬菜水果农药残留）',
        region: province,
        categories: [...PRODUCT_CATEGORIES],
        items: ['毒死蜱', '克百威', '氧乐果'],
        dueBy: chinaDate(now, -30),
        planned: passing.length + 1,
      },
      monitor,
    ),
  ]);

  const wholesaler = chain.wholesalers[0]!;
  const store = chain.stores.flat()[0]!;
  const root = codes.next(1, farm.region);
  const atWholesaler = codes.next(2, farm.region);
  const atStore = codes.next(2, wholesaler.region);
  const product = { name: '菜心', category: 'vegetable' as const };
  await run([
    step(
      {
        type: 'lot.commission',
        code: root,
        product,
        quantity: { amount: 300, unit: 'kg' },
        producedAt: chinaDate(now, 1),
        origin: { region: farm.region, ...(farm.base === undefined ? {} : { base: farm.base }) },
      },
      operatorActor(farm),
    ),
  ]);
  await run([
    step(
      { type: 'lot.ship', code: root, childCode: atWholesaler, quantity: { amount: 200, unit: 'kg' }, to: { operatorId: wholesaler.id } },
      operatorActor(farm),
    ),
  ]);
  await run([step({ type: 'lot.accept', code: atWholesaler }, operatorActor(wholesaler))]);
  await run([
    step(
      { type: 'lot.ship', code: atWholesaler, childCode: atStore, quantity: { amount: 50, unit: 'kg' }, to: { operatorId: store.id } },
      operatorActor(wholesaler),
    ),
  ]);
  await run([step({ type: 'lot.accept', code: atStore }, operatorActor(store))]);
  await run([step({ type: 'lot.sell', code: atStore, quantity: { amount: 10, unit: 'kg' } }, operatorActor(store))]);

  const samples = passing.filter(({ holder }) => regionPrefix(holder.region).startsWith(province));
  await run(
    samples.map(({ code, holder }, i) =>
      step({ type: 'sample.take', sampleId: `SMP-DEMO${seed}-${i + 1}`, taskId, lotCode: code, operatorId: holder.id }, monitor),
    ),
  );
  const failing = `SMP-DEMO${seed}-${samples.length + 1}`;
  await run([step({ type: 'sample.take', sampleId: failing, taskId, lotCode: root, operatorId: farm.id }, monitor)]);
  const item = (name: string, value: number, verdict: 'pass' | 'fail') => ({
    item: name,
    value,
    unit: 'mg/kg',
    limit: name === '毒死蜱' ? 0.02 : 0.05,
    method: 'GB 23200.113-2018',
    verdict,
  });
  await run(
    samples.map((_, i) =>
      step(
        {
          type: 'sample.recordResult',
          sampleId: `SMP-DEMO${seed}-${i + 1}`,
          verdict: 'pass',
          items: [item('毒死蜱', 0.005, 'pass'), item('克百威', 0, 'pass'), item('氧乐果', 0, 'pass')],
          lab: '广东省农产品质量安全检测中心',
        },
        monitor,
      ),
    ),
  );
  await run([
    step(
      {
        type: 'sample.recordResult',
        sampleId: failing,
        verdict: 'fail',
        items: [item('毒死蜱', 0.31, 'fail'), item('克百威', 0, 'pass'), item('氧乐果', 0, 'pass')],
        lab: '广东省农产品质量安全检测中心',
        reportNumber: 'GDJC-2026-0417',
      },
      monitor,
    ),
  ]);

  const caseId = `CAS-DEMO${seed}-1`;
  await run([
    step(
      { type: 'case.open', caseId, operatorId: farm.id, basis: `监测抽检不合格（样品 ${failing}，毒死蜱超标）`, lots: [root] },
      enforcer,
    ),
  ]);
  await run([step({ type: 'case.record', caseId, kind: 'evidence', note: '调取农药使用记录及购药凭证', lots: [root] }, enforcer)]);
  await run([
    step({ type: 'case.penalize', caseId, penalty: 'warning', legalBasis: '《中华人民共和国农产品质量安全法》第七十一条' }, enforcer),
  ]);
  return { recalled: root, alertId: alertIdOf(failing), inspections: farms.length, lots: 3 };
}
