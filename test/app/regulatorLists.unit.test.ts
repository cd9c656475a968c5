/**
 * What the regulators' screens make of the API's lists (app/src/screens/regulator/lists.ts) and
 * whom they offer a release (access.ts), whose region rule must be the domain's regionCovers.
 */
import { describe, expect, it } from 'vitest';
import { coversRegion, mayRelease } from '../../app/src/screens/regulator/access.js';
import { chinaDate, chinaTime, type InspectionView, matchesOperator, rectificationsDue } from '../../app/src/screens/regulator/lists.js';
import { regionCovers } from '../../src/domain/index.js';

const inspection = (id: string, change: Partial<InspectionView>): InspectionView => ({
  inspectionId: id,
  operatorId: 'OP1',
  region: '440113',
  kind: 'patrol',
  result: 'rectify',
  items: [],
  findings: '问题',
  overdue: false,
  lots: [],
  at: '2026-12-01T00:00:00.000Z',
  by: 'authority:inspector-44',
  position: 1,
  ...change,
});

describe('rectificationsDue', () => {
  it('lists the open rectification orders, the nearest deadline first', () => {
    const due = rectificationsDue([
      inspection('late', { rectifyBy: '2027-01-20' }),
      inspection('passed', { result: 'pass' }),
      inspection('closed', { rectifyBy: '2026-12-05', rectified: { at: '2026-12-04T00:00:00Z', by: 'x', note: '好' } }),
      inspection('soon', { rectifyBy: '2026-12-10', overdue: true }),
    ]);
    expect(due.map((shown) => shown.inspectionId)).toEqual(['soon', 'late']);
  });
});

describe('matchesOperator', () => {
  const farm = {
    id: '93441322MARLMCWB1Q',
    name: '博罗杨村鸡蛋养殖专业合作社',
    region: '441322',
    regionName: '广东省惠州市博罗县',
    address: '杨村镇',
  };

  it.each([
    ['', true],
    ['鸡蛋', true],
    ['marl', true],
    ['博罗 杨村镇', true],
    ['441322', true],
    ['番禺', false],
    ['鸡蛋 番禺', false],
  ])('finds the farm by %j: %s', (query, found) => {
    expect(matchesOperator(farm, query)).toBe(found);
  });
});

describe('times as China reads them', () => {
  it('shows an ISO time in UTC+8, and a bare date as it is', () => {
    expect(chinaTime('2026-12-01T22:31:30.155Z')).toBe('2026-12-02 06:31');
    expect(chinaTime('2027-01-01')).toBe('2027-01-01');
    expect(chinaTime('not a time')).toBe('not a time');
  });

  it("counts a deadline's days from China's date", () => {
    expect(chinaDate(new Date('2026-12-01T17:00:00Z'), 0)).toBe('2026-12-02');
    expect(chinaDate(new Date('2026-12-01T15:00:00Z'), 15)).toBe('2026-12-16');
  });
});

describe('coversRegion', () => {
  const scopes = ['', '44', '4401', '440113', '440000', '440100', '35'];
  const regions = ['', '44', '4401', '440113', '440106', '441322', '350524'];
  it.each(scopes.flatMap((scope) => regions.map((region) => [scope, region] as const)))(
    'reads scope %j over %j as the domain does',
    (scope, region) => {
      expect(coversRegion(scope, region)).toBe(regionCovers(scope, region));
    },
  );
});

describe('mayRelease', () => {
  const alert = { region: '44', status: 'open' };

  it('offers a release to a releasing role whose region covers the alert', () => {
    expect(mayRelease({ role: 'monitor', region: '44' }, alert)).toBe(true);
    expect(mayRelease({ role: 'admin', region: '' }, alert)).toBe(true);
    expect(mayRelease({ role: 'inspector', region: '440000' }, alert)).toBe(true);
  });

  it('not to a reviewer, to a county below a province alert, or for an alert released already', () => {
    expect(mayRelease({ role: 'reviewer', region: '44' }, alert)).toBe(false);
    expect(mayRelease({ role: 'enforcer', region: '440113' }, alert)).toBe(false);
    expect(mayRelease({ role: 'monitor', region: '44' }, { ...alert, status: 'released' })).toBe(false);
  });
});
