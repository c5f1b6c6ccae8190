import { parse } from 'yaml';

/**
 * Structural checks of the deployment files (docker/compose.yml, docker/Dockerfile,
 * .dockerignore, router/apollo-router.yaml), as functions returning what is wrong, so the
 * test can show each check catching a broken copy as well as passing the real file.
 * There is no Docker engine here: this is what can be known without one.
 */

interface Service {
  image?: string;
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: unknown[];
  volumes?: (string | { source?: string; target?: string })[];
  deploy?: { replicas?: number };
  restart?: string;
}
export interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** Anchors and `<<` merge keys resolved, as compose does; `${…}` left as written. */
export const parseCompose = (text: string): Compose => parse(text, { merge: true }) as Compose;

/** Names of variables that hold secrets (HUB_JWKS is public but as required: no default either). */
const SECRET_NAME = /PASSWORD|SECRET|(^|_)KEYS?($|_)|JWKS/;
const INTERPOLATION = /\$\{([A-Za-z0-9_]+)([^}]*)\}/g;
const REQUIRED = /^\$\{[A-Z0-9_]+:\?[^}]+\}$/;
const DB_URL = /^postgres(?:ql)?:\/\/([^:@/]+):([^@]*)@([A-Za-z0-9_.-]+):(\d+)\/([A-Za-z0-9_]+)$/;

const parseDbUrl = (url: string | undefined) => {
  const m = url ? DB_URL.exec(url) : null;
  return m ? { user: m[1], password: m[2], host: m[3], port: m[4], database: m[5] } : null;
};

const healthText = (s: Service) => {
  const t = s.healthcheck?.test;
  return Array.isArray(t) ? t.join(' ') : (t ?? '');
};

const condition = (s: Service, on: string): string | undefined => {
  const d = s.depends_on;
  if (!d) return undefined;
  if (Array.isArray(d)) return d.includes(on) ? 'service_started' : undefined;
  return d[on] ? (d[on].condition ?? 'service_started') : undefined;
};

const volumeSource = (v: string | { source?: string; target?: string }) =>
  typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source ?? '', target: v.target ?? '' };
const isBindMount = (source: string) => source.startsWith('.') || source.startsWith('/') || source.startsWith('~');

