import { startEmbeddedPostgres } from '../../src/db/embedded';

/** Child process for the test run: one embedded PostgreSQL, stopped on SIGTERM. */
async function main() {
  const [dir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres(dir, Number(port), { callerHandlesSignals: true });
  process.stdout.write(`READY ${pg.url}\n`);
  const stop = () => pg.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
