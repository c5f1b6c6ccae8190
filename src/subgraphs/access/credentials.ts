import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput } from '../../common/errors';
import { SignInEvent, SignInOutcome } from './credential.entity';

/**
 * Passwords are hashed with scrypt (memory-hard, in Node's crypto: no native
 * dependency) at OWASP's minimum: N=2^15 (32 MiB), r=8, p=3 — a few hundred
 * milliseconds per sign-in, and as costly per guess for whoever steals the hashes.
 * The parameters are stored with each hash, so they can be raised later without
 * invalidating old ones.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (N: number, r: number) => 256 * N * r;

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: Number(p), maxmem: maxmem(N, R) });
  return timingSafeEqual(key, expected);
}

/** A hash of nothing anybody knows: unknown logins are checked against it, so they take as long as known ones. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

export const MIN_PASSWORD_LENGTH = 10;

export function assertPasswordAcceptable(password: string, login: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) throw badInput(`密码长度须为 ${MIN_PASSWORD_LENGTH}–200 个字符`, { argument: 'password' });
  if (password.toLowerCase().includes(login.toLowerCase())) throw badInput('密码不能包含登录名', { argument: 'password' });
}

/** A random password for a person to change or keep (shown once): 16 characters, no look-alikes. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The password of the demo logins: derived from the hub's own secret, so every
 * installation has a different one, the banner can print it and tests can compute
 * it, and nothing more is written to disk. One for all demo logins (it is printed
 * beside them anyway), so seeding hashes once. Never set in production.
 */
export function demoPassword(secret: string): string {
  return `Demo-${createHmac('sha256', secret).update('demo-password').digest('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
}

/**
 * Sets (or replaces) a principal's password and logs it. A PASSWORD_SET event also
 * lifts a lock-out, and every open session of the principal ends (whoever knew the
 * old password is signed out).
 */
export async function setPassword(
  m: EntityManager,
  principal: { id: string; login: string },
  password: string,
  actorId: string | null,
  outcome: SignInOutcome.PASSWORD_SET | SignInOutcome.PASSWORD_CHANGED = SignInOutcome.PASSWORD_SET,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await m.query(
    `INSERT INTO access.principal_credential (principal_id, password_hash, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (principal_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
    [principal.id, passwordHash],
  );
  await m.query('UPDATE access.console_session SET ended_at = now() WHERE principal_id = $1 AND ended_at IS NULL', [principal.id]);
  await m.getRepository(SignInEvent).insert({ login: principal.login, principalId: principal.id, outcome, actorId });
}

/** Outcomes after which earlier failures no longer count toward a lock-out. */
export const LOCK_LIFTING = [SignInOutcome.SUCCESS, SignInOutcome.PASSWORD_SET, SignInOutcome.PASSWORD_CHANGED];

/**
 * Failed password checks of a login within the lock window since its last success or
 * new password: the lock-out, computed from the sign-in log itself. Callers hold the
 * login's advisory lock (lockLogin) so parallel guesses are counted one by one.
 */
export async function recentFailures(q: Pick<EntityManager, 'query'>, login: string, lockMinutes: number): Promise<number> {
  const [{ failures }] = await q.query(
    `SELECT count(*)::int AS failures FROM access.sign_in_event
      WHERE login = $1 AND outcome = 'FAILURE' AND at > now() - make_interval(mins => $2)
        AND at > coalesce((SELECT max(at) FROM access.sign_in_event WHERE login = $1 AND outcome = ANY($3)), '-infinity')`,
    [login, lockMinutes, LOCK_LIFTING],
  );
  return failures;
}

/** Serialises password checks of one login until the transaction ends. */
export const lockLogin = (q: Pick<EntityManager, 'query'>, login: string) => q.query(`SELECT pg_advisory_xact_lock(hashtextextended('sign-in:' || $1, 0))`, [login]);

type AccountChange = SignInOutcome.API_KEY_SET | SignInOutcome.ROLES_CHANGED | SignInOutcome.DEACTIVATED | SignInOutcome.ACTIVATED;

/** An admin's change to an account (an API key issued — never the key —, roles, (de)activation), in the same log as passwords. */
export async function logAccountChange(m: EntityManager, principal: { id: string; login: string }, outcome: AccountChange, actorId: string): Promise<void> {
  await m.getRepository(SignInEvent).insert({ login: principal.login, principalId: principal.id, outcome, actorId });
}