/** Every string in a parsed document, with where it is. */
function* strings(value: unknown, where: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [where, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${where}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${where}.${k}`);
}

/** The subgraph each service runs a CLI for (`<cli> <name> [--port N]`). */
function servicesRunning(compose: Compose, cli: string): Map<string, { service: string; port: string }> {
  const out = new Map<string, { service: string; port: string }>();
  for (const [service, s] of Object.entries(compose.services ?? {})) {
    const cmd = s.command ?? [];
    const at = cmd.findIndex((c) => c.endsWith(cli));
    if (at < 0) continue;
    const portAt = cmd.indexOf('--port');
    out.set(cmd[at + 1], { service, port: portAt >= 0 ? cmd[portAt + 1] : '' });
  }
  return out;
}

/** The service running each subgraph (`start-subgraph.js <name> --port N`). */
export const subgraphServices = (compose: Compose) => servicesRunning(compose, 'start-subgraph.js');

/** What is wrong with the compose file for these subgraphs (empty: nothing found). */
export function composeProblems(compose: Compose, subgraphs: readonly string[]): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
  const running = subgraphServices(compose);
  const migrations = servicesRunning(compose, 'migrate.js');
  if (!subgraphs.length) problems.push('no subgraphs expected: the check would pass vacuously');

  for (const name of subgraphs) if (!running.has(name)) problems.push(`no service runs subgraph ${name}`);
  for (const name of running.keys()) if (!subgraphs.includes(name)) problems.push(`a service runs ${name}, which is not a subgraph of the code`);

  const accessDb = parseDbUrl(services[running.get('access')?.service ?? '']?.environment?.DATABASE_URL)?.host;
  const dbOwners = new Map<string, string>();
  const dataVolumes = new Map<string, string>();
  for (const [name, { service, port }] of running) {
    const s = services[service];
    const env = s.environment ?? {};
    const app = parseDbUrl(env.DATABASE_URL);
    if (!app) {
      problems.push(`${service}: DATABASE_URL is not a postgres://user:password@host:port/database URL`);
      continue;
    }
    if (dbOwners.has(app.host)) problems.push(`${service} shares its database ${app.host} with ${dbOwners.get(app.host)}`);
    dbOwners.set(app.host, service);
    const db = services[app.host];
    if (!db) problems.push(`${service}: its database ${app.host} is not a service`);
    else {
      if (!db.image?.startsWith('postgres')) problems.push(`${app.host} is not a PostgreSQL image`);
      if (!/pg_isready/.test(healthText(db))) problems.push(`${app.host} has no pg_isready healthcheck`);
      if (!db.restart) problems.push(`${app.host} has no restart policy`);
      const data = (db.volumes ?? []).map(volumeSource).find((v) => v.target === '/var/lib/postgresql/data');
      if (!data || isBindMount(data.source)) problems.push(`${app.host} keeps its data on no named volume`);
      else {
        if (dataVolumes.has(data.source)) problems.push(`${app.host} shares the volume ${data.source} with ${dataVolumes.get(data.source)}`);
        dataVolumes.set(data.source, app.host);
      }
      if (!(db.volumes ?? []).map(volumeSource).some((v) => v.target?.startsWith('/docker-entrypoint-initdb.d/'))) problems.push(`${app.host} runs no init script creating the roles`);
    }
    // Migrations: a one-shot job as the owner; the service itself holds only the application role.
    if (env.MIGRATION_DATABASE_URL) problems.push(`${service} holds its database owner's credentials (MIGRATION_DATABASE_URL)`);
    const job = migrations.get(name);
    const jobEnv = job ? (services[job.service].environment ?? {}) : {};
    const owner = parseDbUrl(jobEnv.MIGRATION_DATABASE_URL);
    if (!job) problems.push(`no job migrates ${name}`);
    else {
      if (!owner || owner.host !== app.host) problems.push(`${job.service}: MIGRATION_DATABASE_URL is not the owner of ${app.host}`);
      else if (owner.user === app.user) problems.push(`${service} serves as the role that owns its tables (${app.user})`);
      // The job grants the application role what it may do: it must name the same role.
      if (parseDbUrl(jobEnv.DATABASE_URL)?.user !== app.user || parseDbUrl(jobEnv.DATABASE_URL)?.host !== app.host) problems.push(`${job.service} grants another role than ${service} serves as`);
      if (condition(services[job.service], app.host) !== 'service_healthy') problems.push(`${job.service} does not wait for ${app.host} to be healthy`);
      if (condition(s, job.service) !== 'service_completed_successfully') problems.push(`${service} does not wait for ${job.service} to complete successfully`);
    }
    if (condition(s, app.host) !== 'service_healthy') problems.push(`${service} does not wait for ${app.host} to be healthy (depends_on condition: service_healthy)`);
    if (name !== 'access') {
      if (parseDbUrl(env.ACCESS_DATABASE_URL)?.host !== accessDb) problems.push(`${service}: ACCESS_DATABASE_URL is not the platform database (${accessDb})`);
      if (condition(s, running.get('access')?.service ?? 'access') !== 'service_healthy') problems.push(`${service} does not wait for access (which migrates the platform database) to be healthy`);
    }
    if (!healthText(s).includes(`127.0.0.1:${port}/readyz`)) problems.push(`${service}: no healthcheck on /readyz of its port ${port}`);
    if (!s.restart) problems.push(`${service} has no restart policy`);
  }

  // The router: Hive Gateway (build target router), two replicas, no secret, after every subgraph.
  const routers = Object.entries(services).filter(([, s]) => s.build?.target === 'router');
  if (routers.length !== 1) problems.push(`expected one router service (build target router), found ${routers.length}`);
  for (const [service, s] of routers) {
    if ((s.deploy?.replicas ?? 1) < 2) problems.push(`${service}: ${s.deploy?.replicas ?? 1} replica(s), expected 2`);
    if (!healthText(s).includes('/readyz')) problems.push(`${service}: no healthcheck on /readyz`);
    if (!s.restart) problems.push(`${service} has no restart policy`);
    for (const [name, { service: sub, port }] of running) {
      if (condition(s, sub) !== 'service_healthy') problems.push(`${service} does not wait for ${sub} to be healthy`);
      if (s.environment?.[`SUBGRAPH_${name.toUpperCase()}_URL`] !== `http://${sub}:${port}/graphql`) problems.push(`${service}: SUBGRAPH_${name.toUpperCase()}_URL does not point at ${sub}:${port}`);
    }
    for (const key of Object.keys(s.environment ?? {})) {
      if (SECRET_NAME.test(key) || /DATABASE_URL/.test(key)) problems.push(`${service}: the router holds ${key}; it must need no secret`);
    }
  }

  // One published port, on the edge.
  const publishing = Object.entries(services).filter(([, s]) => s.ports?.length);
  if (publishing.length !== 1 || !publishing[0][1].image?.includes('nginx')) problems.push(`only the edge may publish a port; published by: ${publishing.map(([n]) => n).join(', ') || 'none'}`);
  for (const [service, s] of publishing) {
    for (const [router] of routers) if (condition(s, router) !== 'service_healthy') problems.push(`${service} does not wait for ${router} to be healthy`);
  }

  // Named volumes are declared.
  for (const [service, s] of Object.entries(services)) {
    for (const v of (s.volumes ?? []).map(volumeSource)) {
      if (!isBindMount(v.source) && !declaredVolumes.has(v.source)) problems.push(`${service} mounts the undeclared volume ${v.source}`);
    }
  }
  return problems.concat(secretProblems(compose));
}

