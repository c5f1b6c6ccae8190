import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { codes, gql, startTestHub, type TestHub } from './support/hub';
import { consoleGql, DEMO_PASSWORD, originOf, signIn } from './support/session';

/**
 * Console sign-in over HTTP, the way a browser does it: the session cookie, CSRF,
 * lock-out, expiry, logout, the sign-in log, and the admin's principal management.
 */
describe('console sessions', () => {
  let hub: TestHub;
  let origin: string;
  const access = () => hub.sources.get('access')!;
  const events = async (login: string) =>
    (await access().query('SELECT outcome FROM access.sign_in_event WHERE login = $1 ORDER BY at, outcome', [login])).map((r: { outcome: string }) => r.outcome);

  beforeAll(async () => {
    hub = await startTestHub();
    origin = originOf(hub.url);
  });
  afterAll(() => hub?.stop());

  it('signs in with login and password: an HttpOnly SameSite cookie, a CSRF token, and the API answers as that person', async () => {
    const r = await signIn(hub.url, 'xcb-office');
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/^hub_session=[\w-]{43}; /);
    expect(r.setCookie).toMatch(/HttpOnly/i);
    expect(r.setCookie).toMatch(/SameSite=Strict/i);
    expect(r.setCookie).not.toMatch(/Secure/i); // development over HTTP; production sets it
    expect(r.setCookie).not.toMatch(/Max-Age|Expires/i); // ends with the browser too
    expect(r.body.principal).toMatchObject({ login: 'xcb-office', name: '林晓岚', roles: ['INSPECTION_OFFICE'] });
    const s = r.session!;
    const me = await consoleGql(hub.url, s, '{ me { login name } }');
    expect(me.data.me).toEqual({ login: 'xcb-office', name: '林晓岚' });
    // The cookie itself holds no principal: only its hash is stored.
    const [row] = await access().query('SELECT token_hash FROM access.console_session ORDER BY created_at DESC LIMIT 1');
    expect(s.cookie).not.toContain(row.token_hash);
    // /auth/session gives the console the same session back.
    const again = await fetch(`${origin}/auth/session`, { headers: { cookie: s.cookie } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ signedIn: true, csrfToken: s.csrf, principal: { login: 'xcb-office' } });
    expect(await events('xcb-office')).toEqual(['PASSWORD_SET', 'SUCCESS']);
  });

  it('refuses cookie requests without the CSRF token or from another origin; Authorization clients need neither', async () => {
    const s = (await signIn(hub.url, 'xcb-leader')).session!;
    const post = (headers: Record<string, string>) =>
      fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, ...headers }, body: JSON.stringify({ query: '{ me { login } }' }) });
    const noToken = await post({ origin });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await post({ origin, 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403);
    // Another site's page, even one that somehow had the token:
    expect((await post({ origin: 'http://evil.example', 'x-csrf-token': s.csrf })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': s.csrf })).status).toBe(403);
    expect((await post({ origin, 'sec-fetch-site': 'same-origin', 'x-csrf-token': s.csrf })).status).toBe(200);
    // Bearer and ApiKey clients keep working as before, cookie or not.
    const bearer = await gql(hub.url, await hub.token('xcb-member'), '{ me { login } }');
    expect(bearer.data.me.login).toBe('xcb-member');
    const withCookie = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, authorization: await hub.token('xcb-member') },
      body: JSON.stringify({ query: '{ me { login } }' }),
    });
    expect(((await withCookie.json()) as any).data.me.login).toBe('xcb-member');
    // Sign-in itself refuses other origins (login CSRF).
    expect((await signIn(hub.url, 'xcb-leader', DEMO_PASSWORD(), { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('opens the printable briefing with the session cookie alone, only from the hub’s own pages', async () => {
    const [upcoming] = await hub.sources.get('inspection')!.query(
      `SELECT r.id, a.unit_credit_code AS unit FROM inspection.inspection_round r JOIN inspection.team_assignment a ON a.round_id = r.id
        WHERE r.status = 'PLANNED' ORDER BY r.start_date, a.position LIMIT 1`,
    );
    const s = (await signIn(hub.url, 'xcb-office')).session!;
    const url = `${origin}/dossier.html?unit=${upcoming.unit.trim()}&round=${upcoming.id}`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { cookie: s.cookie, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('一、被巡察单位基本情况');
    expect((await fetch(url, { headers: { cookie: s.cookie, 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect((await fetch(url, { headers: { cookie: s.cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('logs out: the session ends, the cookie is cleared, the logout is logged; logout needs the CSRF token', async () => {
    const s = (await signIn(hub.url, 'xcb-member')).session!;
    const logout = (headers: Record<string, string>) => fetch(`${origin}/auth/logout`, { method: 'POST', headers: { cookie: s.cookie, origin, ...headers } });
    expect((await logout({})).status).toBe(403);
    const res = await logout({ 'x-csrf-token': s.csrf });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/hub_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await consoleGql(hub.url, s, '{ me { login } }');
    expect(after.status).toBe(401);
    expect(codes(after as never)).toEqual(['UNAUTHENTICATED']);
    // Signed out is an answer, not an error status (the console asks on every load).
    const ended = await fetch(`${origin}/auth/session`, { headers: { cookie: s.cookie } });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ signedIn: false, expired: true });
    const none = await fetch(`${origin}/auth/session`);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ signedIn: false, expired: false });
    expect(await events('xcb-member')).toEqual(['PASSWORD_SET', 'SUCCESS', 'LOGOUT']);
  });

  it('expires sessions after the idle timeout and at their absolute end', async () => {
    const idle = (await signIn(hub.url, 'xfj-officer')).session!;
    const fixed = (await signIn(hub.url, 'xfj-officer')).session!;
    expect((await consoleGql(hub.url, idle, '{ me { login } }')).data.me.login).toBe('xfj-officer');
    const [a, b] = await access().query(`SELECT id FROM access.console_session WHERE principal_id = $1 ORDER BY created_at`, [await hub.principalId('xfj-officer')]);
    await access().query(`UPDATE access.console_session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [a.id]);
    await access().query(`UPDATE access.console_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [b.id]);
    expect((await consoleGql(hub.url, idle, '{ me { login } }')).status).toBe(401);
    expect((await consoleGql(hub.url, fixed, '{ me { login } }')).status).toBe(401);
  });

  it('refuses a wrong password and logs it; five failures lock the login, even against the right password, until an admin resets it', async () => {
    const wrong = await signIn(hub.url, 'sj-officer', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBeNull();
    expect(wrong.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrong.body.errors[0].message).toContain('登录名或密码错误');
    for (let i = 0; i < 4; i++) expect((await signIn(hub.url, 'sj-officer', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn(hub.url, 'sj-officer');
    expect(locked.status).toBe(429);
    expect(locked.body.errors[0].extensions.code).toBe('LOCKED_OUT');
    expect(await events('sj-officer')).toEqual(['PASSWORD_SET', ...Array(5).fill('FAILURE'), 'LOCKED_OUT']);
    const [row] = await access().query(`SELECT ip, user_agent FROM access.sign_in_event WHERE login = 'sj-officer' AND outcome = 'FAILURE' LIMIT 1`);
    expect(row.ip).toMatch(/127\.0\.0\.1/);

    // An unknown login is answered and locked the same way: nothing tells which logins exist.
    const unknown = await signIn(hub.url, 'no-such-person', 'whatever-1');
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].message).toBe(wrong.body.errors[0].message);

    // The admin reads the log and resets the password, which lifts the lock.
    const admin = await hub.token('admin');
    const log = await gql(hub.url, admin, '{ signInEvents(login: "sj-officer", first: 10) { totalCount nodes { outcome ip principal { login } } } }');
    expect(log.data.signInEvents.totalCount).toBe(7);
    expect(log.data.signInEvents.nodes[0]).toMatchObject({ outcome: 'LOCKED_OUT', principal: { login: 'sj-officer' } });
    expect(codes(await gql(hub.url, await hub.token('xcb-office'), '{ signInEvents { totalCount } }'))).toEqual(['FORBIDDEN']);
    const reset = await gql(hub.url, admin, 'mutation($id: UUID!) { resetPassword(id: $id) { password principal { login } } }', { id: await hub.principalId('sj-officer') });
    const password = reset.data.resetPassword.password;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await signIn(hub.url, 'sj-officer')).status).toBe(401); // the demo password is gone
    expect((await signIn(hub.url, 'sj-officer', password)).status).toBe(200);
    // The log is append-only: the hub's own role may not delete from it, and the owner's triggers refuse too.
    await expect(access().query(`DELETE FROM access.sign_in_event WHERE login = 'sj-officer'`)).rejects.toThrow(/permission denied/);
    await expect(hub.superuser(`DELETE FROM access.sign_in_event WHERE login = 'sj-officer'`)).rejects.toThrow(/append-only/);
  });

  it('lets admins create people, change roles, deactivate (ending their sessions) and reset API keys', async () => {
    const admin = await hub.token('admin');
    const [agency] = await access().query(`SELECT id FROM access.agency WHERE code = 'zzb'`);
    const created = await gql(
      hub.url,
      admin,
      'mutation($i: PrincipalInput!) { createPrincipal(input: $i) { password principal { id login roles active hasPassword agency { name } } } }',
      { i: { agencyId: agency.id, login: 'zzb-wang', name: '王建华', roles: ['AGENCY_OFFICER'] } },
    );
    expect(created.errors).toBeUndefined();
    const { principal, password } = created.data.createPrincipal;
    expect(principal).toMatchObject({ login: 'zzb-wang', roles: ['AGENCY_OFFICER'], active: true, hasPassword: true });
    const s = (await signIn(hub.url, 'zzb-wang', password)).session!;
    expect((await consoleGql(hub.url, s, '{ me { name } }')).data.me.name).toBe('王建华');

    // Team roles stay in the inspection office; duplicates are refused.
    const bad = await gql(hub.url, admin, 'mutation($id: UUID!) { setPrincipalRoles(id: $id, roles: [TEAM_LEADER]) { roles } }', { id: principal.id });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const again = await gql(hub.url, admin, 'mutation($i: PrincipalInput!) { createPrincipal(input: $i) { password } }', {
      i: { agencyId: agency.id, login: 'zzb-wang', name: '重名', roles: ['AGENCY_OFFICER'] },
    });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(codes(await gql(hub.url, await hub.token('xcb-office'), 'mutation($id: UUID!) { resetPassword(id: $id) { password } }', { id: principal.id }))).toEqual(['FORBIDDEN']);

    const roles = await gql(hub.url, admin, 'mutation($id: UUID!) { setPrincipalRoles(id: $id, roles: [AGENCY_OFFICER, ADMIN]) { roles } }', { id: principal.id });
    expect(roles.data.setPrincipalRoles.roles).toEqual(['AGENCY_OFFICER', 'ADMIN']);
    const off = await gql(hub.url, admin, 'mutation($id: UUID!) { setPrincipalActive(id: $id, active: false) { active } }', { id: principal.id });
    expect(off.data.setPrincipalActive.active).toBe(false);
    expect((await consoleGql(hub.url, s, '{ me { name } }')).status).toBe(401);
    expect((await signIn(hub.url, 'zzb-wang', password)).status).toBe(401);
    // Every change an admin made to the account is in the log, with who made it.
    const adminId = await hub.principalId('admin');
    const changes = await access().query(`SELECT outcome, actor_id AS "actorId" FROM access.sign_in_event WHERE login = 'zzb-wang' AND actor_id IS NOT NULL ORDER BY at`);
    expect(changes).toEqual(['PASSWORD_SET', 'ROLES_CHANGED', 'DEACTIVATED'].map((outcome) => ({ outcome, actorId: adminId })));
    const log = await gql(hub.url, admin, '{ signInEvents(login: "zzb-wang", outcome: DEACTIVATED) { nodes { actor { login } principal { login } } } }');
    expect(log.data.signInEvents.nodes).toEqual([{ actor: { login: 'admin' }, principal: { login: 'zzb-wang' } }]);

    const system = await hub.principalId('zzb-system');
    const key = await gql(hub.url, admin, 'mutation($id: UUID!) { resetApiKey(id: $id) { apiKey } }', { id: system });
    expect((await gql(hub.url, `ApiKey ${key.data.resetApiKey.apiKey}`, '{ me { login } }')).data.me.login).toBe('zzb-system');
    expect(codes(await gql(hub.url, admin, 'mutation($id: UUID!) { resetPassword(id: $id) { password } }', { id: system }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets a person change their own password: the current one is checked and counts toward the lock-out, every session ends, all of it logged', async () => {
    const CHANGE = 'mutation($c: String!, $n: String!) { changeOwnPassword(currentPassword: $c, newPassword: $n) }';
    const s = (await signIn(hub.url, 'xcb-member-recused')).session!;
    const other = (await signIn(hub.url, 'xcb-member-recused')).session!;
    const wrong = await consoleGql(hub.url, s, CHANGE, { c: 'not-my-password', n: 'Neues-Passwort-2026' });
    expect(codes(wrong as never)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].message).toBe('当前密码不正确');
    expect(codes((await consoleGql(hub.url, s, CHANGE, { c: DEMO_PASSWORD(), n: 'short' })) as never)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await consoleGql(hub.url, s, CHANGE, { c: DEMO_PASSWORD(), n: DEMO_PASSWORD() })) as never)).toEqual(['BAD_USER_INPUT']);
    const changed = await consoleGql(hub.url, s, CHANGE, { c: DEMO_PASSWORD(), n: 'Neues-Passwort-2026' });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.changeOwnPassword).toBe(true);
    // Every session ends (this one too); only the new password signs in.
    expect((await consoleGql(hub.url, s, '{ me { login } }')).status).toBe(401);
    expect((await consoleGql(hub.url, other, '{ me { login } }')).status).toBe(401);
    expect((await signIn(hub.url, 'xcb-member-recused')).status).toBe(401);
    const again = (await signIn(hub.url, 'xcb-member-recused', 'Neues-Passwort-2026')).session!;
    expect(await events('xcb-member-recused')).toEqual(['PASSWORD_SET', 'SUCCESS', 'SUCCESS', 'FAILURE', 'PASSWORD_CHANGED', 'FAILURE', 'SUCCESS']);

    // Guessing the current password through this mutation runs into the same lock-out as sign-in.
    for (let i = 0; i < 5; i++) await consoleGql(hub.url, again, CHANGE, { c: `guess-${i}-xxxxx`, n: 'Drittes-Passwort-2026' });
    const locked = await consoleGql(hub.url, again, CHANGE, { c: 'Neues-Passwort-2026', n: 'Drittes-Passwort-2026' });
    expect(codes(locked as never)).toEqual(['FORBIDDEN']);
    expect((await signIn(hub.url, 'xcb-member-recused', 'Neues-Passwort-2026')).status).toBe(429);
    // Agency systems have no password to change.
    expect(codes(await gql(hub.url, await hub.token('xfj-system'), CHANGE, { c: 'x', n: 'Irgendein-Passwort-1' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('logs who issued or reset an agency system’s API key', async () => {
    const admin = await hub.token('admin');
    const system = await hub.principalId('xfj-system');
    expect((await gql(hub.url, admin, 'mutation($id: UUID!) { resetApiKey(id: $id) { apiKey } }', { id: system })).errors).toBeUndefined();
    const log = await gql(hub.url, admin, '{ signInEvents(login: "xfj-system", first: 5) { nodes { outcome actorId } } }');
    expect(log.data.signInEvents.nodes[0]).toEqual({ outcome: 'API_KEY_SET', actorId: await hub.principalId('admin') });
  });

  it('verifies the disclosure audit chain for admins through the API', async () => {
    const r = await gql(hub.url, await hub.token('admin'), '{ verifyDisclosureAudit { status chains { chain problem { kind } } } }');
    expect(r.data.verifyDisclosureAudit.status).toBe('INTACT');
    expect(codes(await gql(hub.url, await hub.token('xcb-office'), '{ verifyDisclosureAudit { status } }'))).toEqual(['FORBIDDEN']);
  });

  it('npm run admin:create makes the first admin of a database started without demo data', async () => {
    const bare = await startTestHub({ seed: false });
    try {
      expect((await signIn(bare.url, 'admin')).status).toBe(401); // nobody can sign in yet
      const cli = path.resolve(__dirname, '../src/cli/admin-create.js');
      const env = { ...process.env, DATABASE_URL: bare.db.url, HUB_ADMIN_PASSWORD: 'Erst-Admin-2026!' };
      const { stdout } = await promisify(execFile)(process.execPath, [cli, '--login', 'chief', '--name', '系统管理员'], { env });
      expect(stdout).toContain('Created admin chief');
      const s = (await signIn(bare.url, 'chief', 'Erst-Admin-2026!')).session!;
      const me = await consoleGql(bare.url, s, '{ me { roles agency { kind } } agencies { code } }');
      expect(me.data).toEqual({ me: { roles: ['ADMIN'], agency: { kind: 'INSPECTION_OFFICE' } }, agencies: [{ code: 'xcb' }] });
      // Running it again does not make a second one silently.
      await expect(promisify(execFile)(process.execPath, [cli, '--login', 'chief'], { env })).rejects.toThrow(/exists/);
    } finally {
      await bare.stop();
    }
  });
});
