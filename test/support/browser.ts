import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/gateway/console-pdf';
import { rawCodesIn } from './raw-codes';
import { DEMO_PASSWORD } from './session';

/**
 * A real headless Chromium (Debian's `chromium` package, driven by playwright-core:
 * Playwright's own browser download does not work offline), with a fresh profile.
 * Every request any page makes is recorded, so a test can prove nothing left the hub.
 */
export const CHROMIUM = process.env.HUB_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '../../../screenshots');

export interface Browser {
  context: BrowserContext;
  /** Every URL requested by any page of the context, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's form, as a person would. */
export async function signInAs(page: Page, origin: string, login: string, password = DEMO_PASSWORD()): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('who').waitFor();
}

/** The raw codes in the text a person sees on the page (none expected: every value is labelled in Chinese). */
export async function rawCodes(page: Page): Promise<string[]> {
  // Text shown verbatim as it was sent (a browser's user agent, a message of the publishing system) is data, not a label.
  // (A string: the tests compile without the DOM's types.)
  const text = await page.evaluate(`(() => {
    let t = document.body.innerText;
    for (const v of document.querySelectorAll('.hub-verbatim')) t = t.split(v.innerText).join(' ');
    return t;
  })()`);
  return rawCodesIn(String(text));
}

/**
 * A screenshot of what the person sees, for review (screenshots/ is git-ignored).
 * Every screen shot is also read: a raw code or type name in its text fails the test.
 */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let charts and fonts settle; spinners go first.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  const codes = await rawCodes(page);
  if (codes.length) throw new Error(`screen ${name} shows raw codes: ${codes.join(', ')}`);
}

/** Picks an option of an Ant Design select by its visible text. */
export async function choose(page: Page, select: ReturnType<Page['locator']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Waits until the condition holds (pages update after their queries answer). */
export async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