/** Secrets only from the environment, never with a default: `${VAR:?message}`. */
export function secretProblems(compose: Compose): string[] {
  const problems: string[] = [];
  let secrets = 0;
  for (const [where, value] of strings(compose.services, 'services')) {
    for (const [, name, op] of value.matchAll(INTERPOLATION)) {
      if (!SECRET_NAME.test(name)) continue;
      secrets++;
      if (!/^:\?.+/.test(op)) problems.push(`${where}: \${${name}${op}} may start with a default or an empty value; write \${${name}:?message}`);
    }
  }
  for (const [service, s] of Object.entries(compose.services ?? {})) {
    for (const [key, value] of Object.entries(s.environment ?? {})) {
      const v = String(value);
      if (SECRET_NAME.test(key) && !REQUIRED.test(v)) problems.push(`${service}.${key} is not taken from the environment as \${VAR:?message}`);
      const url = /_URL$/.test(key) ? parseDbUrl(v) : null;
      if (url && !REQUIRED.test(url.password)) problems.push(`${service}.${key} has a literal password`);
    }
  }
  if (!secrets) problems.push('no secret taken from the environment at all');
  return problems;
}

// ---- Dockerfile ----

export interface Stage {
  name?: string;
  from: string;
  instructions: string[];
}

/** The Dockerfile's stages, continuation lines joined and comments dropped. */
export function dockerfileStages(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (!line && !current)) continue;
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (!line.endsWith('\\')) {
      if (current) logical.push(current);
      current = '';
    }
  }
  const stages: Stage[] = [];
  for (const ins of logical) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins);
    if (from) stages.push({ from: from[1], name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(ins);
  }
  return stages;
}

const lastUser = (stage: Stage) => [...stage.instructions].reverse().find((i) => /^USER\s/i.test(i))?.split(/\s+/)[1];

