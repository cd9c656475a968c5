/**
 * An operator's holdings: the lots it holds and those on their way to it, with quantities; each lot
 * in transit can be accepted (a queued write), and the hand-off form follows.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type HoldingLot, holdings, operator } from '../api.js';
import { words } from '../i18n.js';
import { queueWrite, writes } from '../outbox.js';
import { type Session, signOut } from '../session.js';
import { useSignal } from '../signal.js';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; operatorName: string; region: string; held: readonly HoldingLot[]; inTransit: readonly HoldingLot[] }
  | { kind: 'failed'; message: string };

export function Holdings({ session, operatorId }: { session: Session; operatorId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const t = words();
  const queued = useSignal(writes);
  // Reload once a queued write has been answered: the holdings it changed are the server's to tell.
  const answered = queued.filter((write) => write.state === 'sent').length;
  useEffect(() => {
    Promise.all([operator(session, operatorId), holdings(session, operatorId)]).then(
      ([shown, lots]) =>
        setState({ kind: 'loaded', operatorName: shown.name, region: shown.region, held: lots.held, inTransit: lots.inTransit }),
      (error: unknown) => {
        if (error instanceof ApiError && error.problem.status === 401) signOut();
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [session.key, operatorId, answered]);
  if (state.kind === 'loading') return <p role="status">{t.loading}</p>;
  if (state.kind === 'failed')
    return (
      <p role="alert">
        {t.loadFailed}: {state.message}
      </p>
    );
  return (
    <section class="card" aria-labelledby="holdings">
      <p class="kicker">{t.operator}</p>
      <h2 id="holdings" data-testid="operator-name">
        {state.operatorName}
      </h2>
      <p class="hint">
        {t.region} <span data-testid="operator-region">{state.region}</span>
      </p>
      <LotList title={t.held} id="held" lots={state.held} />
      <LotList title={t.inTransit} id="in-transit" lots={state.inTransit} accepting />
    </section>
  );
}

function LotList({ title, id, lots, accepting = false }: { title: string; id: string; lots: readonly HoldingLot[]; accepting?: boolean }) {
  const t = words();
  const queued = useSignal(writes);
  const acceptPath = (code: string): string => `/v1/lots/${encodeURIComponent(code)}/accept`;
  const waiting = new Set(queued.filter((write) => write.state === 'pending').map((write) => write.path));
  return (
    <>
      <h3 id={id}>
        {title}（{lots.length}）
      </h3>
      {lots.length === 0 ? (
        <p class="hint">{t.none}</p>
      ) : (
        <ul class="lots" aria-labelledby={id} data-testid={`${id}-lots`}>
          {lots.map((lot) => (
            <li key={lot.code}>
              <span class="product">
                {lot.product.name}
                {lot.product.variety ? ` · ${lot.product.variety}` : ''}
              </span>
              <span class="code">
                <span class="visually-hidden">{t.code} </span>
                {lot.code}
              </span>
              <span class="qty">
                {t.available} {lot.available} / {lot.quantity} {lot.unit}
              </span>
              {accepting ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`${t.acceptLot} ${lot.code}`}
                  disabled={waiting.has(acceptPath(lot.code))}
                  onClick={() => queueWrite(acceptPath(lot.code), {}, `${t.accept} ${lot.product.name} ${lot.code}`)}
                >
                  {waiting.has(acceptPath(lot.code)) ? t.states.pending : t.accept}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
