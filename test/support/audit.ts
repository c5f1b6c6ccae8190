import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { FileCheckpointStore } from '../../src/authz/audit-checkpoints';
import { auditKeys } from '../../src/authz/audit-key';
import { verifyAuditTrail, type ChainReport } from '../../src/authz/audit-verification';
import { auditWriterFor, CHAIN_LOCK_NAMESPACE } from '../../src/authz/audit-writer';
import type { DisclosureEntry } from '../../src/authz/audit-chain';
import { auditCheckpointDir, type HubConfig } from '../../src/config';
import type { TestHub } from './hub';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A well-formed disclosure entry (ids random unless given). */
export const auditEntry = (principalId: string, agencyId: string, over: Partial<DisclosureEntry> = {}): DisclosureEntry => ({
  requestId: randomUUID(),
  principalId,
  agencyId,
  operationName: 'UnitPetitions',
  operationHash: sha256('query UnitPetitions { units { petitions { reporterName } } }'),
  typeName: 'Petition',
  recordIds: [randomUUID(), randomUUID()],
  fields: ['reporterName', 'content'],
  unitCreditCodes: ['91990102000000001A'],
  effect: 'ALLOW',
  grantId: randomUUID(),
  ...over,
});

/** What `npm run audit:verify` uses, from a hub's settings (or others: a different key, previous keys). */
export const verifySettings = (config: HubConfig) => ({ keys: auditKeys(config), checkpoints: new FileCheckpointStore(auditCheckpointDir(config)) });

/** verifyAuditTrail (the CLI's function) with the hub's key and checkpoints, after writing pending checkpoints. */
export async function verifyHub(hub: TestHub, config: Partial<HubConfig> = {}) {
  await auditWriterFor(hub.sources.get('access')!).flush();
  return verifyAuditTrail(hub.sources.get('access')!, verifySettings({ ...hub.config, ...config }));
}

export const chainReport = (report: { chains: ChainReport[] }, chain: string): ChainReport | undefined => report.chains.find((c) => c.chain === chain);

/**
 * `node dist/src/cli/audit-verify.js` (what `npm run audit:verify` runs after
 * building) against the test hub's database, as its application role, with the
 * hub's key and checkpoint directory unless `env` says otherwise.
 */
export async function auditVerifyCli(hub: TestHub, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  await auditWriterFor(hub.sources.get('access')!).flush();
  return new Promise((resolve) => {
    const cli = path.join(__dirname, '..', '..', 'src', 'cli', 'audit-verify.js');
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: hub.db.url,
      AUDIT_HMAC_KEY: hub.config.auditHmacKey,
      AUDIT_CHECKPOINT_DIR: auditCheckpointDir(hub.config),
      ...env,
    };
    delete childEnv.MIGRATION_DATABASE_URL;
    execFile(process.execPath, [cli], { env: childEnv }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as unknown as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

/** Holds a chain's append lock from another session (a slow database, another gateway process) until released. */
export async function holdChainLock(url: string, chain: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1::int, hashtext($2))', [CHAIN_LOCK_NAMESPACE, chain]);
  return { release: () => client.end() };
}

/**
 * Runs `fn` as the attacker of issue 9: the database superuser, with the triggers
 * that keep the table append-only switched off for one transaction.
 */
export async function asSuperuserWithoutTriggers(url: string, fn: (q: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await fn(async (sql, params) => (await client.query(sql, params)).rows);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