export function dockerfileProblems(text: string, targets: string[]): string[] {
  const problems: string[] = [];
  const stages = dockerfileStages(text);
  if (stages.length < 2) problems.push('not a multi-stage build');
  if (!stages.some((s) => s.instructions.some((i) => /^RUN .*npm ci\b/.test(i)))) problems.push('no stage installs with npm ci');
  const pruned = stages.filter((s) => s.instructions.some((i) => /^RUN .*npm prune --omit=dev/.test(i))).map((s) => s.name);
  if (!pruned.length) problems.push('no stage prunes the devDependencies');
  const final = stages.at(-1);
  if (final) {
    if (lastUser(final) !== 'node') problems.push(`the final stage runs as ${lastUser(final) ?? 'root'}, not USER node`);
    for (const i of final.instructions.filter((i) => /^(COPY|ADD)\s/i.test(i))) {
      if (!/--from=/.test(i)) problems.push(`the final stage copies from the build context: ${i}`);
    }
    const modules = final.instructions.find((i) => /^COPY\s.*node_modules/.test(i));
    const from = modules && /--from=(\S+)/.exec(modules)?.[1];
    if (!from || !pruned.includes(from)) problems.push('the final stage does not take node_modules from the pruned stage');
  }
  for (const target of targets) {
    const stage = stages.find((s) => s.name === target);
    if (!stage) problems.push(`no stage ${target}, which docker/compose.yml builds`);
    else if (lastUser(stage) !== 'node') problems.push(`stage ${target} runs as ${lastUser(stage) ?? 'root'}, not USER node`);
  }
  for (const stage of stages) {
    for (const i of stage.instructions.filter((i) => /^(COPY|ADD)\s/i.test(i))) {
      if (/\.env\b|(^|[\s/])keys?\b|\.pem\b|\.key\b|dev-secrets/.test(i.replace(/^\S+\s+/, ''))) problems.push(`a secret is copied into an image: ${i}`);
    }
  }
  return problems;
}

// ---- .dockerignore ----

/** A .dockerignore pattern as a regular expression over paths relative to the context. */
function patternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether the build context leaves `file` out: a pattern matching a directory leaves out all under it; later `!` patterns take back. */
export function dockerIgnored(dockerignore: string, file: string): boolean {
  const parts = file.split('/');
  let ignored = false;
  for (const raw of dockerignore.split('\n').map((l) => l.trim())) {
    if (!raw || raw.startsWith('#')) continue;
    const negated = raw.startsWith('!');
    const re = patternRegex((negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, ''));
    if (parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')))) ignored = !negated;
  }
  return ignored;
}

/** What must never reach an image: local state, dependencies and output of the host, secrets. */
export const KEPT_OUT = [
  '.data/dev-secrets.json',
  '.data/pg/PG_VERSION',
  'node_modules/jest/package.json',
  'console/node_modules/x.js',
  'dist/src/hub.js',
  'dist-console/index.html',
  '.git/config',
  '.env',
  '.env.production',
  'docker/.env',
  'keys/jwt.pem',
  'tls/server.key',
  'screenshots/console.png',
];

// ---- Apollo Router ----

export function apolloRouterProblems(text: string, subgraphUrls: Map<string, string>): string[] {
  const problems: string[] = [];
  const config = parse(text) as Record<string, any>;
  const rules: Record<string, any>[] = config?.headers?.all?.request ?? [];
  const propagated = rules.map((r) => String(r?.propagate?.named ?? '').toLowerCase()).filter(Boolean);
  for (const header of ['authorization', 'x-request-id']) if (!propagated.includes(header)) problems.push(`${header} is not propagated to every subgraph`);
  if (rules.some((r) => r?.propagate?.matching !== undefined)) problems.push('a header is propagated by pattern: it could forward x-hub-via');
  if (propagated.includes('x-hub-via')) problems.push('x-hub-via is propagated from clients');
  const overrides: Record<string, string> = config?.override_subgraph_url ?? {};
  if (!subgraphUrls.size) problems.push('no subgraphs expected: the check would pass vacuously');
  for (const [name, url] of subgraphUrls) {
    const value = overrides[name];
    if (!value) problems.push(`override_subgraph_url does not list ${name}`);
    else if (!value.includes(url)) problems.push(`override_subgraph_url.${name} is not ${url} by default`);
  }
  for (const name of Object.keys(overrides)) if (!subgraphUrls.has(name)) problems.push(`override_subgraph_url lists ${name}, which is not a subgraph`);
  const limits = config?.limits?.router ?? {};
  for (const key of ['http_max_request_bytes', 'parser_max_tokens', 'max_depth', 'max_aliases']) {
    if (typeof limits[key] !== 'number') problems.push(`limits.router.${key} is not set`);
  }
  if (config?.supergraph?.introspection !== false) problems.push('introspection is not off');
  return problems;
}
