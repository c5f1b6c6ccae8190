import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS } from '../src/subgraphs/registry';
import {
  KEPT_OUT,
  apolloRouterProblems,
  composeProblems,
  dockerIgnored,
  dockerfileProblems,
  parseCompose,
  subgraphServices,
  type Compose,
} from './support/deployment-checks';

/**
 * The deployment sketch (issue 10): docker/compose.yml, the Dockerfile, .dockerignore and
 * Apollo Router's config, checked for structure — there is no Docker engine here. Each
 * check is also shown catching a broken copy, so none passes by looking at nothing.
 */
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const composeText = read('docker/compose.yml');
const compose = () => parseCompose(composeText);
const dockerfile = read('docker/Dockerfile');
const dockerignore = read('.dockerignore');
const apolloRouter = read('router/apollo-router.yaml');

/** The subgraphs of the code, which must also be those of the committed supergraph. */
const subgraphNames = SUBGRAPHS.map((m) => m.name).sort();
const supergraphNames = [...read('schema/supergraph.graphql').matchAll(/@join__graph\(name: "([a-z]+)"/g)].map((m) => m[1]).sort();

const mutated = (change: (c: Compose) => void): Compose => {
  const c = compose();
  change(c);
  return c;
};
const envOf = (c: Compose, service: string) => c.services[service].environment as Record<string, string>;

describe('docker/compose.yml', () => {
  it('runs every subgraph of the code, and no other, as its own service', () => {
    expect(subgraphNames.length).toBeGreaterThanOrEqual(6);
    expect(supergraphNames).toEqual(subgraphNames);
    expect([...subgraphServices(compose()).keys()].sort()).toEqual(subgraphNames);
  });

  it('passes every structural check: own database and volume, /readyz, healthy dependencies, two router replicas, one published port, secrets required', () => {
    expect(composeProblems(compose(), subgraphNames)).toEqual([]);
  });

  it('lists every variable it requires in docker/env.example, and nothing it does not', () => {
    const required = [...new Set([...JSON.stringify(compose()).matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]))].sort();
    const listed = [...read('docker/env.example').matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(required.length).toBeGreaterThan(3);
    expect(listed).toEqual(required);
  });

  it('catches a subgraph added to the code but not to compose, or one removed', () => {
    expect(composeProblems(compose(), [...subgraphNames, 'housing'])).toContain('no service runs subgraph housing');
    const without = mutated((c) => delete c.services.petition);
    expect(composeProblems(without, subgraphNames)).toContain('no service runs subgraph petition');
  });

  it('catches two subgraphs on one database or one volume', () => {
    const shared = mutated((c) => {
      envOf(c, 'petition').DATABASE_URL = envOf(c, 'organization').DATABASE_URL;
      envOf(c, 'petition').MIGRATION_DATABASE_URL = envOf(c, 'organization').MIGRATION_DATABASE_URL;
    });
    expect(composeProblems(shared, subgraphNames)).toContainEqual(expect.stringMatching(/^petition shares its database organization-db/));
    const volume = mutated((c) => {
      c.services['petition-db'].volumes![0] = 'organization-db-data:/var/lib/postgresql/data';
    });
    expect(composeProblems(volume, subgraphNames)).toContainEqual(expect.stringMatching(/shares the volume organization-db-data/));
  });

  it("catches a service serving as, or holding the credentials of, its tables' owner, and one starting before its migrations", () => {
    const owner = mutated((c) => {
      envOf(c, 'audit').DATABASE_URL = envOf(c, 'audit-migrate').MIGRATION_DATABASE_URL;
    });
    expect(composeProblems(owner, subgraphNames)).toContain('audit serves as the role that owns its tables (xuncha_owner)');
    const holds = mutated((c) => {
      envOf(c, 'audit').MIGRATION_DATABASE_URL = envOf(c, 'audit-migrate').MIGRATION_DATABASE_URL;
    });
    expect(composeProblems(holds, subgraphNames)).toContain("audit holds its database owner's credentials (MIGRATION_DATABASE_URL)");
    const early = mutated((c) => {
      (c.services.audit.depends_on as Record<string, { condition: string }>)['audit-migrate'].condition = 'service_started';
    });
    expect(composeProblems(early, subgraphNames)).toContain('audit does not wait for audit-migrate to complete successfully');
    const noJob = mutated((c) => delete c.services['audit-migrate']);
    expect(composeProblems(noJob, subgraphNames)).toContain('no job migrates audit');
  });

  it('catches a missing /readyz healthcheck and a dependency that does not wait for health', () => {
    const noHealth = mutated((c) => delete c.services.audit.healthcheck);
    expect(composeProblems(noHealth, subgraphNames)).toContain('audit: no healthcheck on /readyz of its port 4004');
    const started = mutated((c) => {
      (c.services.discipline.depends_on as Record<string, { condition: string }>)['discipline-db'].condition = 'service_started';
    });
    expect(composeProblems(started, subgraphNames)).toContainEqual(expect.stringMatching(/^discipline does not wait for discipline-db to be healthy/));
    const noAccess = mutated((c) => delete (c.services.inspection.depends_on as Record<string, unknown>).access);
    expect(composeProblems(noAccess, subgraphNames)).toContainEqual(expect.stringMatching(/^inspection does not wait for access/));
  });

  it('catches a single router replica, a router holding a secret, and a port published beside the edge', () => {
    const one = mutated((c) => (c.services.gateway.deploy!.replicas = 1));
    expect(composeProblems(one, subgraphNames)).toContain('gateway: 1 replica(s), expected 2');
    const secret = mutated((c) => (envOf(c, 'gateway').HUB_INTERNAL_SECRET = '${HUB_INTERNAL_SECRET:?set it}'));
    expect(composeProblems(secret, subgraphNames)).toContain('gateway: the router holds HUB_INTERNAL_SECRET; it must need no secret');
    const ports = mutated((c) => (c.services.gateway.ports = ['4000:4000']));
    expect(composeProblems(ports, subgraphNames)).toContainEqual(expect.stringMatching(/^only the edge may publish a port; published by: gateway, edge|^only the edge may publish a port; published by: edge, gateway/));
  });

  it('catches a secret with a default, a literal secret and a literal database password', () => {
    const withDefault = mutated((c) => (envOf(c, 'platform-db').POSTGRES_PASSWORD = '${PLATFORM_DB_SUPERUSER_PASSWORD:-postgres}'));
    expect(composeProblems(withDefault, subgraphNames)).toContainEqual(expect.stringMatching(/PLATFORM_DB_SUPERUSER_PASSWORD:-postgres\} may start with a default/));
    const literal = mutated((c) => (envOf(c, 'access').HUB_INTERNAL_SECRET = 'change-me'));
    expect(composeProblems(literal, subgraphNames)).toContain('access.HUB_INTERNAL_SECRET is not taken from the environment as ${VAR:?message}');
    const password = mutated((c) => (envOf(c, 'petition').DATABASE_URL = 'postgres://xuncha_app:hunter2@petition-db:5432/xuncha'));
    expect(composeProblems(password, subgraphNames)).toContain('petition.DATABASE_URL has a literal password');
  });
});

