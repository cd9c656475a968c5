/**
 * Coverage: the trace coverage report of one region as a chart (a bar per sub-region against the
 * 100% target) and a table of the same figures, with the CSV; a sub-region drills into its report.
 */
import { navigate } from '../../router.js';
import type { Session } from '../../session.js';
import { Chart, chartHeight } from './Chart.js';
import { CsvDownload } from './CsvDownload.js';
import { RegionCell } from './RegionCell.js';
import { ScrollTable } from './ScrollTable.js';
import {
  CERTIFICATION_TYPES,
  type CoverageReport,
  type CoverageRow,
  chartSummary,
  coverageBars,
  coveragePath,
  percentText,
  placeName,
} from './reportData.js';
import { reportWords } from './words.js';

/** The counts after the share, the ones it is made of first. */
const COUNTS = ['certifiedProductsUnderTrace', 'certifiedProducts', 'operatorsApproved', 'operatorsRegistered'] as const;

export function Coverage({ session, report, drillTo }: { session: Session; report: CoverageReport; drillTo: (region: string) => string }) {
  const t = reportWords();
  const bars = coverageBars(report);
  const texts = report.rows.map((row) => (row.share === null ? t.noCertified : percentText(row.share)));
  const summary = `${chartSummary(bars.labels, texts, t.separator)}${t.separator}${t.target}`;
  return (
    <section class="card report" aria-labelledby="coverage-title" data-testid="coverage">
      <h2 id="coverage-title">{t.coverage}</h2>
      <p class="hint">{t.coverageAbout}</p>
      <p class="hint">
        {t.at} <time dateTime={report.at}>{new Date(report.at).toLocaleString()}</time>
      </p>
      {report.rows.length === 0 ? (
        <p data-testid="coverage-empty">{t.noRows}</p>
      ) : (
        <Chart
          name={t.coverageChart}
          summary={summary}
          height={chartHeight(bars.labels.length)}
          drawKey={JSON.stringify([bars, texts, t.target])}
          testId="coverage-chart"
          draw={(lib, canvas) =>
            lib.drawCoverage(canvas, bars, {
              tick: (value) => `${value}%`,
              texts,
              targetLabel: t.target,
              onPick: (region) => navigate(drillTo(region)),
            })
          }
        />
      )}
      <ScrollTable label={t.coverageTable}>
        <table data-testid="coverage-table">
          <caption class="visually-hidden">{t.coverageTable}</caption>
          <thead>
            <tr>
              <th scope="col">{t.region}</th>
              <th scope="col" class="num">
                {t.share}
              </th>
              {COUNTS.map((count) => (
                <th key={count} scope="col" class="num">
                  {t[count]}
                </th>
              ))}
              {CERTIFICATION_TYPES.map((type) => (
                <th key={type} scope="col" class="num">
                  {t.byType[type]}
                  <span class="unit">{t.tracedOfCertified}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row, index) => (
              <CoverageLine
                key={row.region}
                row={row}
                name={placeName(row, report.total.regionName)}
                href={bars.drillable[index] ? drillTo(row.region) : undefined}
              />
            ))}
          </tbody>
          <tfoot>
            <CoverageLine row={report.total} name={t.total} href={undefined} />
          </tfoot>
        </table>
      </ScrollTable>
      <CsvDownload session={session} path={coveragePath(report.region)} label={t.downloadCoverage} testId="coverage-csv" />
    </section>
  );
}

function CoverageLine({ row, name, href }: { row: CoverageRow; name: string; href: string | undefined }) {
  return (
    <tr data-region={row.region}>
      <RegionCell name={name} region={row.region} href={href} />
      <td class="num share">{percentText(row.share)}</td>
      {COUNTS.map((count) => (
        <td key={count} class="num">
          {row[count]}
        </td>
      ))}
      {CERTIFICATION_TYPES.map((type) => (
        <td key={type} class="num">
          {row.byType[type].underTrace}/{row.byType[type].certified}
        </td>
      ))}
    </tr>
  );
}
