/**
 * Home: who is signed in on this device and sign-out, the screens this role can use, and for an
 * operator its holdings and the outbox.
 */
import { words } from '../i18n.js';
import { Link } from '../router.js';
import { SCREENS, screensFor } from '../screens.js';
import { screenTitles } from '../screenWords.js';
import { type Session, signOut } from '../session.js';
import { Holdings } from './Holdings.js';
import { Outbox } from './Outbox.js';

export function Home({ session }: { session: Session }) {
  const t = words();
  const titles = screenTitles();
  const { principal } = session;
  const offered = screensFor(principal.role);
  return (
    <>
      <section class="card" aria-labelledby="signed-in">
        <h1 id="signed-in">{t.signedInAs}</h1>
        <dl class="facts">
          <dt>{t.name}</dt>
          <dd data-testid="principal-name">{principal.name}</dd>
          <dt>{t.role}</dt>
          <dd data-testid="principal-role">{t.roles[principal.role] ?? principal.role}</dd>
          {principal.operatorId === undefined ? (
            <>
              <dt>{t.region}</dt>
              <dd data-testid="principal-region">{principal.region === '' ? t.nationwide : principal.region}</dd>
            </>
          ) : null}
        </dl>
        <button type="button" class="secondary" aria-describedby="sign-out-help" onClick={signOut}>
          {t.signOut}
        </button>
        <p id="sign-out-help" class="hint">
          {t.signOutHelp}
        </p>
      </section>
      {offered.length === 0 ? null : (
        <nav class="tiles" aria-label={t.tasks} data-testid="tiles">
          {offered.map((name) => (
            <Link key={name} href={SCREENS[name].path} class="tile" data-testid={`tile-${name}`}>
              <span class="tile-title">{titles[name].title}</span>
              <span class="tile-about">{titles[name].about}</span>
            </Link>
          ))}
        </nav>
      )}
      {principal.operatorId === undefined ? null : <Holdings session={session} operatorId={principal.operatorId} />}
      <Outbox session={session} />
    </>
  );
}
