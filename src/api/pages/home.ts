/** The start page (/): scan the label, or type the code. */
import { html, page } from './html.js';

export function homePage(examples: readonly string[], error?: string, typed = ''): string {
  return page(
    '扫码查询',
    html`
<section>
  <h1>农产品追溯查询</h1>
  <p>用手机相机扫描商品标签上的二维码，或输入 20 位追溯码：</p>
  <form method="get" action="/c">
    <input type="text" name="code" inputmode="numeric" autocomplete="off" maxlength="40" placeholder="1440 1131 2345 6789 0123" value="${typed}" aria-label="追溯码">
    ${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
    <button type="submit">查询</button>
  </form>
</section>
${examples.length > 0 ? html`<section><h2>示例追溯码</h2><ul>${examples.map((code) => html`<li><a class="code" href="/c/${code}">${code.replace(/(\d{4})(?=\d)/g, '$1 ')}</a></li>`)}</ul></section>` : ''}
<section class="muted">追溯码由 1 位批次类型、6 位地区代码、11 位随机数和 2 位校验码组成（ISO/IEC 7064 MOD 97-10）。</section>`,
  );
}

export function errorPage(status: number, title: string, detail: string): string {
  return page(
    title,
    html`<section class="alert"><h1>${title}</h1><p>${detail}</p><p class="muted">HTTP ${status}</p></section><p><a href="/">返回查询</a></p>`,
  );
}
