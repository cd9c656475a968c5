/** An operator's holdings: the lots it holds and those on their way to it, with quantities. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type HoldingLot, holdings, operator } from '../api.js';
import { words } from '../i18n.js';
import { type Session, signOut } from '../session.js';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; operatorName: string; region: string; held: readonly HoldingLot[]; inTransit: readonly HoldingLot[] }
  | { kind: 'failed'; message: string };

export function Holdings({ session, operatorId }: { session: Session; operatorId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const t = words();
  useEffect(() => {
    Promise.all([operator(session, operatorId), holdings(session, operatorId)]).then(
      ([shown, lots]) =>
        setState({ kind: 'loaded', operatorName: shown.name, region: shown.region, held: lots.held, inTransit: lots.inTransit }),
      (error: unknown) => {
        if (error instanceof ApiError && error.problem.status === 401) signOut();
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [session.key, operatorId]);
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
      <LotList title={t.inTransit} id="in-transit" lots={state.inTransit} />
    </section>
  );
}

function LotList({ title, id, lots }: { title: string; id: string; lots: readonly HoldingLot[] }) {
  const t = words();
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
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
