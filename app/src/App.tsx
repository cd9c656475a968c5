/** The app's frame: the language switch, who is signed in (on every screen), and the screen of the current address. */
import type { FunctionComponent } from 'preact';
import { lang, setLang, words } from './i18n.js';
import { route } from './router.js';
import { type ScreenName, screenOf } from './screens.js';
import { Activate } from './screens/Activate.js';
import { Home } from './screens/Home.js';
import { OutboxScreen } from './screens/Outbox.js';
import { Commission } from './screens/operator/Commission.js';
import { HandOff } from './screens/operator/HandOff.js';
import { Processing } from './screens/operator/Processing.js';
import { Receive } from './screens/operator/Receive.js';
import { Records } from './screens/operator/Records.js';
import { Sale } from './screens/operator/Sale.js';
import { Alerts } from './screens/regulator/Alerts.js';
import { Cases } from './screens/regulator/Cases.js';
import { Directory } from './screens/regulator/Directory.js';
import { Inspect } from './screens/regulator/Inspect.js';
import { Monitor } from './screens/regulator/Monitor.js';
import { Review } from './screens/regulator/Review.js';
import { Reports } from './screens/reports/Reports.js';
import { SignedOut } from './screens/SignedOut.js';
import { type Session, session } from './session.js';
import { useSignal } from './signal.js';

/** The screens a signed-in device shows, by name (home and activation are handled apart). */
const SIGNED_IN: Record<Exclude<ScreenName, 'home' | 'activate'>, FunctionComponent<{ session: Session }>> = {
  outbox: OutboxScreen,
  commission: Commission,
  handOff: HandOff,
  receive: Receive,
  records: Records,
  processing: Processing,
  sale: Sale,
  review: Review,
  directory: Directory,
  inspect: Inspect,
  monitor: Monitor,
  cases: Cases,
  alerts: Alerts,
  reports: Reports,
};

export function App() {
  const current = useSignal(lang);
  const signedIn = useSignal(session);
  const address = useSignal(route);
  const t = words();
  const other = current === 'en' ? 'zh-CN' : 'en';
  const name = screenOf(new URL(address, location.origin).pathname) ?? 'home';
  const Shown = name === 'home' || name === 'activate' ? undefined : SIGNED_IN[name];
  return (
    <>
      <header class="bar">
        <span class="brand">{t.appName}</span>
        <button type="button" class="link" lang={other} title={t.switchLanguageLabel} onClick={() => setLang(other)}>
          {t.switchLanguage}
        </button>
      </header>
      {signedIn && name !== 'activate' ? <Who session={signedIn} /> : null}
      <main>
        {name === 'activate' ? (
          <Activate />
        ) : !signedIn ? (
          <SignedOut />
        ) : Shown ? (
          <Shown key={`${name}:${signedIn.key}`} session={signedIn} />
        ) : (
          <Home session={signedIn} />
        )}
      </main>
    </>
  );
}

/** Who: the signed-in principal, its role and region, on every screen. */
function Who({ session: { principal } }: { session: Session }) {
  const t = words();
  return (
    <p class="who" data-testid="who">
      <span data-testid="who-name">{principal.name}</span> · <span data-testid="who-role">{t.roles[principal.role] ?? principal.role}</span>{' '}
      · <span data-testid="who-region">{principal.operatorId ?? (principal.region === '' ? t.nationwide : principal.region)}</span>
    </p>
  );
}
