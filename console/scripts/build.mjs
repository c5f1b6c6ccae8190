// Builds the web console into dist-console/ (run by `npm run build`, so `npm start`
// and `npm test` need no extra command). Steps: the API schema clients see (the
// supergraph without federation internals) → typed operations (GraphQL Code
// Generator) → type check → vite. Skipped when nothing it reads has changed since
// the last build, so the many `npm run build` calls of the other scripts stay fast.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const consoleDir = path.resolve(here, '..');
const root = path.resolve(consoleDir, '..');
const out = path.join(root, 'dist-console');
const generated = path.join(consoleDir, 'src', 'gql');
const require = createRequire(import.meta.url);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (p === generated) return [];
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const inputs = [
  ...files(path.join(consoleDir, 'src')),
  ...files(path.join(consoleDir, 'scripts')),
  path.join(consoleDir, 'index.html'),
  path.join(consoleDir, 'vite.config.mts'),
  path.join(consoleDir, 'tsconfig.json'),
  path.join(root, 'src', 'common', 'labels.ts'),
  path.join(root, 'schema', 'supergraph.graphql'),
  path.join(root, 'package-lock.json'),
].sort();
const hash = createHash('sha256');
for (const f of inputs) hash.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
const stamp = hash.digest('hex');
const stampFile = path.join(out, '.build-stamp');
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(path.join(generated, 'graphql.ts'))) {
  process.exit(0);
}

const started = Date.now();
// 1. The API schema: what a client of the gateway sees.
const fi = require('@apollo/federation-internals');
const supergraph = readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
mkdirSync(generated, { recursive: true });
const apiSchemaFile = path.join(generated, 'schema.graphql');
writeFileSync(apiSchemaFile, fi.printSchema(fi.Supergraph.build(supergraph).apiSchema()));

// 2. Typed operations from the graphql(`…`) calls in the console's code.
const { generate } = await import('@graphql-codegen/cli');
await generate(
  {
    schema: apiSchemaFile,
    documents: [path.join(consoleDir, 'src/**/*.{ts,tsx}'), `!${path.join(generated, '**')}`],
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [`${generated}/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          skipTypename: true,
          scalars: { Date: 'string', DateTimeISO: 'string', Decimal: 'string', UUID: 'string', JSONObject: 'Record<string, unknown>' },
        },
      },
    },
  },
  true,
);

// 3. Type check (vite only strips types).
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(consoleDir, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  process.stderr.write('console: type errors (above)\n');
  process.exit(1);
}

// 4. Bundle.
const { build } = await import('vite');
await build({ configFile: path.join(consoleDir, 'vite.config.mts') });
writeFileSync(stampFile, stamp);
process.stdout.write(`console built into dist-console/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
