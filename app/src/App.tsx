/** The app's frame: the language switch, who is signed in, and the screen of the current address. */
import { lang, setLang, words } from './i18n.js';
import { Activate } from './screens/Activate.js';
import { Home } from './screens/Home.js';
import { SignedOut } from './screens/SignedOut.js';
import { session } from './session.js';
import { route } from './router.js';
import { useSignal } from './signal.js';

export function App() {
  const current = useSignal(lang);
  const signedIn = useSignal(session);
  const path = useSignal(route);
  const t = words();
  const other = current === 'en' ? 'zh-CN' : 'en';
  return (
    <>
      <header class="bar">
        <span class="brand">{t.appName}</span>
        <button type="button" class="link" lang={other} title={t.switchLanguageLabel} onClick={() => setLang(other)}>
          {t.switchLanguage}
        </button>
      </header>
      <main>{path === '/app/activate' ? <Activate /> : signedIn ? <Home session={signedIn} /> : <SignedOut />}</main>
    </>
  );
}
