/**
 * /app/activate#<token>: the one-time token is in the fragment, which the browser never sends; the
 * screen trades it for the key once (POST /v1/activations/redeem), removes it from the address bar
 * and history, and goes home.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, redeemActivation } from '../api.js';
import { navigate } from '../router.js';
import { words } from '../i18n.js';
import { signIn } from '../session.js';

type State = { kind: 'working' } | { kind: 'failed'; message: string };

export function Activate() {
  const [state, setState] = useState<State>({ kind: 'working' });
  const t = words();
  useEffect(() => {
    const token = location.hash.slice(1);
    history.replaceState(null, '', location.pathname + location.search);
    if (!token) {
      setState({ kind: 'failed', message: t.activationMissing });
      return;
    }
    redeemActivation(token).then(
      (redeemed) => {
        signIn(redeemed);
        navigate('/app/', { replace: true });
      },
      (error: unknown) => {
        const gone = error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 410);
        setState({ kind: 'failed', message: gone ? t.activationGone : error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);
  if (state.kind === 'working') return <p role="status">{t.activating}</p>;
  return (
    <section aria-labelledby="activation-failed">
      <h1 id="activation-failed">{t.activationFailed}</h1>
      <p role="alert">{state.message}</p>
    </section>
  );
}
