import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every environment variable the hub reads is listed here (and in the README). */
export interface HubConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  databaseUrl?: string;
  /** Role that owns the hub's tables and runs migrations (default: DATABASE_URL's); the hub serves as DATABASE_URL's role. */
  migrationDatabaseUrl?: string;
  /**
   * A subgraph running as its own service: the platform database holding `access`
   * (principals, grants) and the disclosure audit trail, when it is not DATABASE_URL.
   */
  accessDatabaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  /** PKCS#8 PEM of the ES256 key caller tokens are signed with (issuers only; dev: generated). */
  jwtSigningKey?: string;
  /** Public keys caller tokens are verified with, as a JSON Web Key Set (default: the signing key's). */
  jwks?: string;
  /** Where to fetch that key set instead (the issuer's /.well-known/jwks.json). */
  jwksUrl?: string;
  jwtIssuer: string;
  jwtAudience: string;
  internalSecret: string;
  /** Key of the disclosure audit chain's MACs and checkpoints; never stored in the database. */
  auditHmacKey: string;
  /** Earlier keys, still accepted when verifying entries and checkpoints written with them. */
  auditPreviousKeys: string[];
  /** MAC of new audit entries: HMAC-SHA256, or HMAC-SM3 for 国密 deployments. */
  auditHash: 'sha256' | 'sm3';
  /** Where audit checkpoints are appended (default: `<dataDir>/audit-checkpoints`, see auditCheckpointDir()). */
  auditCheckpointDir?: string;
  /** At most one checkpoint per chain per this many milliseconds (0: after every append). */
  auditCheckpointIntervalMs: number;
  logLevel: string;
  maxBodyBytes: string;
  maxPageSize: number;
  limits: { depth: number; cost: number; aliases: number; tokens: number };
  subgraphUrls: Record<string, string | undefined>;
  seedOnEmpty: boolean;
  /** Days after a round's end during which its data grants stay valid (整改期). */
  rectificationWindowDays: number;
  /** Days a provider has to answer a data request (capped at the round's start). */
  dataRequestDueDays: number;
  /** Benchmark-only: the field rules' allow/deny verdicts are not applied (masking and the disclosure audit stay), to measure their cost. */
  benchWithoutEnforcement: boolean;
  /** Web console: sign-in, sessions, PDF rendering (see consoleSettings). */
  console: ConsoleSettings;
}

export const SUBGRAPH_NAMES = ['organization', 'petition', 'discipline', 'audit', 'inspection', 'access'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * Development secrets are generated once and kept under the data directory so that
 * tokens minted by `npm run token` keep working across restarts. In production
 * they must come from the environment: a generated secret there would silently
 * differ between gateway and subgraph processes.
 */
function secret(name: string, dataDir: string, production: boolean, minLength = 0): string {
  const fromEnv = process.env[name];
  if (fromEnv && fromEnv.length < minLength) throw new Error(`${name} must be at least ${minLength} characters`);
  if (fromEnv) return fromEnv;
  if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
  return storedDevSecret(name, dataDir, () => randomBytes(32).toString('base64url'));
}

function storedDevSecret(name: string, dataDir: string, generate: () => string): string {
  const file = path.join(dataDir, 'dev-secrets.json');
  const read = (): Record<string, string> => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
  let stored = read();
  if (!stored[name]) {
    mkdirSync(dataDir, { recursive: true });
    // Create-exclusive lock file: processes starting together (test workers, a CLI beside the hub) must agree on one value.
    const lock = `${file}.lock`;
    for (let tries = 0; ; tries++) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx' });
        break;
      } catch {
        if (tries > 200) throw new Error(`${lock} is held by another process; remove it if none is running`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
    try {
      stored = read();
      if (!stored[name]) {
        stored[name] = generate();
        writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 2), { mode: 0o600 });
        renameSync(`${file}.tmp`, file);
      }
    } finally {
      rmSync(lock, { force: true });
    }
  }
  return stored[name];
}

