import './quiet';
import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { mintToken } from '../gateway/tokens';
import { startHub } from '../hub';
import { parseArgs } from './args';
import { prepareDossierBench } from './bench-dossier';

/**
 * `npm run bench [-- --scale 10 --requests 300 --concurrency 8]`: starts the hub on
 * a seeded dataset of the given scale (kept between runs in .data/bench-pg, or in
 * DATABASE_URL's server) and measures queries through the gateway over HTTP:
 * latency percentiles, throughput, and SQL statements per request.
 */
interface Case {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runCase(url: string, token: string, c: Case, requests: number, concurrency: number) {
  const call = async () => {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: c.query, variables: c.variables() }) });
    const body = (await res.json()) as { errors?: { message: string }[]; extensions?: { sqlStatements?: number } };
    if (body.errors?.some((e) => !/FORBIDDEN|not shared/.test(e.message))) throw new Error(`${c.name}: ${body.errors[0].message}`);
    return { ms: performance.now() - started, sql: body.extensions?.sqlStatements ?? NaN };
  };
  for (let i = 0; i < 10; i++) await call(); // warm-up: plans, pools, JIT
  const latencies: number[] = [];
  const statements: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const r = await call();
        latencies.push(r.ms);
        statements.push(r.sql);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: c.name,
    requests,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: requests / seconds,
    sql: Math.max(...statements),
  };
}

/**
 * Cost of field enforcement on a large list: 2,000 petitions x 10 fields read by
 * an agency whose grant allows everything, with enforcement on, and on a second
 * hub (same database) built with enforcement switched off — a benchmark-only setting.
 */
async function enforcementCost(hub: Awaited<ReturnType<typeof startHub>>, dbUrl: string, requests: number) {
  const access = hub.sources.get('access')!;
  const [{ id: jwAgency }] = await access.query(`SELECT id FROM access.agency WHERE code = 'jw'`);
  const [{ id: admin }] = await access.query(`SELECT id FROM access.principal WHERE login = 'admin'`);
  const [{ id: reader }] = await access.query(`SELECT id FROM access.principal WHERE login = 'jw-officer'`);
  await access.query(`DELETE FROM access.grant_change WHERE grant_id IN (SELECT id FROM access."grant" WHERE purpose = 'benchmark')`);
  await access.query(`DELETE FROM access."grant" WHERE purpose = 'benchmark'`);
  await access.query(
    `INSERT INTO access."grant" (subject_kind, subject_value, type_name, fields, effect, scope_kind, valid_from, purpose, created_by)
     VALUES ('AGENCY', $1, 'Petition', '{}', 'ALLOW', 'ALL_UNITS', now() - interval '1 day', 'benchmark', $2)`,
    [jwAgency, admin],
  );
  const settings = { maxPageSize: 2000 };
  const plain = await startHub({ port: 0, databaseUrl: dbUrl, seed: false, config: { ...settings, benchWithoutEnforcement: true } });
  const enforced = await startHub({ port: 0, databaseUrl: dbUrl, seed: false, config: settings });
  try {
    const token = `Bearer ${await mintToken(hub.config, reader)}`;
    const c: Case = {
      name: '2,000 petitions x 10 fields',
      query: `{ petitions(first: 2000) { nodes { id channel receivedDate anonymous category status concludedDate summary conclusion subjectCadre { id } } } }`,
      variables: () => ({}),
    };
    const probe = await fetch(enforced.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: c.query }) });
    const body = (await probe.json()) as { data?: { petitions: { nodes: unknown[] } }; errors?: unknown[] };
    if (body.errors || body.data!.petitions.nodes.length !== 2000) throw new Error(`enforcement case did not return 2,000 clear rows: ${JSON.stringify(body.errors ?? body.data!.petitions.nodes.length)}`);
    const off = await runCase(plain.url, token, { ...c, name: `${c.name}, enforcement off (bench only)` }, requests, 2);
    const on = await runCase(enforced.url, token, { ...c, name: `${c.name}, enforcement on` }, requests, 2);
    const pad = (v: string | number, n: number) => String(v).padStart(n);
    process.stdout.write('\n');
    for (const r of [off, on]) process.stdout.write(`${r.name.padEnd(64)}${pad(r.p50.toFixed(1), 9)}${pad(r.p95.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}${pad(r.rps.toFixed(1), 9)}${pad(r.sql, 9)}\n`);
    process.stdout.write(`\nenforcement cost (p50 on / off): ${(on.p50 / off.p50).toFixed(2)}x  (target: at most 1.25x)\n`);
  } finally {
    await plain.stop();
    await enforced.stop();
    await access.query(`DELETE FROM access."grant" WHERE purpose = 'benchmark'`);
  }
}

