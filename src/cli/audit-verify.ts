import './quiet';
import 'reflect-metadata';
import { FileCheckpointStore } from '../authz/audit-checkpoints';
import { auditKeys } from '../authz/audit-key';
import { verifyAuditTrail, type AuditTrailReport, type ChainReport } from '../authz/audit-verification';
import { auditCheckpointDir, loadConfig } from '../config';
import { connectSubgraph } from '../db/database';
import { subgraphByName } from '../subgraphs/registry';
import { fail } from './args';
import { withDatabase } from './connect';

const EXIT = { INTACT: 0, BROKEN: 1, UNVERIFIABLE: 2 } as const;

function line(c: ChainReport): string {
  const anchor = c.checkpoint ? `, checkpoint at ${c.checkpoint.position} (${c.checkpoint.at}), ${c.afterCheckpoint} after it` : ', no checkpoint';
  const legacy = c.legacyEntries ? ` (${c.legacyEntries} unkeyed legacy)` : '';
  const what = `${c.entries} entries${legacy}${c.alg ? `, ${c.alg}${c.keyId ? ` key ${c.keyId}` : ''}` : ''}${anchor}`;
  if (!c.problem) return `audit chain ${c.chain}: OK, ${what}\n`;
  const where = c.problem.position ? ` at entry ${c.problem.position}${c.problem.seq ? ` (seq ${c.problem.seq})` : ''}` : '';
  return `audit chain ${c.chain}: ${c.status}${where}: ${c.problem.kind}: ${c.problem.message}\n`;
}

function printReport(report: AuditTrailReport): string {
  const total = report.chains.reduce((n, c) => n + c.entries, 0);
  const summary = report.status === 'INTACT' ? `audit trail OK: ${report.chains.length} chain(s), ${total} entries\n` : `audit trail ${report.status}\n`;
  return report.chains.map(line).join('') + summary;
}

/**
 * `npm run audit:verify`: walks every chain of the disclosure audit trail in
 * order, recomputing every MAC and link with AUDIT_HMAC_KEY (and
 * AUDIT_HMAC_PREVIOUS_KEYS), and checks each chain against its latest checkpoint
 * in AUDIT_CHECKPOINT_DIR. Exit 0 when every chain is intact, 1 naming the first
 * problem of each broken chain, 2 when it could not be checked.
 */
async function main() {
  const config = loadConfig();
  const report = await withDatabase(config, async (db) => {
    // Read-only: no migrations from a verification tool.
    const ds = await connectSubgraph(subgraphByName('access'), db, { migrate: false });
    try {
      return await verifyAuditTrail(ds, { keys: auditKeys(config), checkpoints: new FileCheckpointStore(auditCheckpointDir(config)) });
    } finally {
      await ds.destroy();
    }
  });
  process.stdout.write(printReport(report));
  return EXIT[report.status];
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => fail(String(err?.stack ?? err)),
);
