import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema } from '../common/federation';
import { composeSupergraph } from '../gateway/compose';
import { SUBGRAPHS } from '../subgraphs/registry';
import { fail, parseArgs } from './args';

/**
 * `npm run schema` writes schema/<subgraph>.graphql and schema/supergraph.graphql
 * from the code; `npm run schema:check` (`--check`) fails when they are stale or
 * the subgraphs do not compose. No database is needed.
 */
async function main() {
  const check = Boolean(parseArgs().flags.check);
  const dir = path.resolve('schema');
  const files = new Map<string, string>();
  const schemas = [];
  for (const mod of SUBGRAPHS) {
    const schema = await buildFederatedSchema(mod);
    schemas.push({ name: mod.name, schema });
    files.set(`${mod.name}.graphql`, `${printSubgraphSchema(schema).trim()}\n`);
  }
  files.set('supergraph.graphql', `${composeSupergraph(schemas).trim()}\n`);
  const stale: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(name);
    } else {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (check && stale.length) fail(`schema/ is stale (${stale.join(', ')}): run npm run schema and commit the result`);
  process.stdout.write(check ? 'schema/ is up to date and composes\n' : `wrote ${[...files.keys()].map((f) => `schema/${f}`).join(', ')}\n`);
}

main().catch((err) => fail(String(err?.stack ?? err)));
