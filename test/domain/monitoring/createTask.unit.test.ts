import { describe, expect, it } from 'vitest';
import { recordTag, type CreateSamplingTask } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  NOW,
  PANYU,
  PUBLIC,
  as,
  authority,
  taskCreated,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const TASK = 'task-2026-veg';
const create = (fields: Partial<CreateSamplingTask> = {}): CreateSamplingTask => ({
  type: 'sampling.createTask',
  taskId: TASK,
  kind: 'spot-check',
  title: '2026年冬季蔬菜监督抽查',
  region: '4401',
  categories: ['vegetable', 'fruit'],
  items: ['毒死蜱', '克百威', '氧乐果'],
  dueBy: '2026-12-31',
  planned: 40,
  ...fields,
});

describe('sampling.createTask', () => {
  it('plans a task, tagged with the task', () => {
    const { type: _type, ...task } = create();
    given()
      .when(create(), GZ_MONITOR)
      .thenEmits([{ type: 'sampling.taskCreated', tags: [recordTag('task', TASK)], data: task }]);
  });

  it('starts the task with nothing sampled, tested or failed', () =>
    expect(given().when(create(), GZ_MONITOR).thenState(recordTag('task', TASK))).toEqual({
      entity: 'task',
      id: TASK,
      kind: 'spot-check',
      title: '2026年冬季蔬菜监督抽查',
      region: '4401',
      categories: ['vegetable', 'fruit'],
      items: ['毒死蜱', '克百威', '氧乐果'],
      dueBy: '2026-12-31',
      planned: 40,
      sampled: 0,
      tested: 0,
      failed: 0,
      createdAt: NOW,
      by: 'authority:monitor-4401',
    }));

  it('reads a 6-digit region written with zeros as its prefix', () => {
    const regionOf = (region: string) => {
      const decision = given().when(create({ region }), ADMIN).decision;
      return decision.ok && decision.events[0]?.type === 'sampling.taskCreated' ? decision.events[0].data.region : undefined;
    };
    expect(regionOf('440000')).toBe('44');
    expect(regionOf('440100')).toBe('4401');
    expect(regionOf(PANYU)).toBe(PANYU);
  });

  it('lets a monitor plan in its region or below, and a national admin anywhere', () => {
    given()
      .when(create({ region: PANYU }), GZ_MONITOR)
      .thenAccepts();
    given().when(create(), authority('monitor', '440000')).thenAccepts();
    given()
      .when(create({ region: '43' }), ADMIN)
      .thenAccepts();
  });

  it('refuses roles outside monitoring: an inspector, an enforcer, a reviewer, operators and the public', () => {
    for (const actor of [GZ_INSPECTOR, GZ_ENFORCER, GD_REVIEWER, as(FARM), PUBLIC]) given().when(create(), actor).thenRejects('Forbidden');
  });

  it('refuses a task reaching beyond the monitor region', () => {
    given()
      .when(create({ region: '44' }), GZ_MONITOR)
      .thenRejects('OutOfRegion', 'region');
    given()
      .when(create({ region: '430102' }), GZ_MONITOR)
      .thenRejects('OutOfRegion', 'region');
    given().when(create(), authority('monitor', PANYU)).thenRejects('OutOfRegion', 'region');
  });

  it('refuses a task id that is taken', () => given(taskCreated(TASK)).when(create(), GZ_MONITOR).thenRejects('RecordExists', 'taskId'));

  it('refuses a due date that has passed, while a bare date lasts its whole day', () => {
    given()
      .when(create({ dueBy: '2026-11-28' }), GZ_MONITOR)
      .thenRejects('InvalidDeadline', 'dueBy');
    given()
      .when(create({ dueBy: '2026-11-29' }), GZ_MONITOR)
      .thenAccepts();
  });

  it('refuses malformed tasks', () => {
    given()
      .when(create({ region: '4' }), GZ_MONITOR)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ region: '44011' }), GZ_MONITOR)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ region: '99' }), GZ_MONITOR)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ region: '4499' }), GZ_MONITOR)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ categories: [] }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'categories');
    given()
      .when(create({ categories: ['vegetable', 'vegetable'] }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'categories');
    given()
      .when(create({ items: ['毒死蜱', '毒死蜱'] }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'items');
    given()
      .when(create({ items: [] }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'items');
    given()
      .when(create({ planned: 0 }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'planned');
    given()
      .when(create({ kind: 'survey' as CreateSamplingTask['kind'] }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'kind');
  });
});
