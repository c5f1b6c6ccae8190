import 'reflect-metadata';
import { loadConfig } from './src/config';
import { embeddedUrl } from './src/db/database';
import { subgraphDataSource } from './src/db/datasource';
import { subgraphByName } from './src/subgraphs/registry';

/**
 * The data source the TypeORM CLI uses, one subgraph at a time (each lives in its
 * own schema, possibly its own database), as the owner of the tables:
 *   SUBGRAPH=petition npx typeorm -d dist/ormconfig.js migration:show
 * MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded PostgreSQL a running hub has started.
 */
const config = loadConfig();
const name = process.env.SUBGRAPH ?? 'organization';
export default subgraphDataSource(subgraphByName(name), config.migrationDatabaseUrl ?? config.databaseUrl ?? embeddedUrl(config));
