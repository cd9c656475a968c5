/**
 * Activity: the activity report of one region over a period, as a chart of one measure picked by
 * the user (a bar per sub-region) and a table of every measure, with the CSV.
 */
import { useState } from 'preact/hooks';
import { navigate } from '../../router.js';
import type { Session } from '../../session.js';
import { Chart, chartHeight } from './Chart.js';
import { CsvDownload } from './CsvDownload.js';
import { RegionCell } from './RegionCell.js';
import { ScrollTable } from './ScrollTable.js';
import {
  ACTIVITY_MEASURES,
  type ActivityCount,
  type ActivityReport,
  PERIODS,
  activityBars,
  activityPath,
  chartSummary,
  placeName,
} from './reportData.js';
import { reportWords } from './words.js';

type ActivityRow = ActivityReport['rows'][number];

export function Activity({
  session,
  report,
  days,
  onPeriod,
  drillTo,
}: {
  session: Session;
  report: ActivityReport;
  days: number;
  onPeriod: (days: number) => void;
  drillTo: (region: string) => string;
}) {
  const t = reportWords();
  const [measure, setMeasure] = useState<ActivityCount>('handOffs');
  const bars = activityBars(report, measure);
  const texts = bars.values.map(String);
  const summary = `${t.measures[measure]}${t.colon}${chartSummary(bars.labels, texts, t.separator)}`;
  return (
    <section class="card report" aria-labelledby="activity-title" data-testid="activity">
      <h2 id="activity-title">{t.activity}</h2>
      <p class="hint">{t.activityAbout}</p>
      <div class="report-controls">
        <label for="activity-period">{t.period}</label>
        <select id="activity-period" value={String(days)} onChange={(event) => onPeriod(Number(event.currentTarget.value))}>
          {PERIODS.map((period) => (
            <option key={period} value={String(period)}>
              {t.days(period)}
            </option>
          ))}
        </select>
        <label for="activity-measure">{t.measure}</label>
        <select id="activity-measure" value={measure} onChange={(event) => setMeasure(event.currentTarget.value as ActivityCount)}>
          {ACTIVITY_MEASURES.map((name) => (
            <option key={name} value={name}>
              {t.measures[name]}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">
        <time dateTime={report.from}>{new Date(report.from).toLocaleDateString()}</time> –{' '}
        <time dateTime={report.to}>{new Date(report.to).toLocaleDateString()}</time>
      </p>
      {report.rows.length === 0 ? (
        <p data-testid="activity-empty">{t.noRows}</p>
      ) : (
        <Chart
          name={t.activityChart}
          summary={summary}
          height={chartHeight(bars.labels.length)}
          drawKey={JSON.stringify([bars, texts])}
          testId="activity-chart"
          draw={(lib, canvas) => lib.drawActivity(canvas, bars, { tick: String, texts, onPick: (region) => navigate(drillTo(region)) })}
        />
      )}
      <ScrollTable label={t.activityTable}>
        <table data-testid="activity-table">
          <caption class="visually-hidden">{t.activityTable}</caption>
          <thead>
            <tr>
              <th scope="col">{t.region}</th>
              {ACTIVITY_MEASURES.map((name) => (
                <th key={name} scope="col" class="num">
                  {t.measures[name]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row, index) => (
              <ActivityLine
                key={row.region}
                row={row}
                name={placeName(row, report.total.regionName)}
                href={bars.drillable[index] ? drillTo(row.region) : undefined}
              />
            ))}
          </tbody>
          <tfoot>
            <ActivityLine row={report.total} name={t.total} href={undefined} />
          </tfoot>
        </table>
      </ScrollTable>
      <CsvDownload
        session={session}
        path={activityPath(report.region, { from: report.from, to: report.to })}
        label={t.downloadActivity}
        testId="activity-csv"
      />
    </section>
  );
}

function ActivityLine({ row, name, href }: { row: ActivityRow; name: string; href: string | undefined }) {
  return (
    <tr data-region={row.region}>
      <RegionCell name={name} region={row.region} href={href} />
      {ACTIVITY_MEASURES.map((measure) => (
        <td key={measure} class="num">
          {row[measure]}
        </td>
      ))}
    </tr>
  );
}
