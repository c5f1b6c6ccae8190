import './quiet';
import 'reflect-metadata';
import type { EntityManager } from 'typeorm';
import { AgencyKind, Role } from '../common/agency';
import { loadConfig } from '../config';
import { connectSubgraph } from '../db/database';
import { Agency } from '../subgraphs/access/agency.entity';
import { assertPasswordAcceptable, generatePassword, setPassword } from '../subgraphs/access/credentials';
import { Principal, PrincipalKind } from '../subgraphs/access/principal.entity';
import { subgraphByName } from '../subgraphs/registry';
import { fail, parseArgs } from './args';
import { withDatabase } from './connect';

const USAGE = `usage: npm run admin:create -- --login <login> [--name <姓名>] [--agency <code>] [--agency-name <名称>] [--region <行政区划代码>] [--reset-password]
  Creates a console admin and prints a one-time password (or takes HUB_ADMIN_PASSWORD).
  --agency       code of the admin's agency (default xcb); created as the inspection office when the database has none
  --reset-password  for an existing login: set a new password and make sure it is an active admin (locked-out recovery)`;

/**
 * The admin's agency: the one with that code, or — on an empty database (HUB_SEED=false)
 * — the inspection office, created here, since every principal belongs to an agency.
 */
async function agencyFor(m: EntityManager, code: string, name: string | undefined, region: string): Promise<Agency> {
  const repo = m.getRepository(Agency);
  const found = await repo.findOneBy({ code });
  if (found) return found;
  if (await repo.count()) fail(`No agency with code "${code}"; existing codes: ${(await repo.find({ order: { code: 'ASC' } })).map((a) => a.code).join(', ')}`);
  if (!/^\d{6}$/.test(region)) fail('--region must be a 6-digit 行政区划代码');
  return repo.save({ code, name: name ?? '巡察工作领导小组办公室', kind: AgencyKind.INSPECTION_OFFICE, regionCode: region });
}

/** `npm run admin:create`: the first admin of a database started with HUB_SEED=false (or a recovery). */
async function main() {
  const { flags } = parseArgs();
  const login = typeof flags.login === 'string' ? flags.login.trim().toLowerCase() : undefined;
  if (!login || !/^[a-z0-9][a-z0-9._-]{2,59}$/.test(login)) fail(USAGE);
  const password = process.env.HUB_ADMIN_PASSWORD || generatePassword();
  try {
    assertPasswordAcceptable(password, login);
  } catch (err) {
    fail(`HUB_ADMIN_PASSWORD: ${(err as Error).message}`);
  }
  const str = (f: string) => (typeof flags[f] === 'string' ? (flags[f] as string) : undefined);
  const config = loadConfig();
  const result = await withDatabase(config, async (db) => {
    const ds = await connectSubgraph(subgraphByName('access'), db);
    try {
      return await ds.transaction(async (m) => {
        const existing = await m.getRepository(Principal).findOneBy({ login });
        if (existing && !flags['reset-password']) fail(`Login "${login}" exists; add --reset-password to give it a new password`);
        if (existing && existing.kind !== PrincipalKind.USER) fail(`"${login}" is an agency system; systems use API keys`);
        let principal: Principal;
        if (existing) {
          const roles = existing.roles.includes(Role.ADMIN) ? existing.roles : [...existing.roles, Role.ADMIN];
          await m.getRepository(Principal).update({ id: existing.id }, { roles, active: true });
          principal = { ...existing, roles, active: true };
        } else {
          const agency = await agencyFor(m, str('agency') ?? 'xcb', str('agency-name'), str('region') ?? '000000');
          principal = await m.getRepository(Principal).save({ login, name: str('name') ?? '平台管理员', kind: PrincipalKind.USER, agencyId: agency.id, roles: [Role.ADMIN], active: true });
        }
        await setPassword(m, principal, password, null);
        return { principal, created: !existing };
      });
    } finally {
      await ds.destroy();
    }
  });
  const origin = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  process.stdout.write(
    `${result.created ? 'Created admin' : 'Reset the password of'} ${result.principal.login} (${result.principal.name}).\n` +
      (process.env.HUB_ADMIN_PASSWORD ? 'Password: as given in HUB_ADMIN_PASSWORD.\n' : `One-time password (shown only now): ${password}\n`) +
      `Sign in at ${origin}\n`,
  );
}

main().catch((err) => fail(String(err?.stack ?? err)));
