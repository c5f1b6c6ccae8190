import { log } from '../log';

/**
 * SIGINT (Ctrl-C) or SIGTERM stops gracefully — requests in flight finish, then
 * the database stops — and exits 0 (1 if stopping failed). A second signal ends
 * the grace period at once but still stops the database, so nothing is orphaned.
 */
export function stopOnSignals(stop: () => Promise<void>, hurry: () => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: closing open connections now');
      hurry();
      return;
    }
    stopping = true;
    log.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
