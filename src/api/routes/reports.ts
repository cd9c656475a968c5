/**
 * Progress reports per region (issue 12, item 8): trace coverage of
 * certified products and regulatory activity, one row per region at the
 * next level down. JSON, or CSV with Chinese headers for `Accept: text/csv`,
 * the same figures either way.
 */
import { CERTIFICATION_TYPES, endOf, startOf } from '../../domain/index.js';
import { ActivityReportSchema, CoverageReportSchema, type ActivityRow, type CoverageRow } from '../../projections/index.js';
import type { RoutePlugin } from '../context.js';
import { type CsvColumn, sendCsv, toCsv, wantsCsv } from '../csv.js';
import { ProblemError } from '../problem.js';
import { regulatorRegion } from '../read/access.js';
import { problems } from '../schemas/common.js';
import { ActivityQuery, CoverageQuery } from '../schemas/regulation.js';
import { BEARER, type ZodApp } from '../zodApp.js';
import { REGULATION_READERS } from './regulatorReads.js';

const tags = ['reports'];
const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_DAYS = 30;
const TYPE_NAMES: Record<(typeof CERTIFICATION_TYPES)[number], string> = {
  green: '绿色食品',
  organic: '有机农产品',
  'geographical-indication': '地理标志',
};
const TOTAL = '合计';

const regionColumns = <Row extends { region: string; regionName: string | null }>(): CsvColumn<Row>[] => [
  { header: '地区', value: (row) => row.region },
  { header: '地区名称', value: (row) => row.regionName },
];

export const COVERAGE_COLUMNS: readonly CsvColumn<CoverageRow>[] = [
  ...regionColumns<CoverageRow>(),
  { header: '已登记经营主体', value: (row) => row.operatorsRegistered },
  { header: '已审核经营主体', value: (row) => row.operatorsApproved },
  { header: '认证产品', value: (row) => row.certifiedProducts },
  { header: '已纳入追溯认证产品', value: (row) => row.certifiedProductsUnderTrace },
  { header: '追溯覆盖率', value: (row) => row.share },
  ...CERTIFICATION_TYPES.flatMap((type): CsvColumn<CoverageRow>[] => [
    { header: `${TYPE_NAMES[type]}认证产品`, value: (row) => row.byType[type]?.certified ?? 0 },
    { header: `${TYPE_NAMES[type]}已追溯`, value: (row) => row.byType[type]?.underTrace ?? 0 },
  ]),
];

export const ACTIVITY_COLUMNS: readonly CsvColumn<ActivityRow>[] = [
  ...regionColumns<ActivityRow>(),
  { header: '生产批次', value: (row) => row.lots },
  { header: '交易传递', value: (row) => row.handOffs },
  { header: '监管检查', value: (row) => row.inspections },
  { header: '抽样', value: (row) => row.samples },
  { header: '不合格样品', value: (row) => row.failedSamples },
  { header: '立案', value: (row) => row.cases },
  { header: '行政处罚', value: (row) => row.penalties },
];

/** withTotal: the rows, then the total row named 合计. */
const withTotal = <Row extends { regionName: string | null }>(rows: readonly Row[], total: Row): Row[] => [
  ...rows,
  { ...total, regionName: total.regionName === null ? TOTAL : `${TOTAL}（${total.regionName}）` },
];

const fileRegion = (region: string): string => region || 'national';

export const reportRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  const description = 'Send `Accept: text/csv` for the same figures as CSV (UTF-8 with BOM, Chinese headers, a 合计 row last).';

  app.get(
    '/v1/reports/coverage',
    {
      onRequest: REGULATION_READERS,
      schema: {
        tags,
        summary: 'Trace coverage per region: operators approved, certified products (green, organic, GI) and the share under trace',
        description,
        security: BEARER,
        querystring: CoverageQuery,
        response: { 200: CoverageReportSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const region = regulatorRegion(request.principal!, request.query.region);
      const report = ctx.read.regulation.coverage(region, new Date());
      if (!wantsCsv(request)) return report;
      const day = report.at.slice(0, 10);
      return sendCsv(reply, `coverage-${fileRegion(region)}-${day}.csv`, toCsv(COVERAGE_COLUMNS, withTotal(report.rows, report.total)));
    },
  );

  app.get(
    '/v1/reports/activity',
    {
      onRequest: REGULATION_READERS,
      schema: {
        tags,
        summary: 'Regulatory activity per region in a period: lots, hand-offs, inspections, samples, failed samples, cases, penalties',
        description,
        security: BEARER,
        querystring: ActivityQuery,
        response: { 200: ActivityReportSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const region = regulatorRegion(request.principal!, request.query.region);
      const to = request.query.to ?? new Date().toISOString();
      const from = request.query.from ?? new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
      if (startOf(from) > endOf(to)) throw new ProblemError('InvalidQuery', `from ${from} is after to ${to}`, { field: 'from' });
      const report = ctx.read.regulation.activity(region, from, to);
      if (!wantsCsv(request)) return report;
      const name = `activity-${fileRegion(region)}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
      return sendCsv(reply, name, toCsv(ACTIVITY_COLUMNS, withTotal(report.rows, report.total)));
    },
  );
};
