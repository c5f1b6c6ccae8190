import 'reflect-metadata';
import { loadConfig } from './src/config';
import { subgraphDataSource } from './src/db/datasource';
import { subgraphByName } from './src/subgraphs/registry';

/**
 * The data source the TypeORM CLI uses, one subgraph at a time (each lives in its
 * own schema, possibly its own database):
 *   SUBGRAPH=petition npx typeorm -d dist/ormconfig.js migration:show
 * DATABASE_URL defaults to the embedded PostgreSQL a running hub has started.
 */
const config = loadConfig();
const name = process.env.SUBGRAPH ?? 'organization';
export default subgraphDataSource(subgraphByName(name), config.databaseUrl ?? `postgres://hub:hub@127.0.0.1:${config.embeddedPgPort}/hub`);
