/**
 * The public page of an operator (/o/{id}), what its identity card opens:
 * name, region, status, certifications and whether it is under trace
 * management. Never its contact, address or citizen-ID digest (an
 * individual's name is the masked one the log holds).
 */
import type { OperatorStatus } from '../../domain/index.js';
import type { OperatorView, TraceStatus } from '../../projections/index.js';
import { html, page, type Raw } from './html.js';

/** What the page may show of an operator: the public view. */
export type PublicOperator = Omit<OperatorView, 'address' | 'contact' | 'history'>;

export const OPERATOR_STATUS_NAMES: Record<OperatorStatus, string> = {
  pending: '待审核',
  approved: '已审核',
  rejected: '审核未通过',
  suspended: '已暂停',
  withdrawn: '已注销',
  revoked: '已吊销',
};

export const CERTIFICATION_NAMES: Record<string, string> = {
  green: '绿色食品',
  organic: '有机农产品',
  'geographical-indication': '地理标志',
};

const KIND_NAMES: Record<string, string> = {
  enterprise: '企业',
  cooperative: '农民专业合作社',
  'family-farm': '家庭农场',
  individual: '个人',
};

export function operatorPage(operator: PublicOperator, trace: TraceStatus | undefined): string {
  const body = html`
<section>
  <div class="muted">生产经营主体 · ${KIND_NAMES[operator.kind] ?? operator.kind}</div>
  <h1>${operator.name}</h1>
  <span class="badge">${OPERATOR_STATUS_NAMES[operator.status] ?? operator.status}</span>
  <dl>
    <dt>所在地区</dt><dd>${operator.regionName ?? operator.region}</dd>
    <dt>主体编号</dt><dd class="code">${operator.id}</dd>
    <dt>登记日期</dt><dd>${operator.registeredAt.slice(0, 10)}</dd>
  </dl>
</section>
${traceSection(trace)}
${certifications(operator, trace)}
<section><a href="/v1/operators/${encodeURIComponent(operator.id)}/identity.svg">打印电子身份标识</a> · <a href="/v1/operators/${encodeURIComponent(operator.id)}/trace-status">JSON</a></section>`;
  return page(operator.name, body);
}

function traceSection(trace: TraceStatus | undefined): Raw {
  if (!trace) return html`<section><h2>追溯管理</h2><p class="muted">暂无追溯信息。</p></section>`;
  return html`<section${trace.underTrace ? '' : html` class="alert"`}><h2>追溯管理</h2><dl>
    <dt>是否纳入追溯管理</dt><dd>${trace.underTrace ? '是' : '否'}</dd>
    ${trace.since ? html`<dt>纳入时间</dt><dd>${trace.since.slice(0, 10)}</dd>` : ''}
    <dt>近 ${trace.windowDays} 天批次</dt><dd>${trace.lotsInWindow}</dd>
    <dt>近 ${trace.windowDays} 天交易传递</dt><dd>${trace.handOffsInWindow}</dd>
    ${trace.lastActivityAt ? html`<dt>最近追溯记录</dt><dd>${trace.lastActivityAt.slice(0, 10)}</dd>` : ''}
  </dl></section>`;
}

function certifications(operator: PublicOperator, trace: TraceStatus | undefined): Raw | string {
  if (operator.certifications.length === 0) return '';
  const traced = new Map((trace?.certifications ?? []).map((cert) => [`${cert.type}/${cert.number}`, cert.traced]));
  return html`<section><h2>认证产品</h2><ul>${operator.certifications.map(
    (cert) =>
      html`<li>${CERTIFICATION_NAMES[cert.type] ?? cert.type} · ${cert.product} · <span class="code">${cert.number}</span> · 有效期至 ${cert.validTo.slice(0, 10)}${cert.valid ? '' : '（已失效）'}${cert.confirmed ? '' : '（自我声明）'}${traced.get(`${cert.type}/${cert.number}`) ? ' · 已追溯' : ''}</li>`,
  )}</ul></section>`;
}
