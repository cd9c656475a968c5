/** Retail sale (零售) from a held lot: the quantity leaves the chain. The write waits in the outbox while offline. */
import { useState } from 'preact/hooks';
import type { Unit } from '../../../../src/domain/values/index.js';
import { queueWrite } from '../../outbox.js';
import { param } from '../../router.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { FormProblem } from './FormProblem.js';
import { type SaleForm, saleBody } from './forms.js';
import { LotField } from './LotField.js';
import { QuantityField } from './QuantityField.js';
import { useHoldings } from './useOperatorData.js';
import { operatorWords } from './words.js';
import './operator.css';

export function Sale({ session }: { session: Session }) {
  const t = operatorWords();
  const { held, load } = useHoldings(session);
  const [form, setForm] = useState<SaleForm>(() => ({ code: param('code') ?? '', amount: '', unit: 'kg' }));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  const set = (change: Partial<SaleForm>): void => setForm((current) => ({ ...current, ...change }));

  const submit = (event: Event): void => {
    event.preventDefault();
    const built = saleBody(form);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    const { path, body } = built.body;
    setQueuedId(queueWrite(path, body, `${t.saleLabel} ${form.code.trim()} · ${body.quantity.amount} ${body.quantity.unit}`)?.id ?? null);
    set({ amount: '' });
  };

  return (
    <Screen title={screenTitles().sale.title}>
      <form class="card form" onSubmit={submit} noValidate aria-describedby="sale-help" aria-label={screenTitles().sale.title}>
        <p id="sale-help" class="hint">
          {t.saleHelp}
        </p>
        <LotField
          id="sale-code"
          label={t.code}
          lots={held}
          value={form.code}
          onValue={(code) => set({ code })}
          onLot={(lot) => set({ unit: lot.unit as Unit })}
        />
        {load.kind === 'failed' ? <p class="hint">{t.heldUnavailable}</p> : null}
        <QuantityField
          id="sale"
          amount={form.amount}
          unit={form.unit}
          invalid={missing.includes('sale-amount')}
          onAmount={(amount) => set({ amount })}
          onUnit={(next) => set({ unit: next })}
        />
        <button type="submit" class="primary">
          {t.saleSubmit}
        </button>
        <FormProblem missing={missing} labels={{ 'sale-code': t.code, 'sale-amount': t.quantity }} />
        <WriteStatus write={write} />
      </form>
    </Screen>
  );
}
