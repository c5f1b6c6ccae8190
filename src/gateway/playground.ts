/**
 * A self-contained page for trying queries: no CDN, no fonts, no external script,
 * because government intranets have no internet (Apollo's own landing page loads
 * its explorer from a CDN, so it is switched off).
 */
export function playgroundHtml(exampleQuery: string): string {
  const escaped = exampleQuery.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>巡察数据共享平台 · GraphQL</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1d2129}
header{background:#9b1c1c;color:#fff;padding:10px 16px;font-size:16px}
main{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:12px;height:calc(100vh - 70px);box-sizing:border-box}
section{display:flex;flex-direction:column;gap:6px;min-height:0}
textarea,pre,input{font-family:ui-monospace,Consolas,monospace;font-size:13px;border:1px solid #c9cdd4;border-radius:4px;padding:8px;background:#fff}
textarea{flex:1;resize:none} #vars{flex:0 0 80px} pre{flex:1;overflow:auto;margin:0}
button{background:#9b1c1c;color:#fff;border:0;border-radius:4px;padding:8px 18px;font-size:14px;cursor:pointer}
label{font-size:12px;color:#4e5969}
</style></head><body>
<header>巡察数据共享平台 GraphQL 调试页 (inspection data-sharing hub)</header>
<main>
<section>
<label for="auth">Authorization（如 Bearer eyJ… 或 ApiKey xh_…）</label><input id="auth" placeholder="Bearer …">
<label for="query">Query 查询</label><textarea id="query" spellcheck="false">${escaped}</textarea>
<label for="vars">Variables 变量 (JSON)</label><textarea id="vars" spellcheck="false">{}</textarea>
<div><button id="run">执行 Run (Ctrl+Enter)</button></div>
</section>
<section><label>Response 结果</label><pre id="out"></pre></section>
</main>
<script>
const $ = (id) => document.getElementById(id);
$('auth').value = localStorage.getItem('hub-auth') || '';
async function run() {
  localStorage.setItem('hub-auth', $('auth').value);
  let variables = {};
  try { variables = JSON.parse($('vars').value || '{}'); } catch (e) { $('out').textContent = 'Variables are not JSON: ' + e.message; return; }
  $('out').textContent = '…';
  const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json', authorization: $('auth').value }, body: JSON.stringify({ query: $('query').value, variables }) });
  $('out').textContent = JSON.stringify(await res.json(), null, 2);
}
$('run').onclick = run;
document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') run(); });
</script></body></html>`;
}
