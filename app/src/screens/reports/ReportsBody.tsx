/**
 * The reports screen's body: the trace coverage and activity reports of the signed-in regulator's
 * region (or of a sub-region drilled into: ?region=…, ?days=… for the activity period), each as a
 * chart and a table of the same figures, with its CSV. A chunk of its own (see Reports.tsx); the
 * charts' chart.js is another, fetched once the first chart is shown.
 */
import { get } from '../../api.js';
import { Link, navigate, param } from '../../router.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { useLoad } from '../../ui/useLoad.js';
import { Activity } from './Activity.js';
import { Coverage } from './Coverage.js';
import {
  type ActivityReport,
  type CoverageReport,
  activityPath,
  coveragePath,
  periodOf,
  periodParam,
  screenPath,
  upRegion,
} from './reportData.js';
import { reportWords } from './words.js';
import './reports.css';

export function ReportsBody({ session }: { session: Session }) {
  const t = reportWords();
  const region = param('region') ?? undefined;
  const days = periodParam(param('days'));
  const coverage = useLoad(() => get<CoverageReport>(session, coveragePath(region)), [session.key, region]);
  const activity = useLoad(
    () => get<ActivityReport>(session, activityPath(region, periodOf(days, new Date()))),
    [session.key, region, days],
  );
  const drillTo = (next: string): string => screenPath(next, days);
  return (
    <>
      <Loaded load={coverage}>
        {(report) => (
          <>
            <Place session={session} report={report} drilled={region !== undefined} days={days} />
            <Coverage session={session} report={report} drillTo={drillTo} />
          </>
        )}
      </Loaded>
      <Loaded load={activity}>
        {(report) => (
          <Activity
            session={session}
            report={report}
            days={days}
            onPeriod={(next) => navigate(screenPath(region, next), { replace: true })}
            drillTo={drillTo}
          />
        )}
      </Loaded>
      <p class="hint">{t.drillHint}</p>
    </>
  );
}

/** Place: the region shown, and the way one level up when a sub-region was drilled into. */
function Place({ session, report, drilled, days }: { session: Session; report: CoverageReport; drilled: boolean; days: number }) {
  const t = reportWords();
  const name = report.region === '' ? t.nationwide : (report.total.regionName ?? report.region);
  return (
    <p class="place">
      <span>
        {t.region}
        {t.colon}
        <strong data-testid="report-region" data-region={report.region}>
          {name}
        </strong>
      </span>
      {drilled ? (
        <Link href={screenPath(upRegion(report.region, session.principal.region), days)} data-testid="report-up">
          ↑ {t.up}
        </Link>
      ) : null}
    </p>
  );
}
