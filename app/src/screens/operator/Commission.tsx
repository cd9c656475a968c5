/**
 * Commission a lot (赋码建批): product, quantity, production date and origin, the certificate of
 * compliance (承诺达标合格证) and the certifications it claims. The write waits in the outbox
 * while offline; once the server has answered with the new code, the label can be printed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ProductCategory } from '../../../../src/domain/values/index.js';
import { queueWrite } from '../../outbox.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { CertificateFields } from './CertificateFields.js';
import { FormProblem } from './FormProblem.js';
import { chinaToday, type CommissionForm, commissionBody } from './forms.js';
import { LabelPrint } from './LabelPrint.js';
import { QuantityField } from './QuantityField.js';
import { type OperatorProfile, useOperatorProfile } from './useOperatorData.js';
import { keysOf, operatorWords } from './words.js';
import './operator.css';

const contactKey = (operatorId: string): string => `suyuan.certificate-contact.${operatorId}`;

function blankForm(operatorId: string): CommissionForm {
  const today = chinaToday(new Date());
  return {
    product: '',
    category: 'vegetable',
    variety: '',
    gtin: '',
    amount: '',
    unit: 'kg',
    producedAt: today,
    region: '',
    base: '',
    originName: '',
    certificate: {
      issue: true,
      issuer: '',
      contact: localStorage.getItem(contactKey(operatorId)) ?? '',
      basis: 'quality-control',
      issuedAt: today,
    },
    claims: [],
  };
}

/** withProfile fills in what the operator's profile knows, leaving whatever was typed already. */
const withProfile = (form: CommissionForm, profile: OperatorProfile): CommissionForm => ({
  ...form,
  region: form.region || profile.region,
  originName: form.originName || (profile.regionName ?? ''),
  certificate: { ...form.certificate, issuer: form.certificate.issuer || profile.name },
});

export function Commission({ session }: { session: Session }) {
  const t = operatorWords();
  const operatorId = session.principal.operatorId ?? '';
  const profile = useOperatorProfile(session);
  const [form, setForm] = useState<CommissionForm>(() => blankForm(operatorId));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  useEffect(() => {
    if (profile) setForm((current) => withProfile(current, profile));
  }, [profile]);
  const set = (change: Partial<CommissionForm>): void => setForm({ ...form, ...change });
  const invalid = (id: string): true | undefined => (missing.includes(id) ? true : undefined);
  const certifications = (profile?.certifications ?? []).filter((certification) => certification.valid !== false);

  const submit = (event: Event): void => {
    event.preventDefault();
    const built = commissionBody(form);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    if (form.certificate.issue) localStorage.setItem(contactKey(operatorId), form.certificate.contact.trim());
    const { product, quantity } = built.body;
    const queued = queueWrite('/v1/lots', built.body, `${t.commissionLabel} ${product.name} · ${quantity.amount} ${quantity.unit}`);
    setQueuedId(queued?.id ?? null);
  };

  const labels: Record<string, string> = {
    'commission-product': t.product,
    'commission-amount': t.quantity,
    'commission-produced-at': t.producedAt,
    'commission-region': t.originRegion,
    'certificate-issuer': t.issuer,
    'certificate-contact': t.contact,
    'certificate-issued-at': t.issuedAt,
  };

  return (
    <Screen title={screenTitles().commission.title}>
      <form class="card form" onSubmit={submit} noValidate aria-label={screenTitles().commission.title}>
        <label for="commission-product">{t.product}</label>
        <input
          id="commission-product"
          autocomplete="off"
          value={form.product}
          aria-invalid={invalid('commission-product')}
          onInput={(event) => set({ product: event.currentTarget.value })}
        />
        <div class="row">
          <div>
            <label for="commission-category">{t.category}</label>
            <select
              id="commission-category"
              value={form.category}
              onChange={(event) => set({ category: event.currentTarget.value as ProductCategory })}
            >
              {keysOf(t.names.categories).map((category) => (
                <option key={category} value={category}>
                  {t.names.categories[category]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="commission-variety">{t.variety}</label>
            <input
              id="commission-variety"
              autocomplete="off"
              value={form.variety}
              onInput={(event) => set({ variety: event.currentTarget.value })}
            />
          </div>
        </div>
        <label for="commission-gtin">{t.gtin}</label>
        <input
          id="commission-gtin"
          inputMode="numeric"
          autocomplete="off"
          value={form.gtin}
          aria-describedby="commission-gtin-help"
          onInput={(event) => set({ gtin: event.currentTarget.value })}
        />
        <p id="commission-gtin-help" class="hint">
          {t.gtinHelp}
        </p>
        <QuantityField
          id="commission"
          amount={form.amount}
          unit={form.unit}
          invalid={missing.includes('commission-amount')}
          onAmount={(amount) => set({ amount })}
          onUnit={(unit) => set({ unit })}
        />
        <label for="commission-produced-at">{t.producedAt}</label>
        <input
          id="commission-produced-at"
          type="date"
          value={form.producedAt}
          aria-invalid={invalid('commission-produced-at')}
          onInput={(event) => set({ producedAt: event.currentTarget.value })}
        />
        <div class="row">
          <div>
            <label for="commission-region">{t.originRegion}</label>
            <input
              id="commission-region"
              inputMode="numeric"
              autocomplete="off"
              value={form.region}
              aria-invalid={invalid('commission-region')}
              aria-describedby="commission-region-name"
              onInput={(event) => set({ region: event.currentTarget.value, originName: '' })}
            />
            <span id="commission-region-name" class="hint">
              {form.originName}
            </span>
          </div>
          <div>
            <label for="commission-base">{t.originBase}</label>
            <input
              id="commission-base"
              autocomplete="off"
              value={form.base}
              onInput={(event) => set({ base: event.currentTarget.value })}
            />
          </div>
        </div>
        <CertificateFields form={form.certificate} missing={missing} onForm={(certificate) => set({ certificate })} />
        <fieldset class="group">
          <legend>{t.claims}</legend>
          {certifications.length === 0 ? <p class="hint">{t.claimsNone}</p> : null}
          {certifications.map((certification) => (
            <label key={certification.number} class="check">
              <input
                type="checkbox"
                checked={form.claims.includes(certification.number)}
                onChange={(event) =>
                  set({
                    claims: event.currentTarget.checked
                      ? [...form.claims, certification.number]
                      : form.claims.filter((number) => number !== certification.number),
                  })
                }
              />
              {certification.product} · {certification.number}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          {t.commissionSubmit}
        </button>
        <FormProblem missing={missing} labels={labels} />
      </form>
      {write ? (
        <section class="card" aria-label={t.newLotCode} data-testid="commission-result">
          <WriteStatus write={write}>{(answer) => <NewLot code={(answer as { code: string }).code} />}</WriteStatus>
          {write.state === 'pending' ? <p class="hint">{t.labelWaits}</p> : null}
        </section>
      ) : null}
    </Screen>
  );
}

function NewLot({ code }: { code: string }) {
  const t = operatorWords();
  return (
    <>
      <p>
        {t.newLotCode}：
        <span class="code" data-testid="commission-code">
          {code}
        </span>
      </p>
      <LabelPrint code={code} id="commission" />
    </>
  );
}
