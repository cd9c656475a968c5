/**
 * Merging and processing (合并 / 加工): held lots in (each scanned or picked, with the portion
 * used), new lots out. A merge makes one lot of exactly the inputs' sum in their unit; processing
 * may change products, units and amounts. The new lots may carry a certificate of compliance,
 * re-issued for them, and each gets its label once the server has answered.
 */
import { useState } from 'preact/hooks';
import type { ProductCategory, Unit } from '../../../../src/domain/values/index.js';
import type { HoldingLot } from '../../api.js';
import { queueWrite } from '../../outbox.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { CertificateFields } from './CertificateFields.js';
import { FormProblem } from './FormProblem.js';
import { type CertificateForm, chinaToday, mergeTotal, type OutputForm, type PortionForm, processingBody } from './forms.js';
import { LabelPrint } from './LabelPrint.js';
import { LotField } from './LotField.js';
import { QuantityField } from './QuantityField.js';
import { useHoldings, useOperatorProfile } from './useOperatorData.js';
import { keysOf, operatorWords } from './words.js';
import './operator.css';

const blankInput = (): PortionForm => ({ code: '', amount: '', unit: 'kg' });
const blankOutput = (): OutputForm => ({ product: '', category: 'vegetable', variety: '', amount: '', unit: 'kg' });

/** replaced: `list` with its `index`th entry changed. */
const replaced = <T,>(list: readonly T[], index: number, change: Partial<T>): T[] =>
  list.map((entry, at) => (at === index ? { ...entry, ...change } : entry));

