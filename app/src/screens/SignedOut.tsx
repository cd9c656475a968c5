/** The screen of a device that holds no key: how to activate it. */
import { words } from '../i18n.js';

export function SignedOut() {
  const t = words();
  return (
    <section aria-labelledby="signed-out">
      <h1 id="signed-out">{t.notSignedIn}</h1>
      <p>{t.notSignedInHelp}</p>
    </section>
  );
}
