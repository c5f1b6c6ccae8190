import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { startEmbeddedPostgres } from '../../src/db/embedded';

/** Child process for tests: one embedded PostgreSQL, stopped on SIGTERM. Arguments: dir, port, [settings as JSON], [log file], [password]. */
async function main() {
  const [dir, port, settings, logFile, given] = process.argv.slice(2);
  // A password of its own, as the hub's embedded server has (never the well-known default); given when a test restarts its cluster.
  const pg = await startEmbeddedPostgres(dir, Number(port), {
    callerHandlesSignals: true,
    password: given || randomBytes(18).toString('base64url'),
    settings: settings ? JSON.parse(settings) : undefined,
    onLog: logFile ? (chunk) => appendFileSync(logFile, chunk) : undefined,
  });
  process.stdout.write(`READY ${pg.url}\n`);
  const stop = () => pg.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
