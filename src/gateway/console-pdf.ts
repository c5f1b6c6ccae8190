import type { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import { chromium } from 'playwright-core';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import { log } from '../log';
import { loadBriefing, sendBriefing } from './briefing';
import type { GatewayContext } from './context';

/**
 * Flags for a Chromium on a closed network: without the background-networking ones
 * it tries to reach update and metrics services, whose refused connections slow it
 * down; the sandbox needs user namespaces that containers often lack.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Renders one page at a time: a PDF costs a browser process, and a queue of them must not exhaust the host. */
const MAX_WAITING = 4;
let chain: Promise<unknown> = Promise.resolve();
let waiting = 0;

/**
 * HTML → PDF in the headless Chromium of the host (playwright-core drives it; no
 * browser is downloaded). The page is set from the string: JavaScript is off and
 * every request it would make is refused, so nothing leaves the host and the PDF
 * shows exactly the briefing the same request would show as HTML.
 */
export async function htmlToPdf(chromiumPath: string, html: string): Promise<Buffer> {
  if (waiting >= MAX_WAITING) throw Object.assign(new Error('PDF queue full'), { busy: true });
  waiting++;
  const run = chain.then(async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 30_000 });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
    } finally {
      await browser.close();
    }
  });
  chain = run.catch(() => undefined).finally(() => waiting--);
  return run;
}

/**
 * `GET /dossier.pdf?unit=…&round=…`: the briefing as a PDF download, with the same
 * authentication, permissions and disclosure audit as `/dossier.html`. Without a
 * Chromium on the host it answers 503 and the console offers the browser's own
 * print-to-PDF of `/dossier.html` instead.
 */
export function briefingPdfRoute(apollo: ApolloServer<GatewayContext>, accessDs: DataSource, config: HubConfig): RequestHandler {
  return async (req, res) => {
    const chromiumPath = config.console.chromiumPath;
    if (!chromiumPath) {
      res.status(503).type('text/plain; charset=utf-8').send('本服务器未安装 Chromium，无法生成 PDF；请打开巡前材料后使用浏览器“打印 → 另存为 PDF”。\n');
      return;
    }
    const briefing = await loadBriefing(apollo, accessDs, config, req);
    if (briefing.status !== 200 || 'text' in briefing) return sendBriefing(res, briefing);
    try {
      const pdf = await htmlToPdf(chromiumPath, briefing.html);
      const name = `巡前材料-${String(req.query.unit ?? '').replace(/[^\w-]/g, '')}.pdf`;
      res.set('Cache-Control', 'no-store');
      res.set('Content-Disposition', `attachment; filename="dossier.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.type('application/pdf').send(pdf);
    } catch (err) {
      const busy = (err as { busy?: boolean }).busy;
      if (!busy) log.error({ err }, 'PDF rendering failed');
      res.status(503).type('text/plain; charset=utf-8').send(busy ? 'PDF 生成繁忙，请稍后再试。\n' : 'PDF 生成失败，请使用浏览器“打印 → 另存为 PDF”。\n');
    }
  };
}
