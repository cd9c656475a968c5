/**
 * The public trace page of a lot (/c/{code}): what a consumer sees after
 * scanning its label — the lot, a freeze or recall banner, its certificate,
 * one step back, a card per step of its lineage and the verified mark. The
 * parts live in ./consumer/; the text in ./consumer/strings.ts.
 */
import { formatTraceCode, type LotStatus } from '../../domain/index.js';
import type { LotView } from '../../projections/index.js';
import type { BundleVerdict } from '../../verify/index.js';
import { claimBadges, place, stepCard, type CardContext } from './consumer/cards.js';
import type { ConsumerFacts } from './consumer/gather.js';
import { STRINGS, amountIn, type Lang, type Strings } from './consumer/strings.js';
import { html, maskPhone, page, type Raw } from './html.js';

export interface LotPageOptions {
  readonly lang?: Lang;
  /** For a market-entry certificate: whether its buyer's personal data is still held ('withheld') or was erased. */
  readonly buyer?: 'withheld' | 'erased' | undefined;
}

/** lotPage renders `lot` (the public view) with the facts gathered along its lineage. */
export function lotPage(lot: LotView, facts: ConsumerFacts, verdict: BundleVerdict, options: LotPageOptions = {}): string {
  const lang = options.lang ?? 'zh-CN';
  const t = STRINGS[lang];
  const suffix = lang === 'en' ? '?lang=en' : '';
  const context: CardContext = { t, suffix, certifications: facts.certifications };
  const formatted = formatTraceCode(lot.code);
  const product = `${lot.product.name}${lot.product.variety ? t.paren(lot.product.variety) : ''}`;
  const status = (value: LotStatus): string => t.status[value] ?? value;
  const body = html`
<section>
  <div class="muted">${t.kinds[lot.kind]} · ${t.traceCode}</div>
  <h1 class="code">${formatted}</h1>
  <span class="badge">${status(lot.status)}</span>${claimBadges(lot.claims, context)}
</section>
${banner(lot, facts, t)}
<section>
  <h2>${t.productInfo}</h2>
  <dl>
    <dt>${t.product}</dt><dd>${product}</dd>
    <dt>${t.category}</dt><dd>${t.categories[lot.product.category] ?? lot.product.category}</dd>
    ${lot.product.gtin === undefined ? '' : html`<dt>${t.gtin}</dt><dd class="code">${lot.product.gtin}</dd>`}
    <dt>${t.quantity}</dt><dd>${amountIn(t, lot.quantity, lot.unit)}</dd>
    <dt>${t.origin}</dt><dd>${place(lot)}</dd>
    <dt>${t.producedAt}</dt><dd>${lot.producedAt.slice(0, 10)}</dd>
    <dt>${t.operator}</dt><dd>${lot.issuer.name ?? lot.issuer.id}</dd>
    <dt>${t.codeRegion}</dt><dd>${lot.regionName ?? lot.region}</dd>
    ${options.buyer === undefined ? '' : html`<dt>${t.buyer}</dt><dd>${options.buyer === 'erased' ? t.buyerErased : t.buyerWithheld}</dd>`}
  </dl>
</section>
${certificate(lot, t)}
<section>
  <h2>${t.oneStepBack}</h2>
  ${
    lot.parents.length === 0
      ? html`<p class="muted">${t.originLot}</p>`
      : html`<ul>${lot.parents.map((parent) => html`<li><a class="code" href="/c/${parent.code}${suffix}">${formatTraceCode(parent.code)}</a> · ${t.via[parent.via] ?? parent.via} ${amountIn(t, parent.quantity, parent.unit)}</li>`)}</ul>`
  }
</section>
<section>
  <h2>${t.lineage(facts.upstream)}</h2>
  <ol class="cards">${facts.cards.map((card) => stepCard(card, context))}</ol>
  ${facts.cut ? html`<p class="muted">${t.cut(facts.cards.length)}</p>` : ''}
</section>
${verification(verdict, lot.code, t)}
<section><a href="/c/${lot.code}/label.svg">${t.printLabel}</a> · <a href="/v1/codes/${lot.code}">JSON</a>${lang === 'en' ? html` · <a href="/c/${lot.code}" lang="zh-CN">中文</a>` : html` · <a href="/c/${lot.code}?lang=en" lang="en">English</a>`}</section>`;
  return page(`${product} ${formatted}`, body, t.frame);
}

/** banner: a risk recall (风险召回) when an open alert holds the lot, else a freeze (冻结). */
function banner(lot: LotView, facts: ConsumerFacts, t: Strings): Raw | string {
  if (!lot.frozen) return '';
  const frozen = html`<p>${lot.frozen.reason}${t.paren(lot.frozen.at.slice(0, 10))}</p>`;
  if (facts.recall) {
    return html`<section class="alert" role="alert"><h2>⚠ ${t.recall} · ${t.frozen}</h2><p>${t.recallText(facts.recall.raisedAt.slice(0, 10))}</p>${frozen}</section>`;
  }
  return html`<section class="alert" role="alert"><h2>${t.frozen}</h2>${frozen}</section>`;
}

function certificate(lot: LotView, t: Strings): Raw {
  const cert = lot.certificate;
  if (!cert) return html`<section><h2>${t.certificate}</h2><p class="muted">${t.noCertificate}</p></section>`;
  return html`<section><h2>${t.certificate}</h2><dl>
    <dt>${t.product}</dt><dd>${cert.product}</dd>
    <dt>${t.quantity}</dt><dd>${amountIn(t, cert.quantity.amount, cert.quantity.unit)}</dd>
    <dt>${t.origin}</dt><dd>${cert.origin}</dd>
    <dt>${t.issuedAt}</dt><dd>${cert.issuedAt.slice(0, 10)}</dd>
    <dt>${t.issuer}</dt><dd>${cert.issuer}</dd>
    <dt>${t.phone}</dt><dd>${maskPhone(cert.contact)}</dd>
  </dl><p class="muted">${t.commitment}</p></section>`;
}

function verification(verdict: BundleVerdict, code: string, t: Strings): Raw {
  const [before, bundle, and, key, run, after] = t.offline;
  const links = html`<p class="muted">${before}<a href="/v1/codes/${code}/proof">${bundle}</a>${and}<a href="/v1/log/key">${key}</a>${run}<span class="code">suyuan verify-bundle</span>${after}</p>`;
  if (!verdict.ok) return html`<section class="alert"><h2>${t.notVerified}</h2><p>${verdict.detail}</p>${links}</section>`;
  return html`<section><h2 class="ok"><a href="/v1/codes/${code}/proof">${t.verified}</a></h2><p>${t.verifiedText(verdict.lots, verdict.events, verdict.size)}</p>${links}</section>`;
}
