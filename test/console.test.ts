import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestHub, type TestHub, gql } from './support/hub';
import { appendDisclosures } from '../src/authz/audit-writer';
import { asSuperuserWithoutTriggers, auditEntry } from './support/audit';
import { choose, launchBrowser, shot, signInAs, until, type Browser } from './support/browser';
import { PUBLISH_ROUNDS, daysFromToday, publishLinkedInspectors, roundIdOf } from './support/rounds';
import { DEMO_PASSWORD, originOf } from './support/session';

/**
 * The web console in a real headless Chromium: each kind of user signs in and does
 * one real task through the pages, the way a person would. Screenshots of the main
 * screens go to screenshots/ (git-ignored). Every request the pages make must go to
 * the hub's own origin.
 */
describe('web console in a browser', () => {
  let hub: TestHub;
  let origin: string;
  let browser: Browser;
  let roundId: string;
  let unitA: { code: string; name: string };
  let unitB: { code: string; name: string };
  const ROUND = '2026年第三轮巡察（控制台测试）';
  const RUNNING = '2026年第四轮巡察（控制台测试）';

  /** A fresh page of the shared browser; each test signs in as its own person. */
  const pageErrors: string[] = [];
  /** A URL whose refusal (a 4xx the test provokes on purpose) the browser may report while set. */
  let refusalExpected: string | undefined;
  /** Script errors and what the browser's console shows in red (failed requests too). */
  const watched = async (expected?: string): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      const url = m.location().url;
      if (m.type() === 'error' && url !== expected && url !== refusalExpected) pageErrors.push(`${m.text()} @ ${url}`);
    });
    return page;
  };
  const pageAs = async (login: string, password?: string): Promise<Page> => {
    await browser.context.clearCookies();
    const page = await watched();
    await signInAs(page, origin, login, password);
    return page;
  };
  const section = (page: Page, name: string) => page.getByTestId(`section-${name}`);

  beforeAll(async () => {
    hub = await startTestHub();
    origin = originOf(hub.url);
    // A round being prepared whose team has demo logins (leader xcb-leader, member xcb-member),
    // for two units with petitions, outside the demo round.
    const units: { code: string; name: string }[] = await hub.sources.get('access')!.query(
      `SELECT u.credit_code AS code, u.name FROM organization.inspected_unit u
        WHERE u.region_code LIKE '990103%'
          AND EXISTS (SELECT 1 FROM petition.petition p WHERE p.unit_credit_code = u.credit_code AND p.summary IS NOT NULL)
          AND u.credit_code NOT IN (SELECT unit_credit_code FROM inspection.team_assignment)
        ORDER BY 1 LIMIT 2`,
    );
    unitA = units[0];
    // Only this round's requests decide what the team sees: the demo's standing grants to the inspection office go first.
    const admin = await hub.token('admin');
    const office = (await hub.sources.get('access')!.query(`SELECT id FROM access.agency WHERE code = 'xcb'`))[0].id;
    const standing = await gql(hub.url, admin, 'query($v: String!) { grants(subjectKind: AGENCY, subjectValue: $v) { id } }', { v: office });
    for (const g of standing.data.grants) expect((await gql(hub.url, admin, 'mutation($id: UUID!) { revokeGrant(id: $id) { id } }', { id: g.id })).errors).toBeUndefined();
    await publishLinkedInspectors(hub, 'CS', 1);
    const published = await gql(hub.url, await hub.token('xcb-office'), PUBLISH_ROUNDS, {
      records: [
        {
          externalId: 'CS-LC-1',
          name: ROUND,
          kind: 'REGULAR',
          mode: 'CROSS',
          startDate: daysFromToday(5),
          endDate: daysFromToday(50),
          status: 'PLANNED',
          teams: [{ name: '第一巡察组', leaderExternalId: 'CS-RY-1', memberExternalIds: ['CS-RY-2'], unitCreditCodes: units.map((u) => u.code) }],
        },
      ],
    });
    expect(published.errors).toBeUndefined();
    roundId = await roundIdOf(hub, 'CS-LC-1');
    // And a round running now, for the fast track.
    const running = await gql(hub.url, await hub.token('xcb-office'), PUBLISH_ROUNDS, {
      records: [
        {
          externalId: 'CS-LC-2',
          name: RUNNING,
          kind: 'REGULAR',
          mode: 'CROSS',
          startDate: daysFromToday(-10),
          endDate: daysFromToday(40),
          status: 'IN_PROGRESS',
          teams: [{ name: '第一巡察组', leaderExternalId: 'CS-RY-1', memberExternalIds: ['CS-RY-2'], unitCreditCodes: [units[1].code] }],
        },
      ],
    });
    expect(running.errors).toBeUndefined();
    unitB = units[1];
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('refuses a wrong password on the sign-in page and logs the failure', async () => {
    const page = await watched(`${origin}/auth/login`); // the wrong password's 401 is meant
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    // Signed out, the console's first question (/auth/session) is answered without an error status.
    const [asked] = await Promise.all([page.waitForResponse((r) => r.url() === `${origin}/auth/session`), page.goto(`${origin}/`)]);
    expect(asked.status()).toBe(200);
    await page.getByLabel('登录名').waitFor();
    // The sign-in page loads neither the screens nor the charts: they come when first opened.
    expect(loaded.filter((u) => /\/assets\/(echarts|\w+Page)-/.test(u))).toEqual([]);
    await shot(page, '01-sign-in');
    await page.getByLabel('登录名').fill('xcb-office');
    await page.getByLabel('密码').fill('not-my-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('登录名或密码错误');
    await shot(page, '02-sign-in-refused');
    const [event] = await hub.sources.get('access')!.query(`SELECT outcome, ip FROM access.sign_in_event WHERE login = 'xcb-office' ORDER BY at DESC LIMIT 1`);
    expect(event).toMatchObject({ outcome: 'FAILURE', ip: expect.stringContaining('127.0.0.1') });
    await page.close();
  });

  it('inspection office: opens the round, a unit’s dossier with every section’s state, the printable briefing, and downloads the PDF', async () => {
    const page = await pageAs('xcb-office');
    await page.getByRole('row', { name: new RegExp(ROUND.replace(/[()（）]/g, '.')) }).click();
    await shot(page, '03-office-rounds');
    await page.getByRole('listitem').filter({ hasText: unitA.name }).getByRole('button', { name: /巡前材料/ }).click();
    await section(page, 'history').waitFor();
    // Every section states one availability, in Chinese.
    for (const name of ['profile', 'petitions', 'clues', 'sanctions', 'supervision', 'audit', 'history']) {
      expect(await section(page, name).getAttribute('data-availability')).toMatch(/^(AVAILABLE|EMPTY|PENDING_REQUEST|DECLINED|NOT_SHARED|SOURCE_UNAVAILABLE)$/);
    }
    expect(await section(page, 'clues').textContent()).toContain('协查请求待答复');
    const body = await page.locator('main, .ant-layout-content').first().textContent();
    expect(body).not.toMatch(/\b(PENDING|PENDING_REQUEST|AVAILABLE|DECLINED|TOWNSHIP|ProblemClue|Petition)\b/);
    await shot(page, '04-office-dossier');
    await shot(page, '04-office-dossier-full', true);

    const [briefing] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /在新窗口打开/ }).click()]);
    await briefing.waitForLoadState();
    expect(await briefing.locator('h1').textContent()).toContain(unitA.name);
    const text = (await briefing.locator('body').textContent()) ?? '';
    expect(text).toContain('状态：');
    expect(text).not.toMatch(/\b(PENDING|APPROVED|TOWNSHIP|ProblemClue|Petition|Cadre)\b/);
    await shot(briefing, '05-briefing', true);
    await briefing.close();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('provider: approves one request masked (text redacted), and the team then sees that section available with masked values', async () => {
    const member = await pageAs('xcb-member');
    await member.goto(`${origin}/#/dossier/${roundId}/${unitA.code}`);
    await section(member, 'petitions').waitFor();
    expect(await section(member, 'petitions').getAttribute('data-availability')).toBe('PENDING_REQUEST');
    await member.close();

    const page = await pageAs('xfj-officer');
    const row = page.getByRole('row').filter({ hasText: unitA.name }).filter({ hasText: ROUND });
    await row.waitFor();
    await shot(page, '06-provider-inbox');
    await row.getByRole('button', { name: /同\s*意/ }).click();
    const item = page.getByTestId('approve-item-Petition');
    await item.getByText('脱敏提供').click();
    await choose(page, item.locator('.ant-select'), '文本隐去');
    await shot(page, '07-provider-approve-masked');
    await page.getByRole('button', { name: /确认同意/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.close();

    const after = await pageAs('xcb-member');
    await after.goto(`${origin}/#/dossier/${roundId}/${unitA.code}`);
    const petitions = section(after, 'petitions');
    await petitions.waitFor();
    expect(await petitions.getAttribute('data-availability')).toBe('AVAILABLE');
    expect(await petitions.textContent()).toContain('[已脱敏]');
    expect(await petitions.textContent()).toContain('已同意协查');
    await shot(after, '08-team-dossier-masked');
    await after.close();
  });

  it('provider: declines a request with a reason, and the team then sees that section declined with the reason, in Chinese', async () => {
    const REASON = '相关问题线索正在初核，暂不宜提供';
    const page = await pageAs('jw-officer');
    const row = page.getByRole('row').filter({ hasText: unitA.name }).filter({ hasText: ROUND });
    await row.getByRole('button', { name: /拒\s*绝/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('textarea').fill(REASON);
    await dialog.getByRole('button', { name: /确认拒绝/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.close();

    const member = await pageAs('xcb-member');
    await member.goto(`${origin}/#/dossier/${roundId}/${unitA.code}`);
    const clues = section(member, 'clues');
    await clues.waitFor();
    expect(await clues.getAttribute('data-availability')).toBe('DECLINED');
    const text = (await clues.textContent()) ?? '';
    expect(text).toContain('协查请求被拒绝');
    expect(text).toContain(`已拒绝协查，理由：${REASON}`);
    expect(text).not.toMatch(/\b(DECLINED|ProblemClue)\b/);
    await shot(member, '08b-team-dossier-declined');
    await member.close();
  });

  it('admin: revokes the team’s grants, and the team’s next page load shows the section no longer available', async () => {
    const page = await pageAs('admin');
    await page.goto(`${origin}/#/admin/grants`);
    await choose(page, page.getByTestId('filter-subject-kind'), '巡察组');
    await choose(page, page.getByTestId('filter-subject'), ROUND);
    await choose(page, page.getByTestId('filter-agency'), '信访局');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    // The petition bureau's answer gave the team two grants: petitions (masked) and public opinion.
    await until(async () => (await rows.count()) === 2 && (await rows.filter({ hasText: '舆情信息' }).count()) === 1);
    await expect(rows.filter({ hasText: '信访件' }).textContent()).resolves.toContain('文本隐去');
    await shot(page, '09-admin-grants');
    for (const type of ['信访件', '舆情信息']) {
      await rows.filter({ hasText: type }).getByTestId('revoke').click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /撤\s*销/ }).click();
      await rows.filter({ hasText: type }).waitFor({ state: 'detached' });
    }
    await page.getByTestId('include-revoked').click();
    const revoked = rows.filter({ hasText: '信访件' });
    await revoked.getByText('已撤销').waitFor();
    await revoked.getByRole('button', { name: '变更记录' }).click();
    await page.locator('.ant-drawer').getByText('撤销', { exact: true }).waitFor();
    await shot(page, '10-admin-grant-history');
    await page.close();

    const member = await pageAs('xcb-member');
    await member.goto(`${origin}/#/dossier/${roundId}/${unitA.code}`);
    const petitions = section(member, 'petitions');
    await petitions.waitFor();
    expect(await petitions.getAttribute('data-availability')).toBe('NOT_SHARED');
    expect(await petitions.textContent()).not.toContain('[已脱敏]');
    expect(await petitions.textContent()).toContain('已同意协查，但相应授权已到期或已撤销');
    await shot(member, '11-team-dossier-after-revoke');
    await member.close();
  });

  it('admin: verifies the audit chain and reads the sign-in log, with the refused password in it', async () => {
    const page = await pageAs('admin');
    await page.goto(`${origin}/#/admin/audit`);
    await page.getByTestId('verify-chain').click();
    await expect(page.getByTestId('chain-result').textContent()).resolves.toMatch(/审计链完整：\d+ 条审计链共 \d+ 条记录已校验/);
    await shot(page, '12-admin-audit');
    await page.getByRole('tab', { name: '登录日志' }).click();
    await page.getByRole('row').filter({ hasText: 'xcb-office' }).filter({ hasText: '密码错误或账号不存在' }).first().waitFor();
    await shot(page, '13-admin-sign-in-log');
    await page.close();
  });

  it('admin: the verify button names the first altered entry of a tampered chain', async () => {
    const access = hub.sources.get('access')!;
    // Three more disclosures of the petition subgraph, through the hub's audit writer, as if xfj-officer had read them.
    const chain = 'petition';
    const [principal, agency] = [await hub.principalId('xfj-officer'), (await access.query(`SELECT id FROM access.agency WHERE code = 'xfj'`))[0].id];
    for (let i = 0; i < 3; i++) await appendDisclosures(access, chain, [auditEntry(principal, agency)]);
    const rows: { seq: string; position: string; record_ids: string[] }[] = (
      await access.query(`SELECT seq, "position", record_ids FROM access.disclosure_audit WHERE chain = $1 ORDER BY "position" DESC LIMIT 3`, [chain])
    ).reverse();
    // A superuser rewrites the last two (triggers off); the key is not theirs, so both stop matching their MACs.
    const rewrite = (ids: (r: (typeof rows)[number]) => string[]) =>
      asSuperuserWithoutTriggers(hub.db.ownerUrl, async (q) => {
        for (const r of rows.slice(1)) await q('UPDATE access.disclosure_audit SET record_ids = $2 WHERE seq = $1', [r.seq, ids(r)]);
      });
    await rewrite(() => ['forged-record']);
    try {
      const page = await pageAs('admin');
      await page.goto(`${origin}/#/admin/audit`);
      await page.getByTestId('verify-chain').click();
      const result = page.getByTestId('chain-result');
      await expect(result.textContent()).resolves.toContain(
        `审计链已被破坏：审计链「${chain}」第 ${rows[1].position} 条记录与其校验码不符：被篡改，或删除、调换记录后在无密钥的情况下重算了哈希`,
      );
      expect(await result.getAttribute('class')).toContain('ant-alert-error');
      await shot(page, '12b-admin-audit-broken');
      await page.close();
    } finally {
      await rewrite((r) => r.record_ids);
    }
  });

  it('admin: principals and the catalogue', async () => {
    const page = await pageAs('admin');
    await page.goto(`${origin}/#/admin/principals`);
    await page.getByRole('cell', { name: 'xcb-member', exact: true }).waitFor();
    await shot(page, '14-admin-principals');
    await page.goto(`${origin}/#/admin/catalogue`);
    await page.getByRole('cell', { name: '信访局', exact: true }).first().waitFor();
    await shot(page, '15-admin-catalogue');
    await page.close();
  });

  it('team and commission: a clue recorded on the fast track, reviewed jointly and transferred the same day, each step attributed', async () => {
    const SUMMARY = '反映该单位违规发放津贴补贴问题';
    const member = await pageAs('xcb-member');
    await member.goto(`${origin}/#/fast-track`);
    await member.getByRole('button', { name: /登记线索/ }).click();
    const dialog = member.locator('.ant-modal:visible');
    await choose(member, dialog.locator('.ant-select').nth(0), RUNNING);
    await choose(member, dialog.locator('.ant-select').nth(1), unitB.name);
    await dialog.getByLabel('线索摘要').fill(SUMMARY);
    await dialog.getByLabel('线索详情').fill('据反映，2025年以加班费名义向班子成员发放津贴补贴约12万元。');
    await dialog.getByLabel(/证据材料编号/).fill('XC-ZJ-001, XC-ZJ-002');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    const row = (page: Page) => page.getByRole('row').filter({ hasText: SUMMARY });
    await row(member).getByText('已登记').waitFor();
    await member.close();

    for (const [login, opinion] of [['xcb-leader', '建议移交纪委监委按程序处置'], ['jw-officer', '同意移交，由案件监督管理室接收']]) {
      const page = await pageAs(login);
      await page.goto(`${origin}/#/fast-track`);
      await row(page).getByRole('button', { name: '填写研判意见' }).click();
      await page.locator('.ant-modal:visible textarea').fill(opinion);
      await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      await page.close();
    }
    const cases = await pageAs('jw-case');
    await cases.goto(`${origin}/#/fast-track`);
    await row(cases).getByText('已联席研判').waitFor();
    await row(cases).getByRole('button', { name: '接收移交' }).click();
    await cases.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
    await row(cases).getByText('已移交').waitFor();
    await row(cases).locator('.ant-table-row-expand-icon').click();
    const timeline = cases.locator('.ant-timeline');
    await timeline.getByText(/接收移交/).waitFor();
    const steps = await timeline.locator('.ant-timeline-item').allTextContents();
    expect(steps.map((t) => t.replace(/^\S+ \S+\s+/, ''))).toEqual([
      expect.stringMatching(/^登记线索　苏文静（巡察办）→ 已登记/),
      expect.stringMatching(/^巡察组研判意见　周志远（巡察办）→ 已登记/),
      expect.stringMatching(/^纪委监委研判意见　明湖市纪委监委联络员（纪委监委）→ 已联席研判/),
      expect.stringMatching(/^接收移交　纪委监委案件监督管理室（纪委监委）→ 已移交/),
    ]);
    await shot(cases, '19-fast-track');
    await cases.close();
  });

  it('shows the office’s ledgers, statistics and request progress, and the provider’s standing approvals', async () => {
    const office = await pageAs('xcb-office');
    for (const [path, name, ready] of [
      ['/requests', '16-office-requests', '协查单位'],
      ['/ledgers', '17-office-ledgers', '责任单位'],
      ['/statistics', '18-office-statistics', '立案率'],
    ] as const) {
      await office.goto(`${origin}/#${path}`);
      await office.getByText(ready).first().waitFor();
      await until(async () => (await office.locator('.hub-chart[data-loading="true"]').count()) === 0);
      await shot(office, name);
    }
    await office.close();
    const provider = await pageAs('xfj-officer');
    await provider.goto(`${origin}/#/standing`);
    await provider.getByText('常态化授权').first().waitFor();
    await shot(provider, '20-provider-standing');

    // What the bureau's own system published: a batch refused for a unit the hub does not hold.
    const petition = { channel: 'LETTER', receivedDate: '2026-03-02', anonymous: true, category: 'OTHER', summary: '反映某单位问题', content: '详细内容', status: 'RECEIVED' };
    const refused = await gql(hub.url, await hub.token('xfj-system'), 'mutation($r: [PetitionInput!]!) { publishPetitions(records: $r, batchKey: "xfj-2026-12-02-01") { created } }', {
      r: [{ ...petition, externalId: 'XFJ-CS-1', unitCreditCode: unitA.code }, { ...petition, externalId: 'XFJ-CS-2', unitCreditCode: '91990100MA0000000X' }],
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await provider.goto(`${origin}/#/published`);
    const batch = provider.getByRole('row').filter({ hasText: 'xfj-2026-12-02-01' });
    await batch.getByTestId('batch-rejected').waitFor();
    await expect(batch.textContent()).resolves.toContain('信访件');
    await batch.locator('.ant-table-row-expand-icon').click();
    await provider.getByRole('cell', { name: 'XFJ-CS-2', exact: true }).waitFor();
    await shot(provider, '21-provider-published');
    await provider.close();
  });

  it('lets a person change their own password: a wrong current one is refused, then every session ends and the new one signs in', async () => {
    const page = await pageAs('xcb-member-recused');
    await page.getByTestId('change-password').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码', { exact: true }).fill('Neues-Passwort-2026');
    await dialog.getByLabel('再次输入新密码').fill('Neues-Passwort-2026');
    refusalExpected = hub.url;
    await dialog.getByRole('button', { name: /修\s*改/ }).click();
    await expect(page.getByTestId('change-password-error').textContent()).resolves.toContain('当前密码不正确');
    refusalExpected = undefined;
    await shot(page, '22-change-password');
    await dialog.getByLabel('当前密码').fill(DEMO_PASSWORD());
    await dialog.getByRole('button', { name: /修\s*改/ }).click();
    await page.getByText('密码已修改，所有会话已结束，请用新密码登录').waitFor();
    await page.close();
    const again = await pageAs('xcb-member-recused', 'Neues-Passwort-2026');
    await again.close();
    const events = await hub.sources.get('access')!.query(`SELECT outcome FROM access.sign_in_event WHERE login = 'xcb-member-recused' ORDER BY at`);
    expect(events.map((e: { outcome: string }) => e.outcome)).toEqual(['PASSWORD_SET', 'SUCCESS', 'FAILURE', 'PASSWORD_CHANGED', 'SUCCESS']);
  });

  it('keeps the first page light: the entry and what it preloads stay under 1.2 MB (the screens and charts load later)', () => {
    const dir = path.resolve(__dirname, '../../dist-console');
    const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const first = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(first.length).toBeGreaterThan(1);
    const bytes = first.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(1_200_000);
    expect(readdirSync(path.join(dir, 'assets')).filter((f) => /^(echarts|StatisticsPage|DossierPage)-.*\.js$/.test(f))).toHaveLength(3);
  });

  it('refuses a request from another origin that rides on the session cookie without the CSRF token', async () => {
    const page = await pageAs('admin');
    const [grant] = await hub.sources.get('access')!.query(`SELECT id FROM access."grant" WHERE revoked_at IS NULL LIMIT 1`);
    const mutation = JSON.stringify({ query: 'mutation($id: UUID!) { revokeGrant(id: $id) { id } }', variables: { id: grant.id } });
    // The browser context's request API sends the context's cookies, like a forged cross-site request would.
    const forged = await browser.context.request.post(hub.url, { headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, data: mutation });
    expect(forged.status()).toBe(403);
    const noToken = await browser.context.request.post(hub.url, { headers: { 'content-type': 'application/json', origin }, data: mutation });
    expect(noToken.status()).toBe(403);
    const [still] = await hub.sources.get('access')!.query(`SELECT revoked_at FROM access."grant" WHERE id = $1`, [grant.id]);
    expect(still.revoked_at).toBeNull();
    await page.close();
  });

  it('sent every request of every page to the hub’s own origin (no CDN, fonts or analytics), without a script or console error', () => {
    expect(pageErrors).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(20);
    const elsewhere = browser.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
  });
});
