import 'reflect-metadata';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_QUERY } from '../gateway/example';
import { mintToken } from '../gateway/tokens';
import { startHub } from '../hub';
import { demoPassword } from '../subgraphs/access/credentials';
import { log } from '../log';
import { stopOnSignals } from './signals';

/** Demo logins the banner lists, one per kind of console user (a database seeded in production has no passwords). */
const DEMO_LOGINS = ['admin', 'xcb-office', 'xcb-leader', 'xcb-member', 'xcb-member-recused', 'xfj-officer', 'jw-officer', 'jw-case'];

/** `npm start`: the whole hub in one process, with demo data on first start. */
async function main() {
  // A signal during start-up (migrations, seeding) waits for the hub to be up, then stops it and the database.
  const starting = startHub({ callerHandlesSignals: true });
  stopOnSignals(
    async () => (await starting).stop(),
    () => void starting.then((hub) => hub.http.hurry(), () => undefined),
  );
  const hub = await starting;
  const [office] = await hub.sources.get('access')!.query(`SELECT id FROM access.principal WHERE login = 'xcb-office'`);
  // A ready-made token is a demo convenience: never printed (or minted) in production.
  const token = office && !hub.config.production ? await mintToken(hub.config, office.id) : '(mint one with npm run token -- --principal <login>)';
  const keysFile = path.join(hub.config.dataDir, 'demo-api-keys.json');
  const inspection = hub.sources.get('inspection');
  const [upcoming] = inspection
    ? await inspection.query(
        `SELECT r.id, r.name, a.unit_credit_code AS unit FROM inspection.inspection_round r JOIN inspection.team_assignment a ON a.round_id = r.id
          WHERE r.status = 'PLANNED' ORDER BY r.start_date, a.position LIMIT 1`,
      )
    : [];
  const keys = existsSync(keysFile) ? Object.keys(JSON.parse(readFileSync(keysFile, 'utf8'))).length : 0;
  const origin = hub.url.replace(/\/graphql$/, '');
  const demoLogins: { login: string; name: string }[] = hub.config.production
    ? []
    : await hub.sources.get('access')!.query(
        `SELECT p.login, p.name FROM access.principal p JOIN access.principal_credential c ON c.principal_id = p.id
          WHERE p.login = ANY($1) ORDER BY array_position($1, p.login::text)`,
        [DEMO_LOGINS],
      );
  const banner = [
    '',
    '  巡察数据共享平台 · inspection data-sharing hub is running',
    '',
    `  Web console 控制台 (open in a browser):  ${origin}/`,
    ...(demoLogins.length
      ? [
          `  Demo logins 演示账号, password 密码 for all of them: ${demoPassword(hub.config.internalSecret)}`,
          ...demoLogins.map((p) => `    ${p.login.padEnd(20)} ${p.name}`),
          '    (and <agency>-officer for every agency: zzb-officer, sj-officer, fy-officer, ...)',
        ]
      : ['  No demo passwords (production or no demo data): create an admin with npm run admin:create -- --login <name>']),
    '',
    `  GraphQL endpoint (open it in a browser to try queries):  ${hub.url}`,
    `  Health: ${hub.url.replace('/graphql', '/healthz')}   Ready: ${hub.url.replace('/graphql', '/readyz')}`,
    `  Database: ${hub.db.embedded ? `embedded PostgreSQL, data in ${path.join(hub.config.dataDir, 'pg')}` : 'DATABASE_URL'}${hub.seeded ? ' (demo data seeded now)' : ''}`,
    '',
    '  Token for 林晓岚 of the inspection office (巡察办), valid 12 hours:',
    `  Authorization: Bearer ${token}`,
    keys ? `  API keys of the ${keys} demo agency systems: ${keysFile}` : '',
    '  Other principals: npm run token -- --principal <login>   (admin, xcb-leader, xfj-officer, jw-system, ...)',
    '',
    '  Example: the units of the latest inspection round and what five agencies know of each:',
    '',
    EXAMPLE_QUERY.split('\n').map((l) => `    ${l}`).join('\n'),
    '',
    `  curl -s ${hub.url} -H 'content-type: application/json' -H "Authorization: Bearer ${token.slice(0, 12)}…" -d '{"query":"{ units(first: 3) { nodes { name } } }"}'`,
    '',
    ...(upcoming
      ? [
          `  Pre-inspection dossier (巡前材料) of a unit of ${upcoming.name}, each section with its state:`,
          `    { preInspectionDossier(unitCreditCode: "${upcoming.unit.trim()}", roundId: "${upcoming.id}") { unit { name } petitions { availability } clues { availability requests { status declineReason } } audit { availability } } }`,
          `  Printable: curl -s -H "Authorization: Bearer <token>" '${hub.url.replace('/graphql', '/dossier.html')}?unit=${upcoming.unit.trim()}&round=${upcoming.id}' > 巡前材料.html`,
          `  Data requests: { dataRequests(roundId: "${upcoming.id}", first: 20) { totalCount nodes { providerAgencyName unitCreditCode status declineReason } } }`,
          '',
        ]
      : []),
  ].join('\n');
  process.stdout.write(`${banner}\n`);
}

main().catch((err) => {
  log.error({ err }, 'start failed');
  process.exit(1);
});
