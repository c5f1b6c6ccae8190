import './quiet';
import 'reflect-metadata';
import pg from 'pg';
import { loadConfig } from '../config';
import { isUuid } from '../common/loaders';
import { mintToken } from '../gateway/tokens';
import { fail, parseArgs } from './args';
import { withDatabase } from './connect';

/** `npm run token -- --principal <login|id> [--ttl 12h]`: prints a Bearer token for development. */
async function main() {
  const { flags } = parseArgs();
  const who = flags.principal;
  if (typeof who !== 'string') fail('usage: npm run token -- --principal <login or id> [--ttl 12h]\n  demo logins: admin, xcb-office, xcb-leader, xcb-member, <agency>-officer, <agency>-system (agencies: xcb jw sj zzb xfj gaj jcy fy sfj rsj bb czj scjg)');
  const config = loadConfig();
  const id = await withDatabase(config, async (db) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT id FROM access.principal WHERE ${isUuid(who) ? 'id = $1' : 'login = $1'} AND active`, [who]);
      return rows[0]?.id as string | undefined;
    } finally {
      await client.end();
    }
  });
  if (!id) fail(`No active principal "${who}" (has the hub been started once, so the demo data exists?)`);
  process.stdout.write(`${await mintToken(config, id, typeof flags.ttl === 'string' ? flags.ttl : '12h')}\n`);
}

main().catch((err) => fail(String(err?.stack ?? err)));
