import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDossierBench } from '../src/cli/bench-dossier';
import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { gql, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { freePort, startHiveGateway, type RunningRouter } from './support/hive';
import { spawnPostgres, type PgProcess } from './support/pg-process';

/**
 * Issue 11: `extensions.sqlStatements` counts every statement the request caused — the
 * caller lookup, the data, the audit transaction (begin, lock, last entry, insert,
 * commit) — in one process and across services. Checked against PostgreSQL's own
 * statement log: a cluster of its own logging every statement with the role that
 * ran it; what the application role ran between two markers is the request's.
 */
describe('extensions.sqlStatements equals the statements PostgreSQL logged for the request', () => {
  let server: PgProcess;
  let logFile: string;
  let hub: TestHub;
  let marker: pg.Client;
  let appRole: string;
  let distributed: Hub;
  let served: ServedSubgraph[] = [];
  let hive: RunningRouter;
  let dossier: { token: string; query: string; variables: Record<string, unknown> };
  const previousAdminUrl = process.env.HUB_TEST_ADMIN_URL;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(process.env.HUB_TEST_TMP ?? os.tmpdir(), 'sql-log-'));
    // The server runs as its own user when we are root.
    chmodSync(dir, 0o755);
    logFile = path.join(dir, 'server.log');
    server = await spawnPostgres(path.join(dir, 'pg'), await freePort(), {
      // Every statement, prefixed with its role; parameters left out (the audit insert's would be long).
      settings: { log_statement: 'all', log_line_prefix: '@@%u@@ ', log_parameter_max_length: '0', log_min_duration_statement: '-1' },
      logFile,
    });
    // This file's hub lives in that cluster.
    process.env.HUB_TEST_ADMIN_URL = server.url;
    hub = await startTestHub({ config: { maxPageSize: 2000 } });
    appRole = new URL(hub.db.url).username;
    marker = new pg.Client({ connectionString: server.url });
    await marker.connect();
    const prepared = await prepareDossierBench(hub);
    dossier = { token: prepared.token, query: prepared.query, variables: prepared.variables };
    served = await Promise.all([...hub.subgraphs.keys()].map((n) => serveSubgraph(hub.subgraphs.get(n)!, 0)));
    const names = [...hub.subgraphs.keys()];
    const urls = Object.fromEntries(names.map((n, i) => [n, served[i].url]));
    distributed = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false, remoteSubgraphs: urls, config: { ...hub.config, maxPageSize: 2000 } });
    hive = await startHiveGateway(urls);
  }, 300_000);
  afterAll(async () => {
    await hive?.stop();
    await distributed?.stop();
    for (const s of served) await s.close();
    await marker?.end();
    await hub?.stop();
    await server?.stop();
    process.env.HUB_TEST_ADMIN_URL = previousAdminUrl;
  });

  let n = 0;
  /** Runs the request between two markers and counts the application role's logged statements in between. */
  async function measured(run: () => Promise<GqlResult>): Promise<{ reported: number; logged: number; statements: string[]; res: GqlResult }> {
    const id = `${process.pid}-${++n}`;
    await marker.query(`SELECT 'sqlcount-begin-${id}'`);
    const res = await run();
    await marker.query(`SELECT 'sqlcount-end-${id}'`);
    const end = `sqlcount-end-${id}`;
    let logText = '';
    for (let i = 0; i < 200 && !logText.includes(end); i++) {
      await new Promise((r) => setTimeout(r, 25));
      logText = readFileSync(logFile, 'utf8');
    }
    const between = logText.slice(logText.indexOf(`sqlcount-begin-${id}`), logText.indexOf(end));
    const statements = [...between.matchAll(/@@([^@]*)@@ LOG:\s+(?:statement|execute [^:]*): ([^\n]*)/g)].filter((m) => m[1] === appRole).map((m) => m[2]);
    return { reported: res.extensions?.sqlStatements, logged: statements.length, statements, res };
  }

  const PETITIONS = `{ petitions(first: 2000) { nodes { id receivedDate category reporterName summary conclusion } } }`;
  const cases = () => [
    { name: 'one subgraph, nothing disclosed', token: hub.token('xcb-office'), query: '{ units(first: 5) { nodes { name creditCode } } }', variables: {} },
    { name: 'disclosing (masked summaries: audit written)', token: hub.token('xcb-office'), query: PETITIONS, variables: {} },
    { name: 'pre-inspection dossier', token: Promise.resolve(dossier.token), query: dossier.query, variables: dossier.variables },
  ];

  it.each(['in one process', 'subgraphs as their own services', 'behind Hive Gateway'])('%s', async (mode) => {
    const url = mode === 'in one process' ? hub.url : mode === 'behind Hive Gateway' ? hive.url : distributed.url;
    for (const c of cases()) {
      const token = await c.token;
      await gql(url, token, c.query, c.variables); // warm: plans and pools, so the measured request is a usual one
      const m = await measured(() => gql(url, token, c.query, c.variables));
      expect({ case: c.name, errors: (m.res.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN') }).toEqual({ case: c.name, errors: [] });
      expect({ case: c.name, reported: m.reported, statements: m.statements }).toEqual({ case: c.name, reported: m.logged, statements: m.statements });
      if (c.name.startsWith('disclosing') || c.name.includes('dossier')) {
        // The audit transaction is among them.
        expect({ case: c.name, insert: m.statements.some((s) => /INSERT INTO access\.disclosure_audit/.test(s)), commit: m.statements.includes('COMMIT') }).toEqual({ case: c.name, insert: true, commit: true });
      }
    }
  });
});
