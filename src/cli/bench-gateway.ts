import './quiet';
import 'reflect-metadata';
import { startHub, type Hub } from '../hub';

/**
 * The hub's gateway alone, for the bench's comparison with Hive Gateway: forked by
 * bench-services.ts, it starts a hub whose six subgraphs are all remote (the same
 * services Hive Gateway is given) and reports its URL.
 */
let hub: Hub | undefined;
process.once('message', ({ databaseUrl, subgraphUrls }: { databaseUrl: string; subgraphUrls: Record<string, string> }) => {
  startHub({ port: 0, databaseUrl, seed: false, remoteSubgraphs: subgraphUrls, callerHandlesSignals: true }).then(
    (h) => {
      hub = h;
      process.send!({ url: h.url });
    },
    (err) => process.send!({ error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
const stop = () => void (hub?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