export async function main() {
  const { flags } = parseArgs();
  const scale = Number(flags.scale ?? 10);
  const requests = Number(flags.requests ?? 300);
  const concurrency = Number(flags.concurrency ?? 8);
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(path.join(config.dataDir, 'bench-pg'), config.embeddedPgPort + 10);
  const adminUrl = config.databaseUrl ?? embedded!.url;
  const dbUrl = await ensureDatabase(adminUrl, `hub_bench_scale_${scale}`);
  const seedStart = Date.now();
  const hub = await startHub({ port: 0, databaseUrl: dbUrl, seed: true, seedScale: scale });
  if (hub.seeded) process.stdout.write(`seeded scale ${scale} in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);
  try {
    const org = hub.sources.get('organization')!;
    const [{ units, cadres }] = await org.query('SELECT (SELECT count(*) FROM organization.inspected_unit)::int AS units, (SELECT count(*) FROM organization.cadre)::int AS cadres');
    const codes: string[] = (await org.query('SELECT credit_code FROM organization.inspected_unit ORDER BY credit_code')).map((r: { credit_code: string }) => r.credit_code);
    const [{ id: officeId }] = await hub.sources.get('access')!.query(`SELECT id FROM access.principal WHERE login = 'xcb-office'`);
    const token = `Bearer ${await mintToken(hub.config, officeId)}`;
    let i = 0;
    const anyCode = () => ({ code: codes[(i++ * 7919) % codes.length] });
    const cases: Case[] = [
      { name: 'unit by credit code', query: 'query($code: String!) { unitByCreditCode(creditCode: $code) { id name kind region { name } } }', variables: anyCode },
      {
        name: 'unit + petitions, clues, sanctions, audit findings, leadership',
        query: `query($code: String!) { unitByCreditCode(creditCode: $code) {
          name leadershipTeam { name post }
          petitions(first: 20) { totalCount nodes { id receivedDate category channel status } }
          clues(first: 20) { totalCount nodes { id receivedDate source disposalMethod status } }
          sanctions(first: 20) { totalCount nodes { id kind level decidedDate } }
          auditFindings(first: 20) { totalCount nodes { id category severity rectificationStatus } }
        } }`,
        variables: anyCode,
      },
      {
        name: 'inspection statistics, whole city (findings, rectification, clues)',
        query: `{ inspectionStatistics { clues transferred medianDaysToTransfer p90DaysToTransfer closed filed filingRate findings rectifiedFindings rectificationRate immediateRectifications rulesEstablished } }`,
        variables: () => ({}),
      },
      {
        name: 'inspection statistics, one district',
        query: `query($r: String) { inspectionStatistics(regionCode: $r) { findings rectificationRate rulesEstablished clues filingRate } }`,
        variables: () => ({ r: '990103' }),
      },
    ];
    process.stdout.write(`\ndataset: scale ${scale}, ${units} units, ${cadres} cadres; ${requests} requests per case, concurrency ${concurrency}\n\n`);
    const rows = [];
    for (const c of cases) rows.push(await runCase(hub.url, token, c, requests, concurrency));
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    process.stdout.write(`${'case'.padEnd(64)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('req/s', 9)}${pad('SQL/req', 9)}\n`);
    for (const r of rows) {
      process.stdout.write(`${r.name.padEnd(64)}${pad(r.p50.toFixed(1), 9)}${pad(r.p95.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}${pad(r.rps.toFixed(0), 9)}${pad(r.sql, 9)}\n`);
    }
    process.stdout.write(`\nratio p50 (unit with five record kinds / unit alone): ${(rows[1].p50 / rows[0].p50).toFixed(2)}x\n`);

    const dossier = await prepareDossierBench(hub);
    process.stdout.write(`\nround published → all ${dossier.requests} data requests answered (standing approvals): ${dossier.answeredMs.toFixed(0)} ms\n`);
    const d = await runCase(hub.url, dossier.token, { name: `pre-inspection dossier, unit with ${dossier.records} records`, query: dossier.query, variables: () => dossier.variables }, Math.max(50, Math.floor(requests / 3)), concurrency);
    process.stdout.write(`${d.name.padEnd(64)}${pad(d.p50.toFixed(1), 9)}${pad(d.p95.toFixed(1), 9)}${pad(d.p99.toFixed(1), 9)}${pad(d.rps.toFixed(0), 9)}${pad(d.sql, 9)}\n`);
    await enforcementCost(hub, dbUrl, Number(flags['list-requests'] ?? 40));
  } finally {
    await hub.stop();
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