export function Processing({ session }: { session: Session }) {
  const t = operatorWords();
  const { held, load } = useHoldings(session);
  const profile = useOperatorProfile(session);
  const [mode, setMode] = useState<'merge' | 'process'>('merge');
  const [inputs, setInputs] = useState<PortionForm[]>([blankInput(), blankInput()]);
  const [outputs, setOutputs] = useState<OutputForm[]>([blankOutput()]);
  const [certificate, setCertificate] = useState<CertificateForm>(() => ({
    issue: false,
    issuer: '',
    contact: '',
    basis: 'quality-control',
    issuedAt: chinaToday(new Date()),
  }));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  const total = mergeTotal(inputs);
  const shownOutputs = mode === 'merge' ? outputs.slice(0, 1) : outputs;

  /** pickInput: a lot chosen for row `index` sets its unit, and the first output's product if none is typed yet. */
  const pickInput = (index: number, lot: HoldingLot): void => {
    // The holdings answer names each lot's category too (the shared HoldingLot type leaves it out).
    const product = lot.product as HoldingLot['product'] & { category?: ProductCategory };
    const code = lot.code;
    const unit = lot.unit as Unit;
    setInputs((rows) => replaced(rows, index, { code, unit }));
    setOutputs((rows) =>
      rows[0]?.product === ''
        ? replaced(rows, 0, { product: product.name, category: product.category ?? 'other', variety: product.variety ?? '' })
        : rows,
    );
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    const issuer = certificate.issuer || profile?.name || '';
    const built = processingBody({ mode, inputs, outputs, certificate: { ...certificate, issuer }, originName: profile?.regionName ?? '' });
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    const made = built.body.outputs.map((output) => `${output.product.name} ${output.quantity.amount} ${output.quantity.unit}`).join('、');
    const queued = queueWrite('/v1/processing', built.body, `${t.processingLabel} ${built.body.inputs.length} → ${made}`);
    setQueuedId(queued?.id ?? null);
  };

  const labels: Record<string, string> = { 'processing-merge-total': t.mergeTotal };
  inputs.forEach((_, index) => {
    labels[`processing-input-${index}-code`] = `${t.input} ${index + 1} ${t.code}`;
    labels[`processing-input-${index}-amount`] = `${t.input} ${index + 1} ${t.quantity}`;
  });
  outputs.forEach((_, index) => {
    labels[`processing-output-${index}-product`] = `${t.output} ${index + 1} ${t.product}`;
    labels[`processing-output-${index}-amount`] = `${t.output} ${index + 1} ${t.quantity}`;
  });
  Object.assign(labels, { 'certificate-issuer': t.issuer, 'certificate-contact': t.contact, 'certificate-issued-at': t.issuedAt });

  return (
    <Screen title={screenTitles().processing.title}>
      <form class="card form" onSubmit={submit} noValidate aria-label={screenTitles().processing.title}>
        <fieldset class="group">
          <legend>{t.mode}</legend>
          <label class="check">
            <input type="radio" name="processing-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} />
            {t.merge}
          </label>
          <label class="check">
            <input type="radio" name="processing-mode" checked={mode === 'process'} onChange={() => setMode('process')} />
            {t.process}
          </label>
        </fieldset>
        <fieldset class="group">
          <legend>{t.inputs}</legend>
          {load.kind === 'failed' ? <p class="hint">{t.heldUnavailable}</p> : null}
          {inputs.map((input, index) => (
            <div class="entry" key={index} data-testid={`processing-input-${index}`}>
              <LotField
                id={`processing-input-${index}-code`}
                label={`${t.input} ${index + 1}`}
                lots={held}
                value={input.code}
                onValue={(code) => setInputs((rows) => replaced(rows, index, { code }))}
                onLot={(lot) => pickInput(index, lot)}
              />
              <QuantityField
                id={`processing-input-${index}`}
                amount={input.amount}
                unit={input.unit}
                invalid={missing.includes(`processing-input-${index}-amount`)}
                onAmount={(amount) => setInputs((rows) => replaced(rows, index, { amount }))}
                onUnit={(unit) => setInputs((rows) => replaced(rows, index, { unit }))}
              />
              {inputs.length > 1 ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`${t.remove} ${t.input} ${index + 1}`}
                  onClick={() => setInputs((rows) => rows.filter((_, at) => at !== index))}
                >
                  {t.remove}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setInputs((rows) => [...rows, blankInput()])}>
            {t.addInput}
          </button>
        </fieldset>
        <fieldset class="group">
          <legend>{t.outputs}</legend>
          {shownOutputs.map((output, index) => (
            <div class="entry" key={index} data-testid={`processing-output-${index}`}>
              <label for={`processing-output-${index}-product`}>
                {t.output} {index + 1} · {t.product}
              </label>
              <input
                id={`processing-output-${index}-product`}
                autocomplete="off"
                value={output.product}
                aria-invalid={missing.includes(`processing-output-${index}-product`) || undefined}
                onInput={(event) => setOutputs((rows) => replaced(rows, index, { product: event.currentTarget.value }))}
              />
              <div class="row">
                <div>
                  <label for={`processing-output-${index}-category`}>{t.category}</label>
                  <select
                    id={`processing-output-${index}-category`}
                    value={output.category}
                    onChange={(event) =>
                      setOutputs((rows) => replaced(rows, index, { category: event.currentTarget.value as ProductCategory }))
                    }
                  >
                    {keysOf(t.names.categories).map((category) => (
                      <option key={category} value={category}>
                        {t.names.categories[category]}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`processing-output-${index}-variety`}>{t.variety}</label>
                  <input
                    id={`processing-output-${index}-variety`}
                    autocomplete="off"
                    value={output.variety}
                    onInput={(event) => setOutputs((rows) => replaced(rows, index, { variety: event.currentTarget.value }))}
                  />
                </div>
              </div>
              {mode === 'merge' ? (
                <p class="hint" data-testid="processing-merge-total">
                  {t.mergeTotal}：{total ? `${total.amount} ${total.unit}` : '—'}
                </p>
              ) : (
                <QuantityField
                  id={`processing-output-${index}`}
                  amount={output.amount}
                  unit={output.unit}
                  invalid={missing.includes(`processing-output-${index}-amount`)}
                  onAmount={(amount) => setOutputs((rows) => replaced(rows, index, { amount }))}
                  onUnit={(unit) => setOutputs((rows) => replaced(rows, index, { unit }))}
                />
              )}
              {mode === 'process' && outputs.length > 1 ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`${t.remove} ${t.output} ${index + 1}`}
                  onClick={() => setOutputs((rows) => rows.filter((_, at) => at !== index))}
                >
                  {t.remove}
                </button>
              ) : null}
            </div>
          ))}
          {mode === 'process' ? (
            <button type="button" class="secondary" onClick={() => setOutputs((rows) => [...rows, blankOutput()])}>
              {t.addOutput}
            </button>
          ) : null}
        </fieldset>
        <CertificateFields
          form={{ ...certificate, issuer: certificate.issuer || profile?.name || '' }}
          missing={missing}
          onForm={setCertificate}
        />
        <button type="submit" class="primary">
          {t.processSubmit}
        </button>
        <FormProblem missing={missing} labels={labels} />
      </form>
      {write ? (
        <section class="card" aria-label={t.madeCodes} data-testid="processing-result">
          <WriteStatus write={write}>{(answer) => <Made outputs={(answer as { outputs: { code: string }[] }).outputs} />}</WriteStatus>
        </section>
      ) : null}
    </Screen>
  );
}

function Made({ outputs }: { outputs: readonly { code: string }[] }) {
  const t = operatorWords();
  return (
    <>
      <h2>{t.madeCodes}</h2>
      {outputs.map((output, index) => (
        <div key={output.code} class="entry">
          <p class="code" data-testid={`processing-made-${index}`}>
            {output.code}
          </p>
          <LabelPrint code={output.code} id={`processing-output-${index}`} />
        </div>
      ))}
    </>
  );
}
