/**
 * Hand off part or all of a lot to a registered buyer: the code typed or picked from the held lots,
 * the quantity and the buyer's operator id. The write goes to the outbox (sent now if online).
 */
import { useState } from 'preact/hooks';
import { type HoldingLot, holdings } from '../../api.js';
import { words } from '../../i18n.js';
import { queueWrite } from '../../outbox.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { Screen } from '../../ui/Screen.js';
import { useLoad } from '../../ui/useLoad.js';

const UNITS = ['kg', 'g', 't', 'jin', 'L', 'mL', 'head', 'piece', 'box', 'bag', 'crate', 'tray', 'bundle', 'dozen'] as const;

export function HandOff({ session }: { session: Session }) {
  const operatorId = session.principal.operatorId ?? '';
  const load = useLoad(() => holdings(session, operatorId), [session.key, operatorId]);
  return (
    <Screen title={screenTitles().handOff.title}>
      <Loaded load={load}>{(lots) => <HandOffForm held={lots.held} />}</Loaded>
    </Screen>
  );
}

function HandOffForm({ held }: { held: readonly HoldingLot[] }) {
  const t = words();
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<string>(held[0]?.unit ?? 'kg');
  const [buyer, setBuyer] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  const pick = (typed: string): void => {
    setCode(typed);
    const lot = held.find((candidate) => candidate.code === typed.trim());
    if (lot) setUnit(lot.unit);
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    const lotCode = code.trim();
    const quantity = Number(amount);
    const to = buyer.trim();
    if (!lotCode || !(quantity > 0) || !to) {
      setMessage({ kind: 'error', text: t.handOffInvalid });
      return;
    }
    queueWrite(
      `/v1/lots/${encodeURIComponent(lotCode)}/shipments`,
      { to: { operatorId: to }, quantity: { amount: quantity, unit } },
      `${t.handOffLabel} ${lotCode} · ${quantity} ${unit} → ${to}`,
    );
    setMessage({ kind: 'done', text: t.handOffQueued });
    setAmount('');
  };

  return (
    <section class="card" aria-label={t.handOff}>
      <p id="hand-off-help" class="hint">
        {t.handOffHelp}
      </p>
      <form class="form" onSubmit={submit} aria-describedby="hand-off-help" noValidate>
        <label for="hand-off-code">{t.code}</label>
        <input
          id="hand-off-code"
          name="code"
          list="hand-off-held"
          autocomplete="off"
          value={code}
          onInput={(event) => pick(event.currentTarget.value)}
        />
        <datalist id="hand-off-held">
          {held.map((lot) => (
            <option key={lot.code} value={lot.code}>
              {lot.product.name} · {lot.available} {lot.unit}
            </option>
          ))}
        </datalist>
        <div class="row">
          <div>
            <label for="hand-off-amount">{t.quantity}</label>
            <input
              id="hand-off-amount"
              name="amount"
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={amount}
              onInput={(event) => setAmount(event.currentTarget.value)}
            />
          </div>
          <div>
            <label for="hand-off-unit">{t.unit}</label>
            <select id="hand-off-unit" name="unit" value={unit} onChange={(event) => setUnit(event.currentTarget.value)}>
              {UNITS.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label for="hand-off-buyer">{t.buyer}</label>
        <input id="hand-off-buyer" name="buyer" autocomplete="off" value={buyer} onInput={(event) => setBuyer(event.currentTarget.value)} />
        <button type="submit" class="primary">
          {t.handOffSubmit}
        </button>
        {message ? (
          <p role={message.kind === 'error' ? 'alert' : 'status'} class="hint">
            {message.text}
          </p>
        ) : null}
      </form>
    </section>
  );
}
