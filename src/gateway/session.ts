import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { unauthenticated } from '../common/errors';
import type { HubConfig } from '../config';
import { mintToken } from './tokens';

/**
 * Browser sessions of the web console: the third way to authenticate, beside
 * `Authorization: Bearer` and `ApiKey`. A session is turned into a short-lived
 * caller Bearer token (`mintToken`) for the rest of the pipeline, so everything
 * downstream — today the gateway's `authenticate`, later subgraphs reading the
 * propagated Authorization header — sees an ordinary caller token.
 *
 * Cookie: random 256-bit token, HttpOnly, SameSite=Strict, Secure in production;
 * the database keeps only its SHA-256 (access.console_session).
 * CSRF: a request that authenticates by cookie must come from the hub's own origin
 * (Origin / Sec-Fetch-Site) and, for the API, carry `x-csrf-token`: an HMAC of the
 * session token under the hub's secret (a synchronizer token that needs no storage
 * and cannot be computed without the HttpOnly cookie). Requests that send their own
 * Authorization header need neither.
 */
export const SESSION_COOKIE = 'hub_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Parses a Cookie header (RFC 6265 pairs); the first of duplicate names wins. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const sessionToken = (req: IncomingMessage): string | undefined => {
  const t = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  return t && TOKEN.test(t) ? t : undefined;
};
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const csrfTokenFor = (config: HubConfig, token: string) => createHmac('sha256', config.internalSecret).update(`csrf:${token}`).digest('base64url');

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

/**
 * Whether the request comes from a page of the hub itself. Browsers send Origin on
 * every cross-origin and every non-GET request, and Sec-Fetch-Site on all requests;
 * a value naming another site refuses the request. `navigation` also admits
 * Sec-Fetch-Site: none (the address typed or bookmarked).
 */
/** A request header's (first) value: the GraphQL endpoint's requests are Node's own, not Express's. */
const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function sameOrigin(req: IncomingMessage, navigation = false): boolean {
  const origin = header(req, 'origin');
  if (origin !== undefined) {
    try {
      if (origin === 'null' || new URL(origin).host !== header(req, 'host')) return false;
    } catch {
      return false;
    }
  }
  const site = header(req, 'sec-fetch-site');
  return site === undefined || site === 'same-origin' || (navigation && site === 'none');
}

function csrfValid(req: IncomingMessage, config: HubConfig, token: string): boolean {
  const sent = header(req, CSRF_HEADER);
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(csrfTokenFor(config, token));
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SessionRow {
  id: string;
  principalId: string;
  expiresAt: Date;
}

/**
 * The live session of a cookie token, in one statement: not ended, not past its
 * absolute expiry, used within the idle timeout. It also records the use (at most
 * every half minute, so busy pages do not write on every request).
 */
export async function findSession(ds: DataSource, config: HubConfig, token: string): Promise<SessionRow | null> {
  const rows: { id: string; principal_id: string; expires_at: Date }[] = await ds.query(
    `WITH s AS (
       SELECT id, principal_id, expires_at, last_seen_at FROM access.console_session
        WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
     ), touched AS (
       UPDATE access.console_session c SET last_seen_at = now() FROM s WHERE c.id = s.id AND s.last_seen_at < now() - interval '30 seconds' RETURNING c.id
     )
     SELECT s.id, s.principal_id, s.expires_at, (SELECT count(*) FROM touched) AS touched FROM s`,
    [tokenHash(token), config.console.sessionIdleMinutes],
  );
  const r = rows[0];
  return r ? { id: r.id, principalId: r.principal_id, expiresAt: r.expires_at } : null;
}

export async function createSession(ds: DataSource, config: HubConfig, principalId: string, ip: string | undefined): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await ds.query(
    `INSERT INTO access.console_session (token_hash, principal_id, expires_at, ip) VALUES ($1, $2, now() + make_interval(hours => $3), $4) RETURNING expires_at`,
    [tokenHash(token), principalId, config.console.sessionMaxHours, ip?.slice(0, 64) ?? null],
  );
  return { token, expiresAt: row.expires_at };
}

/** Ends the session of a token; returns its principal when there was a live one. */
export async function endSession(ds: DataSource, token: string): Promise<string | null> {
  const rows: { principal_id: string }[] = await ds.query(
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not rows.
    'WITH e AS (UPDATE access.console_session SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL RETURNING principal_id) SELECT principal_id FROM e',
    [tokenHash(token)],
  );
  return rows[0]?.principal_id ?? null;
}

/**
 * A browser-session cookie (no Max-Age): closing the browser on a shared office
 * computer signs out too; the server's idle and absolute limits apply either way.
 */
export function setSessionCookie(res: Response, config: HubConfig, token: string | null): void {
  const options = { httpOnly: true, sameSite: 'strict' as const, secure: config.console.secureCookie, path: '/' };
  if (token) res.cookie(SESSION_COOKIE, token, options);
  else res.clearCookie(SESSION_COOKIE, options);
}

/**
 * The Authorization to authenticate a request with: the caller's own header, or a
 * Bearer token valid for one minute minted from its session cookie once the
 * origin (and, for the API, the CSRF token) checks pass. `undefined` when there is
 * neither, which `authenticate` answers with UNAUTHENTICATED.
 */
export async function callerAuthorization(req: IncomingMessage, ds: DataSource, config: HubConfig, use: 'api' | 'page'): Promise<string | undefined> {
  if (req.headers.authorization) return req.headers.authorization;
  const token = sessionToken(req);
  if (!token) return undefined;
  if (!sameOrigin(req, use === 'page')) throw refused('Requests signed in by cookie must come from the hub’s own pages (cross-origin request refused)');
  if (use === 'api' && !csrfValid(req, config, token)) throw refused(`Requests signed in by cookie must send the ${CSRF_HEADER} header the session gave`);
  const session = await findSession(ds, config, token);
  if (!session) throw unauthenticated('会话已过期或已退出，请重新登录 (session expired)');
  return `Bearer ${await mintToken(config, session.principalId, '60s')}`;
}
