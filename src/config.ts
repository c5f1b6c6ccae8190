import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every environment variable the hub reads is listed here (and in the README). */
export interface HubConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  internalSecret: string;
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
  /** Benchmark-only: build subgraphs without field enforcement, to measure its cost. */
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
function secret(name: string, dataDir: string, production: boolean): string {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
  const file = path.join(dataDir, 'dev-secrets.json');
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
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
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    jwtSecret: secret('JWT_SECRET', dataDir, production),
    jwtIssuer: process.env.JWT_ISSUER ?? 'xuncha-hub',
    jwtAudience: process.env.JWT_AUDIENCE ?? 'xuncha-hub',
    internalSecret: secret('HUB_INTERNAL_SECRET', dataDir, production),
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
