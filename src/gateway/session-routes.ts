import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import { log } from '../log';
import { RETRY_AFTER_SECONDS } from '../common/outage';
import { SignInOutcome } from '../subgraphs/access/credential.entity';
import { decoyHash, lockLogin, recentFailures, verifyPassword } from '../subgraphs/access/credentials';
import { createSession, csrfTokenFor, endSession, findSession, sameOrigin, sessionToken, setSessionCookie, CSRF_HEADER } from './session';

const fail = (res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
  // Sign-in fails with 503 only when the database cannot be asked: say when to try again, as GraphQL outages do.
  if (status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
};

interface PrincipalInfo {
  id: string;
  login: string;
  name: string;
  roles: string[];
  agencyId: string;
  agencyName: string;
  agencyKind: string;
}

const principalInfo = async (ds: DataSource, id: string): Promise<PrincipalInfo | undefined> =>
  (
    await ds.query(
      `SELECT p.id, p.login, p.name, p.roles, a.id AS "agencyId", a.name AS "agencyName", a.kind AS "agencyKind"
         FROM access.principal p JOIN access.agency a ON a.id = p.agency_id WHERE p.id = $1 AND p.active`,
      [id],
    )
  )[0];

/** What the console needs to know about its session; the CSRF token goes with every API call. */
const sessionBody = (config: HubConfig, principal: PrincipalInfo, token: string, expiresAt: Date) => ({
  signedIn: true as const,
  principal,
  csrfToken: csrfTokenFor(config, token),
  csrfHeader: CSRF_HEADER,
  expiresAt,
  idleMinutes: config.console.sessionIdleMinutes,
});

const userAgent = (req: Request) => req.get('user-agent')?.slice(0, 200) ?? null;

/** Appends to the sign-in log (inside the attempt's transaction when given one). */
async function logEvent(q: Pick<DataSource, 'query'>, req: Request, login: string, principalId: string | null, outcome: SignInOutcome): Promise<void> {
  await q.query('INSERT INTO access.sign_in_event (login, principal_id, outcome, ip, user_agent) VALUES ($1, $2, $3, $4, $5)', [
    login.slice(0, 60),
    principalId,
    outcome,
    req.ip?.slice(0, 64) ?? null,
    userAgent(req),
  ]);
}

type Attempt = { outcome: SignInOutcome; principalId: string | null; failures: number };

/**
 * One sign-in attempt, serialised per login (advisory lock) so parallel guesses
 * cannot slip past the lock-out. Locked: `maxFailures` failures within `lockMinutes`
 * since the last success or new password — counted from the sign-in log itself.
 * A locked login is refused without checking the password; an unknown login is
 * checked against a decoy hash and locks the same way, so neither timing nor
 * answers tell which logins exist.
 */
async function attempt(ds: DataSource, config: HubConfig, req: Request, login: string, password: string): Promise<Attempt> {
  return ds.transaction(async (m) => {
    await lockLogin(m, login);
    const failures = await recentFailures(m, login, config.console.lockMinutes);
    const [p]: { id: string; active: boolean; password_hash: string | null }[] = await m.query(
      `SELECT p.id, p.active, c.password_hash FROM access.principal p LEFT JOIN access.principal_credential c ON c.principal_id = p.id WHERE p.login = $1`,
      [login],
    );
    let outcome: SignInOutcome;
    if (failures >= config.console.maxFailures) outcome = SignInOutcome.LOCKED_OUT;
    else {
      const matches = await verifyPassword(password, p?.password_hash ?? (await decoyHash()));
      outcome = matches && p?.password_hash && p.active ? SignInOutcome.SUCCESS : SignInOutcome.FAILURE;
    }
    await logEvent(m, req, login, p?.id ?? null, outcome);
    return { outcome, principalId: p?.id ?? null, failures: failures + (outcome === SignInOutcome.FAILURE ? 1 : 0) };
  });
}

/** `/auth/login`, `/auth/session`, `/auth/logout`: JSON in and out, never cached. */
export function sessionRoutes(ds: DataSource, config: HubConfig): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/login', express.json({ limit: '8kb' }), async (req, res) => {
    // Login CSRF: a form on another site must not sign the browser in as someone else.
    if (!sameOrigin(req)) return fail(res, 403, 'FORBIDDEN', '只能从本平台页面登录 (cross-origin sign-in refused)');
    const { login, password } = (req.body ?? {}) as { login?: unknown; password?: unknown };
    if (typeof login !== 'string' || typeof password !== 'string' || !login.trim() || !password || login.length > 60 || password.length > 200) {
      return fail(res, 400, 'BAD_USER_INPUT', '请输入登录名和密码');
    }
    const name = login.trim().toLowerCase();
    try {
      const result = await attempt(ds, config, req, name, password);
      if (result.outcome === SignInOutcome.LOCKED_OUT) {
        return fail(res, 429, 'LOCKED_OUT', `登录失败次数过多，账号已锁定，请 ${config.console.lockMinutes} 分钟后再试或联系管理员重置密码`);
      }
      if (result.outcome === SignInOutcome.FAILURE) {
        const left = config.console.maxFailures - result.failures;
        return fail(res, 401, 'UNAUTHENTICATED', left > 0 ? `登录名或密码错误（再失败 ${left} 次将锁定 ${config.console.lockMinutes} 分钟）` : `登录名或密码错误；已连续失败 ${config.console.maxFailures} 次，锁定 ${config.console.lockMinutes} 分钟`);
      }
      const principal = (await principalInfo(ds, result.principalId!))!;
      const { token, expiresAt } = await createSession(ds, config, principal.id, req.ip);
      setSessionCookie(res, config, token);
      res.json(sessionBody(config, principal, token, expiresAt));
    } catch (err) {
      log.error({ err }, 'sign-in failed');
      fail(res, 503, 'SERVICE_UNAVAILABLE', '登录服务暂不可用，请稍后再试');
    }
  });

  router.get('/session', async (req, res) => {
    const token = sessionToken(req);
    try {
      const session = token ? await findSession(ds, config, token) : null;
      const principal = session ? await principalInfo(ds, session.principalId) : undefined;
      // Being signed out is an answer, not an error: the console asks this on every load,
      // and a 401 would show as a failed request in the browser's console each time.
      if (!session || !principal) return res.json({ signedIn: false, expired: token !== undefined });
      res.json(sessionBody(config, principal, token!, session.expiresAt));
    } catch (err) {
      log.error({ err }, 'session lookup failed');
      fail(res, 503, 'SERVICE_UNAVAILABLE', '登录服务暂不可用，请稍后再试');
    }
  });

  router.post('/logout', async (req, res) => {
    const token = sessionToken(req);
    if (!sameOrigin(req) || (token && req.get(CSRF_HEADER) !== csrfTokenFor(config, token))) return fail(res, 403, 'FORBIDDEN', '退出请求无效 (CSRF token missing)');
    try {
      const principalId = token ? await endSession(ds, token) : null;
      if (principalId) {
        const [p] = await ds.query('SELECT login FROM access.principal WHERE id = $1', [principalId]);
        await logEvent(ds, req, p?.login ?? '', principalId, SignInOutcome.LOGOUT);
      }
      setSessionCookie(res, config, null);
      res.status(204).end();
    } catch (err) {
      log.error({ err }, 'sign-out failed');
      fail(res, 503, 'SERVICE_UNAVAILABLE', '退出失败，请稍后再试');
    }
  });
  return router;
}
