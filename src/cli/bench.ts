import './quiet';
import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { auditWriterFor } from '../authz/audit-writer';
import { loadConfig, SUBGRAPH_NAMES } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { mintToken } from '../gateway/tokens';
import { startHub, type Hub } from '../hub';
import { serveSubgraph, type ServedSubgraph } from '../subgraphs/http';
import { parseArgs } from './args';
import { prepareDossierBench } from './bench-dossier';
import { body, compare, header, line, LoadClient, median, report, type Target } from './bench-load';
import { startBareApollo, startHiveGateway, startHubGateway, type Service } from './bench-services';

/**
 * `npm run bench [-- --scale 10 --rounds 30 --seconds 0.5 --repeats 10]`: starts the hub on a
 * seeded dataset of the given scale (kept between runs in .data/bench-pg, or in
 * DATABASE_URL's server) and measures it over HTTP with a load client in a process of its
 * own. Every comparison runs its two sides in alternating rounds and prints the median of
 * the per-round ratios; single-shot cases run `repeats` times and print the median.
 * `--rounds 4 --seconds 0.3 --repeats 3` is a quick smoke run.
 */

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

const out = (s: string) => process.stdout.write(s);

/**
 * One request of a target, checked before it is timed: it must answer, with no errors
 * but the expected denials. Returns the SQL statements it reported.
 */
async function probe(t: Target, allowDenials = false): Promise<number | undefined> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(t.token ? { authorization: t.token } : {}) }, body: t.bodies[0] }).catch((err) => {
    throw new Error(`${t.name}: ${err.cause ?? err}`);
  });
  const answer = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; extensions?: { sqlStatements?: number } };
  const unexpected = answer.errors?.filter((e) => !(allowDenials && e.extensions?.code === 'FORBIDDEN'));
  if (!res.ok || !answer.data || unexpected?.length) throw new Error(`${t.name}: HTTP ${res.status} ${JSON.stringify(unexpected ?? answer).slice(0, 400)}`);
  return answer.extensions?.sqlStatements;
}

const LIST = 2000;
const LIST_QUERY = `{ petitions(first: ${LIST}) { nodes { id channel receivedDate anonymous category status concludedDate summary conclusion subjectCadre { id } } } }`;

/** At least 2,000 petitions, whatever the scale: small datasets are topped up through the API (idempotently). */
async function ensurePetitions(hub: Hub, token: string, codes: string[]): Promise<void> {
  const [{ n }] = await hub.sources.get('petition')!.query('SELECT count(*)::int AS n FROM petition.petition');
  const missing = LIST - n;
  for (let i = 0; i < missing; i += 500) {
    const records = Array.from({ length: Math.min(500, missing - i) }, (_, j) => ({
      externalId: `BENCH-L-${n}-${i + j}`, channel: 'LETTER', receivedDate: '2025-06-01', anonymous: true, unitCreditCode: codes[(i + j) % codes.length], category: 'OTHER',
      summary: `基准测试列表信访${i + j}`, content: `基准测试列表信访内容${i + j}`, status: 'CONCLUDED', conclusion: '基准测试办结', concludedDate: '2025-07-01',
    }));
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: body('mutation($r: [PetitionInput!]!) { publishPetitions(records: $r) { received } }', { r: records }) });
    const answer = (await res.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(`topping up petitions: ${JSON.stringify(answer.errors).slice(0, 400)}`);
  }
}