describe('docker/Dockerfile and .dockerignore', () => {
  const targets = [...new Set(Object.values(compose().services).map((s) => s.build?.target).filter((t): t is string => !!t))];

  it('builds in stages, prunes devDependencies, runs every image compose uses as node, copies no secret', () => {
    expect(targets.sort()).toEqual(['hub', 'router']);
    expect(dockerfileProblems(dockerfile, targets)).toEqual([]);
  });

  it('catches a final stage running as root, a secret copied in, and an unpruned final image', () => {
    expect(dockerfileProblems(dockerfile.replace(/\nUSER node\nEXPOSE 4000\nCMD \["node", "dist/, '\nEXPOSE 4000\nCMD ["node", "dist/'), targets)).toContain('the final stage runs as root, not USER node');
    expect(dockerfileProblems(`${dockerfile}\nCOPY .env ./\n`, targets)).toContainEqual(expect.stringMatching(/^a secret is copied into an image: COPY \.env/));
    expect(dockerfileProblems(dockerfile.replace('--from=prod-deps /app/node_modules', '--from=deps /app/node_modules'), targets)).toContain(
      'the final stage does not take node_modules from the pruned stage',
    );
  });

  it('.dockerignore keeps local state, host dependencies, build output and secrets out of the build context', () => {
    expect(KEPT_OUT.length).toBeGreaterThan(0);
    expect(KEPT_OUT.filter((file) => !dockerIgnored(dockerignore, file))).toEqual([]);
    // What the build needs stays in.
    expect(['package.json', 'package-lock.json', 'src/hub.ts', 'router/gateway.config.ts', 'schema/supergraph.graphql', 'console/src/main.tsx'].filter((f) => dockerIgnored(dockerignore, f))).toEqual([]);
  });

  it('catches a .dockerignore that lets node_modules or .env through', () => {
    const without = (line: string) => dockerignore.split('\n').filter((l) => l.trim() !== line).join('\n');
    expect(dockerIgnored(without('**/node_modules'), 'node_modules/jest/package.json')).toBe(false);
    expect(dockerIgnored(without('**/.env'), 'docker/.env')).toBe(false);
    expect(dockerIgnored(`${dockerignore}\n!.env\n`, '.env')).toBe(false);
  });
});

describe('router/apollo-router.yaml', () => {
  const urls = () => {
    const out = new Map<string, string>();
    for (const [name, { service, port }] of subgraphServices(compose())) out.set(name, `http://${service}:${port}/graphql`);
    return out;
  };

  it('propagates Authorization and the request id, lists every subgraph at its compose address, sets the limits', () => {
    expect([...urls().keys()].sort()).toEqual(subgraphNames);
    expect(apolloRouterProblems(apolloRouter, urls())).toEqual([]);
  });

  it('catches a config that drops Authorization, forwards headers by pattern, or forgets a subgraph', () => {
    expect(apolloRouterProblems(apolloRouter.replace('named: authorization', 'named: x-other'), urls())).toContain('authorization is not propagated to every subgraph');
    expect(apolloRouterProblems(apolloRouter.replace('named: x-request-id', 'matching: .*'), urls())).toContain('a header is propagated by pattern: it could forward x-hub-via');
    expect(apolloRouterProblems(apolloRouter.replace(/\n {2}access: .*\n/, '\n'), urls())).toContain('override_subgraph_url does not list access');
    expect(apolloRouterProblems(apolloRouter, new Map([...urls(), ['housing', 'http://housing:4007/graphql']]))).toContain('override_subgraph_url does not list housing');
  });
});
