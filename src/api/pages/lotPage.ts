/** The public trace page of a lot (/c/{code}): what a consumer sees after scanning its label. */
import { formatTraceCode, type ProductionRecord } from '../../domain/index.js';
import type { LineageView, LotView } from '../../projections/index.js';
import type { BundleVerdict } from '../../verify/index.js';
import { CATEGORY_NAMES, CLAIM_NAMES, KIND_NAMES, STATUS_NAMES, VIA_NAMES, amount, html, maskPhone, page, type Raw } from './html.js';

/** buyer: for a market-entry certificate, whether its buyer's personal data is still held ('withheld') or was erased. */
export function lotPage(lot: LotView, lineage: LineageView, verdict: BundleVerdict, buyer?: 'withheld' | 'erased'): string {
  const formatted = formatTraceCode(lot.code);
  const product = `${lot.product.name}${lot.product.variety ? `（${lot.product.variety}）` : ''}`;
  const body = html`
<section>
  <div class="muted">${KIND_NAMES[lot.kind]} · 追溯码</div>
  <h1 class="code">${formatted}</h1>
  <span class="badge">${STATUS_NAMES[lot.status] ?? lot.status}</span>
  ${lot.claims.map((claim) => html` <span class="badge">${CLAIM_NAMES[claim.type] ?? claim.type} ${claim.number}</span>`)}
</section>
${lot.frozen ? html`<section class="alert"><h2>该批次已被监管部门冻结</h2><p>${lot.frozen.reason}（${lot.frozen.at.slice(0, 10)}）</p></section>` : ''}
<section>
  <h2>产品信息</h2>
  <dl>
    <dt>产品</dt><dd>${product}</dd>
    <dt>类别</dt><dd>${CATEGORY_NAMES[lot.product.category] ?? lot.product.category}</dd>
    <dt>数量</dt><dd>${amount(lot.quantity, lot.unit)}</dd>
    <dt>产地</dt><dd>${lot.origin.regionName ?? lot.origin.region}${lot.origin.base ? ` · ${lot.origin.base}` : ''}</dd>
    <dt>生产日期</dt><dd>${lot.producedAt.slice(0, 10)}</dd>
    <dt>生产经营主体</dt><dd>${lot.issuer.name ?? lot.issuer.id}</dd>
    <dt>赋码地区</dt><dd>${lot.regionName ?? lot.region}</dd>
    ${buyer === undefined ? '' : html`<dt>购买者</dt><dd>${buyer === 'erased' ? '已删除' : '个人信息，不公开'}</dd>`}
  </dl>
</section>
${certificate(lot)}
${records(lot.records)}
<section>
  <h2>向前一步（来源）</h2>
  ${
    lot.parents.length === 0
      ? html`<p class="muted">本批次为源头生产批次。</p>`
      : html`<ul>${lot.parents.map((parent) => html`<li><a class="code" href="/c/${parent.code}">${formatTraceCode(parent.code)}</a> · ${VIA_NAMES[parent.via] ?? parent.via} ${amount(parent.quantity, parent.unit)}</li>`)}</ul>`
  }
</section>
${upstream(lineage)}
${verification(verdict, lot.code)}
<section><a href="/c/${lot.code}/label.svg">打印追溯标签</a> · <a href="/v1/codes/${lot.code}">JSON</a></section>`;
  return page(`${product} ${formatted}`, body);
}

function certificate(lot: LotView): Raw | string {
  const cert = lot.certificate;
  if (!cert) return html`<section><h2>承诺达标合格证</h2><p class="muted">未附合格证。</p></section>`;
  return html`<section><h2>承诺达标合格证</h2><dl>
    <dt>产品</dt><dd>${cert.product}</dd>
    <dt>数量</dt><dd>${amount(cert.quantity.amount, cert.quantity.unit)}</dd>
    <dt>产地</dt><dd>${cert.origin}</dd>
    <dt>开具日期</dt><dd>${cert.issuedAt.slice(0, 10)}</dd>
    <dt>开具主体</dt><dd>${cert.issuer}</dd>
    <dt>联系电话</dt><dd>${maskPhone(cert.contact)}</dd>
  </dl><p class="muted">我承诺对生产销售的食用农产品：不使用禁用农药兽药、停用兽药和非法添加物；常规农药兽药残留不超标；对承诺的真实性负责。</p></section>`;
}

function records(list: readonly ProductionRecord[]): Raw | string {
  if (list.length === 0) return '';
  const line = (record: ProductionRecord): Raw => {
    switch (record.kind) {
      case 'input':
        return html`<li>${record.appliedAt.slice(0, 10)} 投入品：${record.name}（${record.dose}）${record.preHarvestIntervalDays !== undefined ? `，安全间隔期 ${record.preHarvestIntervalDays} 天` : ''}</li>`;
      case 'operation':
        return html`<li>${record.performedAt.slice(0, 10)} 农事：${record.operation}${record.description ? ` — ${record.description}` : ''}</li>`;
      case 'environment':
        return html`<li>${record.measuredAt.slice(0, 10)} 环境：${record.parameter} ${record.value}${record.unit ?? ''}</li>`;
      case 'processing':
        return html`<li>${record.performedAt.slice(0, 10)} 加工：${record.step}${record.description ? ` — ${record.description}` : ''}</li>`;
    }
  };
  return html`<section><h2>生产记录</h2><ul>${list.map(line)}</ul></section>`;
}

function upstream(lineage: LineageView): Raw | string {
  const ancestors = lineage.nodes.filter((node) => node.depth > 0);
  if (ancestors.length === 0) return '';
  return html`<section><h2>全程追溯（上游 ${ancestors.length} 个批次）</h2><ul>${ancestors.map(
    (node) =>
      html`<li>${'　'.repeat(node.depth - 1)}第 ${node.depth} 步：<a class="code" href="/c/${node.code}">${formatTraceCode(node.code)}</a> ${node.product} · ${KIND_NAMES[node.kind]}</li>`,
  )}</ul>${lineage.truncated ? html`<p class="muted">链条较长，仅显示部分。</p>` : ''}</section>`;
}

function verification(verdict: BundleVerdict, code: string): Raw {
  const links = html`<p class="muted">离线核验：下载 <a href="/v1/codes/${code}/proof">证明包</a> 与 <a href="/v1/log/key">日志公钥</a>，运行 <span class="code">suyuan verify-bundle</span>。</p>`;
  if (!verdict.ok) return html`<section class="alert"><h2>验证未通过</h2><p>${verdict.detail}</p>${links}</section>`;
  return html`<section><h2 class="ok">✓ 已验证</h2><p>本批次及其上游 ${verdict.lots} 个批次的 ${verdict.events} 条记录均已写入签名透明日志（日志共 ${verdict.size} 条），哈希链完整。</p>${links}</section>`;
}
