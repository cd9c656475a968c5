/** Home: who is signed in on this device, sign-out, and for an operator its holdings, hand-off form and outbox. */
import { words } from '../i18n.js';
import { type Session, signOut } from '../session.js';
import { Holdings } from './Holdings.js';
import { Outbox } from './Outbox.js';

export function Home({ session }: { session: Session }) {
  const t = words();
  const { principal } = session;
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
      {principal.operatorId === undefined ? null : (
        <>
          <Holdings session={session} operatorId={principal.operatorId} />
          <Outbox />
        </>
      )}
    </>
  );
}
