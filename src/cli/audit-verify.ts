import './quiet';
import 'reflect-metadata';
import { verifyAuditChain } from '../authz/audit-chain';
import { loadConfig } from '../config';
import { connectSubgraph } from '../db/database';
import { subgraphByName } from '../subgraphs/registry';
import { fail } from './args';
import { withDatabaseUrl } from './connect';

/**
 * `npm run audit:verify`: walks the disclosure audit trail in order, recomputing
 * every hash and link. Exit 0 when the chain is intact, 1 naming the first broken
 * entry, 2 when it could not be checked.
 */
async function main() {
  const report = await withDatabaseUrl(loadConfig(), async (url) => {
    // Read-only: no migrations from a verification tool.
    const ds = await connectSubgraph(subgraphByName('access'), url, false);
    try {
      return await verifyAuditChain(ds);
    } finally {
      await ds.destroy();
    }
  });
  if (report.ok) {
    process.stdout.write(`audit chain OK: ${report.checked} entries\n`);
    return 0;
  }
  process.stdout.write(`audit chain BROKEN at entry ${report.brokenAt.seq}: ${report.brokenAt.reason}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => fail(String(err?.stack ?? err)),
);
