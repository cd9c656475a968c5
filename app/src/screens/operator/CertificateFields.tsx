/**
 * The certificate of compliance (承诺达标合格证) a new lot may carry: whether to issue it, who
 * issues it, the contact phone, the basis of the commitment and the date. Product, quantity and
 * origin are the lot's own (forms.ts puts them in).
 */
import type { CertificateBasis } from '../../../../src/domain/values/index.js';
import type { CertificateForm } from './forms.js';
import { keysOf, operatorWords } from './words.js';

export function CertificateFields({
  form,
  onForm,
  missing,
}: {
  form: CertificateForm;
  onForm: (next: CertificateForm) => void;
  missing: readonly string[];
}) {
  const t = operatorWords();
  const set = (change: Partial<CertificateForm>): void => onForm({ ...form, ...change });
  const invalid = (id: string): true | undefined => (missing.includes(id) ? true : undefined);
  return (
    <fieldset class="group">
      <legend>{t.certificate}</legend>
      <label class="check">
        <input type="checkbox" checked={form.issue} onChange={(event) => set({ issue: event.currentTarget.checked })} />
        {t.issueCertificate}
      </label>
      {form.issue ? (
        <>
          <p class="hint">{t.certificateHelp}</p>
          <label for="certificate-issuer">{t.issuer}</label>
          <input
            id="certificate-issuer"
            autocomplete="organization"
            value={form.issuer}
            aria-invalid={invalid('certificate-issuer')}
            onInput={(event) => set({ issuer: event.currentTarget.value })}
          />
          <label for="certificate-contact">{t.contact}</label>
          <input
            id="certificate-contact"
            type="tel"
            autocomplete="tel"
            value={form.contact}
            aria-invalid={invalid('certificate-contact')}
            onInput={(event) => set({ contact: event.currentTarget.value })}
          />
          <label for="certificate-basis">{t.basis}</label>
          <select
            id="certificate-basis"
            value={form.basis}
            onChange={(event) => set({ basis: event.currentTarget.value as CertificateBasis })}
          >
            {keysOf(t.names.bases).map((basis) => (
              <option key={basis} value={basis}>
                {t.names.bases[basis]}
              </option>
            ))}
          </select>
          <label for="certificate-issued-at">{t.issuedAt}</label>
          <input
            id="certificate-issued-at"
            type="date"
            value={form.issuedAt}
            aria-invalid={invalid('certificate-issued-at')}
            onInput={(event) => set({ issuedAt: event.currentTarget.value })}
          />
        </>
      ) : null}
    </fieldset>
  );
}
