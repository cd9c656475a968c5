/** The showcase page (在线展示): traced suppliers with their certified products and newest lots, filterable and paged. */
import { CERTIFICATION_TYPES, PRODUCT_CATEGORIES, formatTraceCode } from '../../../domain/index.js';
import type { ShowcasePage } from '../../../projections/index.js';
import { CATEGORY_NAMES, CLAIM_NAMES, html, page, type Raw } from '../html.js';

export interface ShowcaseFilters {
  readonly region?: string;
  readonly category?: string;
  readonly certification?: string;
}

export function showcasePage(result: ShowcasePage, filters: ShowcaseFilters, windowDays: number): string {
  const option = (value: string, label: string, chosen: string | undefined): Raw =>
    value === chosen ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
  const form = html`<form method="get" action="/showcase" class="filters">
    <label>地区代码 <input type="text" name="region" inputmode="numeric" maxlength="6" value="${filters.region ?? ''}" placeholder="如 44 或 440113"></label>
    <label>品类 <select name="category">${option('', '全部', filters.category ?? '')}${PRODUCT_CATEGORIES.map((c) => option(c, CATEGORY_NAMES[c] ?? c, filters.category))}</select></label>
    <label>认证 <select name="certification">${option('', '全部', filters.certification ?? '')}${CERTIFICATION_TYPES.map((c) => option(c, CLAIM_NAMES[c] ?? c, filters.certification))}</select></label>
    <button type="submit">筛选</button>
  </form>`;
  const cards = result.operators.map(
    (operator) => html`<section class="supplier">
      <h2><a href="/o/${operator.operatorId}">${operator.name}</a></h2>
      <p class="muted">${operator.regionName ?? operator.region} · 近 ${windowDays} 天追溯批次 ${operator.lotsInWindow} 个</p>
      ${
        operator.certifications.length === 0
          ? ''
          : html`<p>${operator.certifications.map(
              (held) =>
                html`<span class="badge">${CLAIM_NAMES[held.type] ?? held.type}：${held.product}${held.confirmed ? '' : '（自我声明）'}</span> `,
            )}</p>`
      }
      <ul>${operator.recentLots.map(
        (lot) =>
          html`<li><a href="/c/${lot.code}">${lot.product}</a> <span class="muted">${CATEGORY_NAMES[lot.category] ?? lot.category} · <span class="code">${formatTraceCode(lot.code)}</span></span></li>`,
      )}</ul>
    </section>`,
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (result.next !== undefined) query.set('after', result.next);
  const more = result.next === undefined ? '' : html`<p><a href="/showcase?${query.toString()}" rel="next">下一页</a></p>`;
  const body = html`<section>
      <h1>追溯产品在线展示</h1>
      <p class="muted">纳入追溯管理的经营主体（已审核通过，近 ${windowDays} 天有追溯记录）及其认证产品，供商超、电商等采购方对接。</p>
      ${form}
    </section>
    ${result.operators.length === 0 ? html`<section><p>没有符合条件的经营主体。</p></section>` : cards}
    ${more}`;
  return page('追溯产品在线展示', body);
}
