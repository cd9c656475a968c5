/** The field app's entry: render, then register the service worker that caches the shell for offline starts. */
import { render } from 'preact';
import { App } from './App.js';
import { lang } from './i18n.js';
import { startSync } from './outbox.js';
import './styles.css';

document.documentElement.lang = lang.get();
render(<App />, document.getElementById('root')!);
startSync();

if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
  });
}
