/**
 * One card per step of the lineage: who (the issuing operator's public name
 * and region), when, how much, what kind of step, and what was recorded about
 * the lot — production records, claimed certifications, official test verdicts.
 */
import { certificationKey, formatTraceCode, type Claim, type ProductionRecord } from '../../../domain/index.js';
import type { CertificationView, LotView } from '../../../projections/index.js';
import { html, type Raw } from '../html.js';
import type { SampleFact, StepCard } from './gather.js';
import { amountIn, type Strings } from './strings.js';

/** How a card links: the language's query suffix (e.g. "?lang=en") and the claimed certifications as registered. */
export interface CardContext {
  readonly t: Strings;
  readonly suffix: string;
  readonly certifications: ReadonlyMap<string, CertificationView>;
}

/** stepCard renders one step; the scanned lot (depth 0) is "this lot". */
export function stepCard(card: StepCard, c: CardContext): Raw {
  const { lot, depth, tests } = card;
  const { t } = c;
  const date = (lot.madeBy === 'commission' ? lot.producedAt : lot.createdAt).slice(0, 10);
  const origin = lot.madeBy === 'commission' ? html`<dt>${t.origin}</dt><dd>${place(lot)}</dd>` : '';
  return html`<li class="card" data-code="${lot.code}">
<h3>${depth === 0 ? t.thisLot : t.step(depth)} · ${t.stepKinds[lot.madeBy]} <span class="badge${lot.status === 'frozen' ? ' warn' : ''}">${t.status[lot.status] ?? lot.status}</span></h3>
<p><a class="code" href="/c/${lot.code}${c.suffix}">${formatTraceCode(lot.code)}</a> ${lot.product.name}</p>
<dl>
  <dt>${t.operator}</dt><dd>${lot.issuer.name ?? lot.issuer.id}</dd>
  <dt>${t.codeRegion}</dt><dd>${lot.regionName ?? lot.region}</dd>
  <dt>${t.date}</dt><dd>${date}</dd>
  <dt>${t.quantity}</dt><dd>${amountIn(t, lot.quantity, lot.unit)}</dd>
  ${origin}
</dl>
${lot.madeBy === 'commission' && lot.claims.length > 0 ? html`<p>${t.certifications}${t.colon}${claimBadges(lot.claims, c)}</p>` : ''}
${recordList(lot.records, t)}
${testList(tests, t)}
</li>`;
}

/** place: the origin region's name and the production base, as recorded. */
export const place = (lot: LotView): string =>
  `${lot.origin.regionName ?? lot.origin.region}${lot.origin.base ? ` · ${lot.origin.base}` : ''}`;

/**
 * claimBadges: each claimed certification with its validity, marked
 * self-declared (自我声明) until a reviewer confirmed it — as registered now
 * when the holder's record is found, else as the claim recorded it.
 */
export function claimBadges(claims: readonly Claim[], c: CardContext): Raw {
  const { t } = c;
  return html`${claims.map((claim) => {
    const registered = c.certifications.get(certificationKey(claim));
    const confirmed = registered ? registered.confirmed : claim.confirmed !== false;
    const validity = registered
      ? html` · ${t.validity(registered.validFrom, registered.validTo)}${registered.valid ? '' : html` <span class="fail">${t.expired}</span>`}`
      : '';
    return html` <span class="badge${confirmed ? '' : ' warn'}">${t.claims[claim.type] ?? claim.type} ${claim.number} · ${confirmed ? t.confirmed : t.selfDeclared}${validity}</span>`;
  })}`;
}

/** recordList: the production records (生产记录) of one lot, oldest first. */
export function recordList(records: readonly ProductionRecord[], t: Strings): Raw | string {
  if (records.length === 0) return '';
  const line = (record: ProductionRecord): Raw => {
    switch (record.kind) {
      case 'input': {
        const registration = record.registrationNumber ? `${t.comma}${t.registration} ${record.registrationNumber}` : '';
        const interval = record.preHarvestIntervalDays !== undefined ? `${t.comma}${t.preHarvest(record.preHarvestIntervalDays)}` : '';
        return html`<li>${record.appliedAt.slice(0, 10)} ${t.inputs[record.input]}${t.colon}${record.name}${t.paren(`${record.dose}${registration}${interval}`)}</li>`;
      }
      case 'operation':
        return html`<li>${record.performedAt.slice(0, 10)} ${t.operation}${t.colon}${record.operation}${record.description ? ` — ${record.description}` : ''}</li>`;
      case 'environment':
        return html`<li>${record.measuredAt.slice(0, 10)} ${t.environment}${t.colon}${record.parameter} ${record.value}${record.unit ?? ''}</li>`;
      case 'processing':
        return html`<li>${record.performedAt.slice(0, 10)} ${t.processing}${t.colon}${record.step}${record.description ? ` — ${record.description}` : ''}</li>`;
    }
  };
  return html`<p class="muted">${t.records}</p><ul>${records.map(line)}</ul>`;
}

/** testList: the verdicts regulators recorded, with the task's kind and the dates. */
function testList(tests: readonly SampleFact[], t: Strings): Raw | string {
  if (tests.length === 0) return '';
  return html`<p class="muted">${t.tests}</p><ul>${tests.map(
    (test) =>
      html`<li><span class="${test.verdict === 'fail' ? 'fail' : 'pass'}">${test.verdict ? t.verdicts[test.verdict] : ''}</span> · ${test.taskKind ? t.taskKinds[test.taskKind] : ''} · ${t.sampledOn} ${test.takenAt.slice(0, 10)}${test.testedAt ? ` · ${t.testedOn} ${test.testedAt.slice(0, 10)}` : ''}</li>`,
  )}</ul>`;
}