/** A new ES256 (P-256) private key, PKCS#8 PEM, for caller tokens. */
const newSigningKeyPem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** A development secret needed only on some paths (the embedded database's passwords). */
export const devSecret = (name: string, config: Pick<HubConfig, 'dataDir' | 'production'>): string => secret(name, config.dataDir, config.production);


export const auditCheckpointDir = (config: Pick<HubConfig, 'auditCheckpointDir' | 'dataDir'>): string =>
  config.auditCheckpointDir ?? path.join(config.dataDir, 'audit-checkpoints');

function auditHash(): 'sha256' | 'sm3' {
  const raw = (process.env.AUDIT_HASH || 'sha256').toLowerCase();
  if (raw !== 'sha256' && raw !== 'sm3') throw new Error(`AUDIT_HASH must be sha256 or sm3, got "${raw}"`);
  return raw;
}

let cached: HubConfig | undefined;

export function loadConfig(): HubConfig {
  if (cached) return cached;
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(process.env.HUB_DATA_DIR ?? '.data');
  const subgraphUrls: Record<string, string | undefined> = {};
  for (const name of SUBGRAPH_NAMES) subgraphUrls[name] = process.env[`SUBGRAPH_${name.toUpperCase()}_URL`] || undefined;
  cached = {
    nodeEnv,
    production,
    port: int('PORT', 4000),
    host: process.env.HOST ?? '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || undefined,
    migrationDatabaseUrl: process.env.MIGRATION_DATABASE_URL || undefined,
    accessDatabaseUrl: process.env.ACCESS_DATABASE_URL || undefined,
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    // Outside production a key pair is generated once into the dev secrets; in production only token issuers set one.
    jwtSigningKey: process.env.JWT_SIGNING_KEY || (production ? undefined : storedDevSecret('JWT_SIGNING_KEY', dataDir, newSigningKeyPem)),
    jwks: process.env.HUB_JWKS || undefined,
    jwksUrl: process.env.HUB_JWKS_URL || undefined,
    jwtIssuer: process.env.JWT_ISSUER ?? 'xuncha-hub',
    jwtAudience: process.env.JWT_AUDIENCE ?? 'xuncha-hub',
    internalSecret: secret('HUB_INTERNAL_SECRET', dataDir, production),
    auditHmacKey: secret('AUDIT_HMAC_KEY', dataDir, production, 32),
    auditPreviousKeys: (process.env.AUDIT_HMAC_PREVIOUS_KEYS ?? '').split(',').filter(Boolean),
    auditHash: auditHash(),
    auditCheckpointDir: process.env.AUDIT_CHECKPOINT_DIR ? path.resolve(process.env.AUDIT_CHECKPOINT_DIR) : undefined,
    auditCheckpointIntervalMs: int('AUDIT_CHECKPOINT_INTERVAL_MS', 1000),
    logLevel: process.env.LOG_LEVEL ?? (process.env.CI || process.env.JEST_WORKER_ID ? 'warn' : 'info'),
    maxBodyBytes: process.env.MAX_BODY_SIZE ?? '1mb',
    maxPageSize: int('MAX_PAGE_SIZE', 100),
    limits: {
      depth: int('MAX_QUERY_DEPTH', 10),
      cost: int('MAX_QUERY_COST', 50000),
      aliases: int('MAX_ALIASES', 30),
      tokens: int('MAX_TOKENS', 5000),
    },
    subgraphUrls,
    seedOnEmpty: process.env.HUB_SEED !== 'false',
    rectificationWindowDays: int('RECTIFICATION_WINDOW_DAYS', 90),
    dataRequestDueDays: int('DATA_REQUEST_DUE_DAYS', 10),
    benchWithoutEnforcement: false,
    console: consoleSettings(production),
  };
  return cached;
}

// ---- Web console (issue 12) ----

export interface ConsoleSettings {
  /** A session ends after this many minutes without a request (空闲超时). */
  sessionIdleMinutes: number;
  /** ...and at the latest this many hours after sign-in. */
  sessionMaxHours: number;
  /** Failed sign-ins of one login within lockMinutes that lock it (连续失败锁定). */
  maxFailures: number;
  lockMinutes: number;
  /** Session cookie only over HTTPS (default: in production). */
  secureCookie: boolean;
  /** Chromium used to render briefings as PDF; none: the console offers the browser's print instead. */
  chromiumPath: string | null;
}

function consoleSettings(production: boolean): ConsoleSettings {
  const chromium = process.env.HUB_CHROMIUM_PATH ?? '/usr/bin/chromium';
  return {
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30) || 30,
    sessionMaxHours: int('SESSION_MAX_HOURS', 10) || 10,
    maxFailures: int('LOGIN_MAX_FAILURES', 5) || 5,
    lockMinutes: int('LOGIN_LOCK_MINUTES', 15) || 15,
    secureCookie: process.env.SESSION_COOKIE_SECURE ? process.env.SESSION_COOKIE_SECURE === 'true' : production,
    chromiumPath: chromium && existsSync(chromium) ? chromium : null,
  };
}

/** Tests start several hubs with different settings in one process. */
export function resetConfigForTests(): void {
  cached = undefined;
}