export async function main() {
  const { flags } = parseArgs();
  const scale = Number(flags.scale ?? 10);
  const rounds = Number(flags.rounds ?? 30);
  const seconds = Number(flags.seconds ?? 0.5);
  const repeats = Number(flags.repeats ?? 10);
  const connections = Number(flags.concurrency ?? 8);
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(path.join(config.dataDir, 'bench-pg'), config.embeddedPgPort + 10);
  const adminUrl = config.databaseUrl ?? embedded!.url;
  const dbUrl = await ensureDatabase(adminUrl, `hub_bench_scale_${scale}`);
  const seedStart = Date.now();
  const hub = await startHub({ port: 0, databaseUrl: dbUrl, seed: true, seedScale: scale, config: { maxPageSize: LIST } });
  if (hub.seeded) out(`seeded scale ${scale} in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);
  const client = new LoadClient(seconds);
  const others: (Service | Hub)[] = [];
  const served: ServedSubgraph[] = [];
  const access = hub.sources.get('access')!;
  try {
    const org = hub.sources.get('organization')!;
    const [{ units, cadres }] = await org.query('SELECT (SELECT count(*) FROM organization.inspected_unit)::int AS units, (SELECT count(*) FROM organization.cadre)::int AS cadres');
    const codes: string[] = (await org.query('SELECT credit_code FROM organization.inspected_unit ORDER BY credit_code')).map((r: { credit_code: string }) => r.credit_code);
    const tokenOf = async (login: string) => `Bearer ${await mintToken(hub.config, (await access.query('SELECT id FROM access.principal WHERE login = $1', [login]))[0].id)}`;
    const office = await tokenOf('xcb-office');
    const jwOfficer = await tokenOf('jw-officer');
    // Different units in turn, so no answer is served from a warm row cache alone.
    const unitBodies = (query: string) => Array.from({ length: Math.min(200, codes.length) }, (_, i) => body(query, { code: codes[(i * 7919) % codes.length] }));
    const ONE = 'query($code: String!) { unitByCreditCode(creditCode: $code) { id name kind region { name } } }';
    const FIVE = `query($code: String!) { unitByCreditCode(creditCode: $code) {
      name leadershipTeam { name post }
      petitions(first: 20) { totalCount nodes { id receivedDate category channel status } }
      clues(first: 20) { totalCount nodes { id receivedDate source disposalMethod status } }
      sanctions(first: 20) { totalCount nodes { id kind level decidedDate } }
      auditFindings(first: 20) { totalCount nodes { id category severity rectificationStatus } }
      inspections { round { name } rectificationRate }
    } }`;
    const at = (url: string, name: string, token: string | undefined, bodies: string[], conn = connections, amount?: number): Target => ({ name, url, token, bodies, connections: conn, amount });

    out(`\ndataset: scale ${scale}, ${units} units, ${cadres} cadres; ${rounds} rounds of ${seconds} s per side; load client in its own process (autocannon)\n\n`);
    out(header());

    // 1. Reads through the hub (gateway and subgraphs in one process).
    const one = at(hub.url, 'unit by credit code (1 subgraph)', office, unitBodies(ONE));
    const five = at(hub.url, 'unit + petitions, clues, sanctions, findings, inspections (5 subgraphs)', office, unitBodies(FIVE));
    const sql = new Map<string, number | undefined>();
    for (const t of [one, five]) sql.set(t.name, await probe(t, true));
    out(report(await compare(client, one, five, rounds), 'five subgraphs / one'));
    const city = at(hub.url, 'inspection statistics, whole city', office, [body('{ inspectionStatistics { clues transferred medianDaysToTransfer p90DaysToTransfer closed filed filingRate findings rectifiedFindings rectificationRate immediateRectifications rulesEstablished } }')]);
    const district = at(hub.url, 'inspection statistics, one district', office, [body('query($r: String) { inspectionStatistics(regionCode: $r) { findings rectificationRate rulesEstablished clues filingRate } }', { r: '990103' })]);
    for (const t of [city, district]) sql.set(t.name, await probe(t));
    out(report(await compare(client, district, city, rounds), 'whole city / one district'));

    // 2. Fixed cost per request: the hub, authenticated, against a bare @apollo/server.
    const bare = await startBareApollo();
    others.push(bare);
    const bareT = at(bare.url, 'bare @apollo/server, { __typename }', undefined, [body('{ __typename }')]);
    const hubT = at(hub.url, 'hub gateway, { __typename }, authenticated', office, [body('{ __typename }')]);
    for (const t of [bareT, hubT]) await probe(t);
    out(report(await compare(client, bareT, hubT, rounds), 'hub / bare (fixed cost per request)', '≤ 2x (p50)'));

    // 3. 2,000 petitions x 10 fields: the field rules' cost, and the denial path's.
    await ensurePetitions(hub, await tokenOf('xfj-system'), codes);
    const [{ id: jwAgency }] = await access.query(`SELECT id FROM access.agency WHERE code = 'jw'`);
    const [{ id: admin }] = await access.query(`SELECT id FROM access.principal WHERE login = 'admin'`);
    await access.query(`DELETE FROM access.grant_change WHERE grant_id IN (SELECT id FROM access."grant" WHERE purpose = 'benchmark')`);
    await access.query(`DELETE FROM access."grant" WHERE purpose = 'benchmark'`);
    await access.query(
      `INSERT INTO access."grant" (subject_kind, subject_value, type_name, fields, effect, scope_kind, valid_from, purpose, created_by)
       VALUES ('AGENCY', $1, 'Petition', '{}', 'ALLOW', 'ALL_UNITS', now() - interval '1 day', 'benchmark', $2)`,
      [jwAgency, admin],
    );
    const rulesOff = await startHub({ port: 0, databaseUrl: dbUrl, seed: false, config: { maxPageSize: LIST, benchWithoutEnforcement: true } });
    others.push(rulesOff);
    const listBodies = [body(LIST_QUERY)];
    const allowed = at(hub.url, '2,000 petitions x 10 fields, all allowed (field rules on)', jwOfficer, listBodies, 2, 2);
    const off = at(rulesOff.url, '2,000 petitions x 10 fields, all allowed, field rules off (bench only)', jwOfficer, listBodies, 2, 2);
    const denied = at(hub.url, '2,000 petitions, 2 fields denied + 1 masked (the office’s grants)', office, listBodies, 2, 2);
    for (const t of [allowed, off]) {
      sql.set(t.name, await probe(t));
      const rows = ((await (await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: t.token! }, body: listBodies[0] })).json()) as { data: { petitions: { nodes: unknown[] } } }).data.petitions.nodes.length;
      if (rows !== LIST) throw new Error(`${t.name}: ${rows} rows, not ${LIST}`);
    }
    sql.set(denied.name, await probe(denied, true));
    out(report(await compare(client, off, allowed, rounds), 'field rules on / off'));
    out(report(await compare(client, allowed, denied, rounds), 'denials / all allowed', '≤ 1.3x (p50)'));

    // 4. Disclosing readers (every answer appends to the audit trail): 50 at once against one.
    const withPetitions: string[] = (await hub.sources.get('petition')!.query('SELECT unit_credit_code AS code FROM petition.petition GROUP BY 1 ORDER BY count(*) DESC LIMIT 200')).map((r: { code: string }) => r.code.trim());
    const reader = withPetitions.map((code) => body('query($code: String!) { unitByCreditCode(creditCode: $code) { petitions(first: 20) { nodes { id category summary } } } }', { code }));
    const single = at(hub.url, 'disclosing reads (a unit’s petitions, masked summaries), 1 conn.', office, reader, 1);
    const fifty = at(hub.url, 'disclosing reads (a unit’s petitions, masked summaries), 50 conn.', office, reader, 50);
    await probe(single);
    const audit = auditWriterFor(access).stats;
    const before = { requests: audit.requests, transactions: audit.transactions };
    out(`${report(await compare(client, single, fifty, rounds), '50 readers / 1', 'throughput scales').trimEnd()}\n`);
    // Group commit per chain: under concurrency, appends share transactions rather than queue for a lock each.
    out(`  audit appends meanwhile: ${audit.requests - before.requests} responses in ${audit.transactions - before.transactions} transactions\n\n`);

    // 5. Hive Gateway against the hub's own gateway: same subgraphs, served over HTTP (from this process).
    const urls: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const s = await serveSubgraph(hub.subgraphs.get(name)!, 0, '127.0.0.1');
      served.push(s);
      urls[name] = s.url;
    }
    const hive = await startHiveGateway(urls);
    others.push(hive);
    const hubGateway = await startHubGateway(dbUrl, urls);
    others.push(hubGateway);
    for (const [label, query] of [['1 subgraph', ONE], ['5 subgraphs', FIVE]]) {
      const viaHive = at(hive.url, `Hive Gateway, ${label}`, office, unitBodies(query));
      const viaHub = at(hubGateway.url, `hub gateway (own process), ${label}`, office, unitBodies(query));
      for (const t of [viaHive, viaHub]) await probe(t, true);
      out(report(await compare(client, viaHive, viaHub, rounds), `hub gateway / Hive Gateway, ${label}`));
    }

    // 6. Single shots, repeated.
    const dossier = await prepareDossierBench(hub, repeats);
    out(`round published → all ${dossier.requests} data requests answered (standing approvals): median ${median(dossier.answeredMs).toFixed(0)} ms of ${repeats}\n`);
    const d = at(hub.url, `pre-inspection dossier, unit with ${dossier.records} records`, dossier.token, [body(dossier.query, dossier.variables)], connections, 2 * connections);
    sql.set(d.name, await probe(d));
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await client.run(d));
    out(line(`${d.name} (median of ${repeats} runs)`, d.connections, median(runs.map((r) => r.p50)), median(runs.map((r) => r.rps))));

    out(`\nSQL statements per request (extensions.sqlStatements):\n`);
    for (const [name, n] of sql) out(`  ${name.padEnd(72)}${n ?? '—'}\n`);
  } finally {
    client.close();
    for (const s of others.reverse()) await s.stop().catch(() => undefined);
    for (const s of served) await s.close(0).catch(() => undefined);
    await access.query(`DELETE FROM access.grant_change WHERE grant_id IN (SELECT id FROM access."grant" WHERE purpose = 'benchmark')`).catch(() => undefined);
    await access.query(`DELETE FROM access."grant" WHERE purpose = 'benchmark'`).catch(() => undefined);
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
