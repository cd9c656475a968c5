/**
 * Hand off part or all of a lot (交付): the lot scanned from its label, typed or picked from the
 * held lots (?code= preselects one); the buyer's identity card scanned, a recent partner picked,
 * or an unregistered buyer named, who gets a market-entry certificate (入市追溯凭证) to print.
 * The write goes to the outbox (sent now if online); a hand-off to an operator gets a label of
 * its own for the goods, which the buyer scans to accept them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Unit } from '../../../../src/domain/values/index.js';
import { ApiError, operator } from '../../api.js';
import { queueWrite } from '../../outbox.js';
import { param } from '../../router.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { ScanField } from '../../scan/ScanField.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { FormProblem } from './FormProblem.js';
import { type ShipmentForm, shipmentBody } from './forms.js';
import { LabelPrint } from './LabelPrint.js';
import { LotField } from './LotField.js';
import { MarketCertificate } from './MarketCertificate.js';
import { loadPartners, type Partner, savePartner } from './partners.js';
import { QuantityField } from './QuantityField.js';
import { useHoldings } from './useOperatorData.js';
import { operatorWords } from './words.js';
import './operator.css';

interface ShipmentAnswer {
  readonly code: string;
  readonly kind: 2 | 3;
}

export function HandOff({ session }: { session: Session }) {
  const t = operatorWords();
  const ownerId = session.principal.operatorId ?? '';
  const { held, load } = useHoldings(session);
  const [form, setForm] = useState<ShipmentForm>(() => ({
    code: param('code') ?? '',
    amount: '',
    unit: 'kg',
    to: 'registered',
    operatorId: '',
    buyerName: '',
    buyerPhone: '',
    buyerAddress: '',
  }));
  const [partners, setPartners] = useState<Partner[]>(() => loadPartners(localStorage, ownerId));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  const buyerName = useOperatorName(session, form.to === 'registered' ? form.operatorId : '');
  const set = (change: Partial<ShipmentForm>): void => setForm((current) => ({ ...current, ...change }));

  const submit = (event: Event): void => {
    event.preventDefault();
    const built = shipmentBody(form);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    const { path, body } = built.body;
    const to = 'operatorId' in body.to ? (buyerName.name ?? body.to.operatorId) : body.to.buyer.name;
    const queued = queueWrite(path, body, `${t.handOffLabel} ${form.code.trim()} · ${body.quantity.amount} ${body.quantity.unit} → ${to}`);
    setQueuedId(queued?.id ?? null);
    if ('operatorId' in body.to) {
      const partner = buyerName.name === undefined ? { id: body.to.operatorId } : { id: body.to.operatorId, name: buyerName.name };
      setPartners(savePartner(localStorage, ownerId, partner));
    }
    set({ amount: '' });
  };

  const labels: Record<string, string> = {
    'hand-off-code': t.code,
    'hand-off-amount': t.quantity,
    'hand-off-buyer': t.buyer,
    'hand-off-buyer-name': t.buyerName,
  };

  return (
    <Screen title={screenTitles().handOff.title}>
      <form class="card form" onSubmit={submit} noValidate aria-describedby="hand-off-help" aria-label={screenTitles().handOff.title}>
        <p id="hand-off-help" class="hint">
          {t.handOffHelp}
        </p>
        <LotField
          id="hand-off-code"
          label={t.code}
          lots={held}
          value={form.code}
          onValue={(code) => set({ code })}
          onLot={(lot) => set({ unit: lot.unit as Unit })}
        />
        {load.kind === 'failed' ? <p class="hint">{t.heldUnavailable}</p> : null}
        <QuantityField
          id="hand-off"
          amount={form.amount}
          unit={form.unit}
          invalid={missing.includes('hand-off-amount')}
          onAmount={(amount) => set({ amount })}
          onUnit={(unit) => set({ unit })}
        />
        <fieldset class="group">
          <legend>{t.recipient}</legend>
          <label class="check">
            <input type="radio" name="hand-off-to" checked={form.to === 'registered'} onChange={() => set({ to: 'registered' })} />
            {t.registered}
          </label>
          <label class="check">
            <input type="radio" name="hand-off-to" checked={form.to === 'unregistered'} onChange={() => set({ to: 'unregistered' })} />
            {t.unregistered}
          </label>
        </fieldset>
        {form.to === 'registered' ? (
          <>
            <ScanField
              id="hand-off-buyer"
              label={t.buyer}
              want="operator"
              value={form.operatorId}
              onValue={(operatorId) => set({ operatorId })}
            />
            {buyerName.name ? (
              <p class="hint" data-testid="hand-off-buyer-name-found">
                {t.buyerIs}
                {buyerName.name}
              </p>
            ) : buyerName.unknown ? (
              <p class="problem">{t.buyerUnknown}</p>
            ) : null}
            {partners.length === 0 ? null : (
              <>
                <label for="hand-off-partner">{t.recentPartner}</label>
                <select
                  id="hand-off-partner"
                  value={partners.some((partner) => partner.id === form.operatorId) ? form.operatorId : ''}
                  onChange={(event) => set({ operatorId: event.currentTarget.value })}
                >
                  <option value="">{t.pickPartner}</option>
                  {partners.map((partner) => (
                    <option key={partner.id} value={partner.id}>
                      {partner.name ? `${partner.name} · ${partner.id}` : partner.id}
                    </option>
                  ))}
                </select>
              </>
            )}
          </>
        ) : (
          <>
            <label for="hand-off-buyer-name">{t.buyerName}</label>
            <input
              id="hand-off-buyer-name"
              autocomplete="off"
              value={form.buyerName}
              aria-invalid={missing.includes('hand-off-buyer-name') || undefined}
              aria-describedby="hand-off-buyer-private"
              onInput={(event) => set({ buyerName: event.currentTarget.value })}
            />
            <label for="hand-off-buyer-phone">{t.buyerPhone}</label>
            <input
              id="hand-off-buyer-phone"
              type="tel"
              autocomplete="off"
              value={form.buyerPhone}
              onInput={(event) => set({ buyerPhone: event.currentTarget.value })}
            />
            <label for="hand-off-buyer-address">{t.buyerAddress}</label>
            <input
              id="hand-off-buyer-address"
              autocomplete="off"
              value={form.buyerAddress}
              onInput={(event) => set({ buyerAddress: event.currentTarget.value })}
            />
            <p id="hand-off-buyer-private" class="hint">
              {t.buyerPrivate}
            </p>
          </>
        )}
        <button type="submit" class="primary">
          {t.handOffSubmit}
        </button>
        <FormProblem missing={missing} labels={labels} />
      </form>
      {write ? (
        <section class="card" aria-label={t.childCode} data-testid="hand-off-result">
          <WriteStatus write={write}>{(answer) => <Shipped session={session} answer={answer as ShipmentAnswer} />}</WriteStatus>
        </section>
      ) : null}
    </Screen>
  );
}

function Shipped({ session, answer }: { session: Session; answer: ShipmentAnswer }) {
  const t = operatorWords();
  return (
    <>
      <p>
        {t.childCode}：
        <span class="code" data-testid="hand-off-child-code">
          {answer.code}
        </span>
      </p>
      {answer.kind === 3 ? (
        <MarketCertificate session={session} code={answer.code} />
      ) : (
        <>
          <p class="hint">{t.childInTransit}</p>
          <LabelPrint code={answer.code} id="hand-off" />
        </>
      )}
    </>
  );
}

/** useOperatorName: the name of the operator `id` once the server has named it (nothing offline or while typing). */
function useOperatorName(session: Session, id: string): { name?: string; unknown: boolean } {
  const [found, setFound] = useState<{ id: string; name?: string; unknown: boolean }>({ id: '', unknown: false });
  const wanted = id.trim();
  useEffect(() => {
    if (wanted.length < 6) return;
    let current = true;
    const timer = setTimeout(() => {
      operator(session, wanted).then(
        (shown) => current && setFound({ id: wanted, name: shown.name, unknown: false }),
        (error: unknown) => current && setFound({ id: wanted, unknown: error instanceof ApiError && error.problem.status === 404 }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session.key, wanted]);
  return found.id === wanted
    ? found.name === undefined
      ? { unknown: found.unknown }
      : { name: found.name, unknown: false }
    : { unknown: false };
}
