import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../../src/db/embedded';

/** Child process for the test run: one embedded PostgreSQL, stopped on SIGTERM. */
async function main() {
  const [dir, port, given] = process.argv.slice(2);
  // A password of its own, as the hub's embedded server has (never the well-known default); given when a test restarts its cluster.
  const pg = await startEmbeddedPostgres(dir, Number(port), { callerHandlesSignals: true, password: given ?? randomBytes(18).toString('base64url') });
  process.stdout.write(`READY ${pg.url}\n`);
  const stop = () => pg.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
