import 'reflect-metadata';
import { loadConfig } from '../config';
import { connectSubgraph, openDatabase } from '../db/database';
import { defaultSubgraphPort } from '../gateway/compose';
import { log } from '../log';
import { subgraphByName } from '../subgraphs/registry';
import { serveSubgraph } from '../subgraphs/http';
import { createSubgraph } from '../subgraphs/server';
import { attachAuditWriter, auditWriterFor } from '../authz/audit-writer';
import { fail, parseArgs } from './args';
import { stopOnSignals } from './signals';

/**
 * `npm run start:subgraph -- <name> [--port N]`: one subgraph as its own HTTP
 * service (DATABASE_URL may point at the agency's own database; ACCESS_DATABASE_URL at
 * the platform database with principals, grants and the audit trail). Any Federation
 * router may front it: it authenticates every caller from the forwarded Authorization
 * header, enforces the field rules and writes its own disclosure audit chain.
 */
async function main() {
  const { positional, flags } = parseArgs();
  if (!positional[0]) fail('usage: npm run start:subgraph -- <organization|petition|discipline|audit|inspection|access> [--port N]');
  const mod = subgraphByName(positional[0]);
  const config = loadConfig();
  const port = typeof flags.port === 'string' ? Number(flags.port) : defaultSubgraphPort(mod.name);
  const db = await openDatabase(config, undefined, true);
  const ds = await connectSubgraph(mod, db, { production: config.production });
  const platform = config.accessDatabaseUrl ? await openDatabase(config, { url: config.accessDatabaseUrl }) : db;
  // Principals, grants and the audit trail live in access's schema: read and appended, never migrated from here.
  const accessDs = mod.name === 'access' ? ds : await connectSubgraph(subgraphByName('access'), platform, { migrate: false });
  attachAuditWriter(accessDs, config);
  const sub = await createSubgraph(mod, ds, accessDs, config);
  const served = await serveSubgraph(sub, port);
  process.stdout.write(`subgraph ${mod.name} listening on ${served.url}\n`);
  log.info({ subgraph: mod.name, port }, 'subgraph started');
  stopOnSignals(
    async () => {
      await served.close();
      await sub.server.stop();
      await auditWriterFor(accessDs).flush();
      if (accessDs !== ds) await accessDs.destroy();
      await ds.destroy();
      await db.embedded?.stop();
    },
    () => served.http.hurry(),
  );
}

main().catch((err) => fail(String(err?.stack ?? err)));
