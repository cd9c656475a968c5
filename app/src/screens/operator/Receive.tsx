/**
 * Receive (收货): scan the label on the goods — the shipment's own or the seller's lot it was split
 * from — or pick a lot in transit to me, then accept it (确认收货) or reject it with a reason (拒收);
 * either write waits in the outbox while offline.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, type HoldingLot } from '../../api.js';
import { queueWrite } from '../../outbox.js';
import { param } from '../../router.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { FormProblem } from './FormProblem.js';
import { lotPath, rejectBody } from './forms.js';
import { matchIncoming } from './incoming.js';
import { LotField, lotSummary } from './LotField.js';
import { useHoldings } from './useOperatorData.js';
import { operatorWords } from './words.js';
import './operator.css';

/** How many lots in transit are asked for their parents when a scanned code is none of them. */
const PARENT_LOOKUPS = 20;

export function Receive({ session }: { session: Session }) {
  const t = operatorWords();
  const { inTransit, load } = useHoldings(session);
  const [code, setCode] = useState(param('code') ?? '');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  const parents = useParents(session, inTransit, code);
  const match = matchIncoming(code, inTransit, (child) => parents[child]);
  const target = match.kind === 'none' ? code.trim() : match.lot.code;
  const name = match.kind === 'none' ? target : `${match.lot.product.name} ${target}`;

  const accept = (): void => {
    if (target === '') {
      setMissing(['receive-code']);
      return;
    }
    setMissing([]);
    setQueuedId(queueWrite(lotPath(target, 'accept'), {}, `${t.acceptLabel} ${name}`)?.id ?? null);
  };
  const reject = (): void => {
    const built = rejectBody(target, reason);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    setQueuedId(queueWrite(built.body.path, built.body.body, `${t.rejectLabel} ${name}`)?.id ?? null);
    setReason('');
  };

  return (
    <Screen title={screenTitles().receive.title}>
      <section class="card form" aria-describedby="receive-help" aria-label={screenTitles().receive.title}>
        <p id="receive-help" class="hint">
          {t.receiveHelp}
        </p>
        <LotField
          id="receive-code"
          label={t.code}
          lots={inTransit}
          pickLabel={t.inTransit}
          value={code}
          onValue={(next) => setCode(next)}
        />
        {load.kind === 'failed' ? <p class="hint">{t.heldUnavailable}</p> : null}
        {match.kind === 'via-parent' ? (
          <p class="hint" data-testid="receive-match">
            {t.viaParent} {lotSummary(match.lot)} · <span class="code">{match.lot.code}</span>
          </p>
        ) : null}
        {match.kind === 'none' && code.trim().length === 20 && load.kind === 'loaded' ? <p class="hint">{t.notIncoming}</p> : null}
        {match.kind === 'none' ? null : <Incoming lot={match.lot} />}
        <button type="button" class="primary" data-testid="receive-accept" onClick={accept}>
          {t.accept}
        </button>
        <label for="receive-reason">{t.rejectReason}</label>
        <textarea
          id="receive-reason"
          value={reason}
          aria-invalid={missing.includes('receive-reason') || undefined}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <button type="button" class="secondary" data-testid="receive-reject" onClick={reject}>
          {t.reject}
        </button>
        <FormProblem missing={missing} labels={{ 'receive-code': t.code, 'receive-reason': t.rejectReason }} />
        <WriteStatus write={write} />
      </section>
      <section class="card" aria-labelledby="in-transit-title">
        <h2 id="in-transit-title">
          {t.inTransit}（{inTransit.length}）
        </h2>
        {inTransit.length === 0 ? (
          <p class="hint">{t.inTransitNone}</p>
        ) : (
          <ul class="lots" data-testid="receive-in-transit">
            {inTransit.map((lot) => (
              <li key={lot.code}>
                <span class="product">{lotSummary(lot)}</span>
                <span class="code">{lot.code}</span>
                <span class="qty">
                  {lot.quantity} {lot.unit} · {t.from} {lot.issuer.name ?? lot.issuer.id}
                </span>
                <button type="button" class="secondary" aria-label={`${t.pick} ${lot.code}`} onClick={() => setCode(lot.code)}>
                  {t.pick}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}

function Incoming({ lot }: { lot: HoldingLot }) {
  const t = operatorWords();
  return (
    <dl class="facts" data-testid="receive-lot" aria-label={t.incomingMatch}>
      <dt>{t.product}</dt>
      <dd>{lotSummary(lot)}</dd>
      <dt>{t.quantity}</dt>
      <dd>
        {lot.quantity} {lot.unit}
      </dd>
      <dt>{t.from}</dt>
      <dd>{lot.issuer.name ?? lot.issuer.id}</dd>
    </dl>
  );
}

/**
 * useParents: the parents' codes of the lots in transit, asked for only once a code that is none
 * of them has been scanned or typed (a seller's label names the parent lot).
 */
function useParents(session: Session, inTransit: readonly HoldingLot[], code: string): Record<string, readonly string[]> {
  const [parents, setParents] = useState<Record<string, readonly string[]>>({});
  const wanted = code.trim();
  const direct = inTransit.some((lot) => lot.code === wanted);
  useEffect(() => {
    if (wanted.length !== 20 || direct) return;
    let current = true;
    const unknown = inTransit.filter((lot) => parents[lot.code] === undefined).slice(0, PARENT_LOOKUPS);
    for (const lot of unknown) {
      get<{ parents?: { code: string }[] }>(session, `/v1/codes/${encodeURIComponent(lot.code)}`).then(
        (trace) => current && setParents((known) => ({ ...known, [lot.code]: (trace.parents ?? []).map((parent) => parent.code) })),
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [session.key, wanted, direct, inTransit]);
  return parents;
}
