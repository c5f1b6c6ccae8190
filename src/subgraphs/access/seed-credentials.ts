import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config';
import { demoPassword, hashPassword } from './credentials';

/**
 * Demo sign-in: every demo person (not the agency systems, which use API keys) gets
 * the demo password, printed in the start-up banner. Hashed once (the password is
 * the same for all), so seeding stays fast. In production nobody gets one: the
 * first admin is made with `npm run admin:create`.
 */
export async function seedDemoCredentials(ds: DataSource): Promise<void> {
  const config = loadConfig();
  if (config.production) return;
  const hash = await hashPassword(demoPassword(config.internalSecret));
  await ds.query(
    `WITH people AS (SELECT id, login FROM access.principal WHERE kind = 'USER'),
     creds AS (INSERT INTO access.principal_credential (principal_id, password_hash) SELECT id, $1 FROM people)
     INSERT INTO access.sign_in_event (login, principal_id, outcome) SELECT login, id, 'PASSWORD_SET' FROM people`,
    [hash],
  );
}
