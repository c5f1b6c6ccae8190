import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { attachAuditWriter, auditWriterFor } from './authz/audit-writer';
import { buildFederatedSchema } from './common/federation';
import { GracefulServer, shutdownGraceMs } from './common/graceful-server';
import { loadConfig, type HubConfig } from './config';
import { connectSubgraph, openDatabase, type Database } from './db/database';
import { dropHubSchemas, seedAll, seedStatus } from './db/seed/run';
import { composeSupergraph } from './gateway/compose';
import { createGateway, type GatewayParts } from './gateway/server';
import { log } from './log';
import { SUBGRAPHS } from './subgraphs/registry';
import { createSubgraph, type RunningSubgraph } from './subgraphs/server';
import { Peers } from './subgraphs/peers';
import type { SubgraphModule } from './subgraphs/types';

export interface Hub {
  url: string;
  port: number;
  config: HubConfig;
  db: Database;
  sources: Map<string, DataSource>;
  subgraphs: Map<string, RunningSubgraph>;
  gateway: GatewayParts;
  /** The gateway's HTTP server (requests in flight, graceful stop). */
  http: GracefulServer;
  seeded: boolean;
  /** Stops taking requests, lets those in flight finish (within the grace period), then stops the subgraphs and the database. */
  stop(): Promise<void>;
}

export interface HubOptions {
  port?: number;
  /** The application role's database (as DATABASE_URL); with it, the owner's is migrationDatabaseUrl or this one. */
  databaseUrl?: string;
  migrationDatabaseUrl?: string;
  /** Seed demo data when the database is empty (default: config, i.e. yes). */
  seed?: boolean;
  seedScale?: number;
  /** Subgraphs to reach over HTTP instead of in-process (as SUBGRAPH_<NAME>_URL does). */
  remoteSubgraphs?: Record<string, string>;
  /** Settings to override for this hub only (tests: production mode, limits). */
  config?: Partial<HubConfig>;
  /** The caller stops the hub on SIGINT/SIGTERM (npm start), so the embedded server is stopped last. */
  callerHandlesSignals?: boolean;
  /** How long stop() waits for requests in flight (default SHUTDOWN_GRACE_MS, else 10 s). */
  shutdownGraceMs?: number;
}

/**
 * Starts the whole hub in one process: database (embedded unless DATABASE_URL),
 * migrations, demo data on an empty database, every subgraph not configured as
 * remote, and the gateway in front.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const base = loadConfig();
  const config: HubConfig = { ...base, ...options.config, subgraphUrls: { ...base.subgraphUrls, ...options.remoteSubgraphs } };
  const db = await openDatabase(config, options.databaseUrl ? { url: options.databaseUrl, ownerUrl: options.migrationDatabaseUrl } : undefined, options.callerHandlesSignals);
  const sources = new Map<string, DataSource>();
  const subgraphs = new Map<string, RunningSubgraph>();
  let server: GracefulServer | undefined;
  try {
    // The gateway reads principals from access; remote subgraphs own their databases.
    const local = SUBGRAPHS.filter((m) => m.name === 'access' || !config.subgraphUrls[m.name]);
    const connect = (mod: SubgraphModule) => connectSubgraph(mod, db, { production: config.production });
    for (const mod of local) sources.set(mod.name, await connect(mod));
    let seeded = false;
    if (options.seed ?? config.seedOnEmpty) {
      let status = await seedStatus(sources);
      if (status === 'INTERRUPTED' && db.embedded) {
        // Only the embedded demo database is ever wiped, and only after an interrupted demo seed.
        log.warn('the demo seed was interrupted last time: starting the demo city again');
        await dropHubSchemas(db.ownerUrl);
        for (const mod of local) {
          await sources.get(mod.name)!.destroy();
          sources.set(mod.name, await connect(mod));
        }
        status = 'EMPTY';
      } else if (status === 'INTERRUPTED') {
        throw new Error('The demo seed of this database was interrupted; run npm run seed -- --reset to seed it again');
      }
      if (status === 'EMPTY' && local.length === SUBGRAPHS.length) {
        await seedAll(sources, options.seedScale ?? 1, config.dataDir);
        seeded = true;
      } else if (status === 'EMPTY') {
        log.warn('empty database but some subgraphs are remote: seed with npm run seed against each database');
      }
    }
    attachAuditWriter(sources.get('access')!, config);
    const schemas = [];
    const peers = new Peers(config);
    for (const mod of SUBGRAPHS) {
      if (config.subgraphUrls[mod.name]) {
        schemas.push({ name: mod.name, schema: await buildFederatedSchema(mod), url: config.subgraphUrls[mod.name] });
        continue;
      }
      const sub = await createSubgraph(mod, sources.get(mod.name)!, sources.get('access')!, config, peers);
      schemas.push({ name: mod.name, schema: sub.schema });
      subgraphs.set(mod.name, sub);
    }
    const gateway = await createGateway(config, composeSupergraph(schemas), subgraphs, sources.get('access')!);
    const graceMs = options.shutdownGraceMs ?? shutdownGraceMs();
    const http = (server = new GracefulServer(gateway.handler));
    const port = await http.listen(options.port ?? config.port, config.host);
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
    let stopping: Promise<void> | undefined;
    const hub: Hub = {
      url,
      port,
      config,
      db,
      sources,
      subgraphs,
      gateway,
      http,
      seeded,
      stop: () =>
        (stopping ??= (async () => {
          // In-process subgraphs and the database serve the requests in flight: they stop after the HTTP server has drained.
          await http.stop(graceMs);
          await gateway.apollo.stop();
          for (const sub of subgraphs.values()) await sub.server.stop();
          // Anchor the last entries in a checkpoint before the connection that wrote them closes.
          await auditWriterFor(sources.get('access')!).flush().catch((err) => log.error({ err }, 'audit checkpoint at shutdown failed'));
          for (const ds of sources.values()) await ds.destroy();
          await db.embedded?.stop();
        })()),
    };
    return hub;
  } catch (err) {
    await server?.stop(0);
    for (const ds of sources.values()) if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    log.error({ err }, 'hub failed to start');
    throw err;
  }
}
