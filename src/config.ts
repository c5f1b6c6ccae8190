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
  /** Role that owns the hub's tables and runs migrations (default: DATABASE_URL's); the hub serves as DATABASE_URL's role. */
  migrationDatabaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
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
  /** Benchmark-only: build subgraphs without field enforcement, to measure its cost. */
  benchWithoutEnforcement: boolean;
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
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    jwtSecret: secret('JWT_SECRET', dataDir, production),
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
  };
  return cached;
}

/** Tests start several hubs with different settings in one process. */
export function resetConfigForTests(): void {
  cached = undefined;
}
