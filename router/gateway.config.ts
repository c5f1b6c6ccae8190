/**
 * Hive Gateway in front of the hub's six subgraphs, with nothing of the hub's own code:
 *
 *   npx hive-gateway supergraph schema/supergraph.graphql -c router/gateway.config.ts -p 4000
 *
 * The router holds no secret and decides nothing about data. It forwards the caller's
 * own credential (`Authorization`) and request id; every subgraph authenticates the
 * caller, applies the field rules and writes its disclosures to the audit trail itself
 * (issue 10). What this file adds is plumbing: where the subgraphs are, the query limits
 * at the edge (the subgraphs enforce them too), and the dossier's SOURCE_UNAVAILABLE when
 * a source is down.
 */
import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError } from 'graphql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { unavailableSections } from './dossier-fallback';

const SUBGRAPHS = ['organization', 'petition', 'discipline', 'audit', 'inspection', 'access'];

/** Who runs each subgraph, for the message people read when one is down (the hub's gateway says the same). */
const SERVICE_NAMES: Record<string, string> = {
  organization: '组织部数据服务',
  petition: '信访局数据服务',
  discipline: '纪委监委数据服务',
  audit: '审计局数据服务',
  inspection: '巡察办数据服务',
  access: '平台授权服务',
};

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** A subgraph that could not be reached: no answer, or a 502/503/504 from it or a proxy before it. */
const unreachable = (errors: readonly { message?: string; extensions?: Record<string, unknown> }[] | undefined) =>
  !!errors?.length &&
  errors.every((e) => {
    const status = (e.extensions?.http as { status?: number } | undefined)?.status ?? (e.extensions?.response as { status?: number } | undefined)?.status;
    return (status !== undefined && [502, 503, 504].includes(status)) || /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|timed? ?out|aborted/i.test(e.message ?? '');
  });

/**
 * The dossier's sections from a source that is down come back SOURCE_UNAVAILABLE, not as
 * nulls (see dossier-fallback.ts): the subgraph's executor is wrapped, since an
 * unreachable service makes it fail rather than answer.
 */
const dossierFallback: GatewayPlugin = {
  onSubgraphExecute({ subgraph, subgraphName, executor, setExecutor }) {
    const withFallback = async (request: Parameters<typeof executor>[0]) => {
      let result: Awaited<ReturnType<typeof executor>>;
      try {
        result = await executor(request);
      } catch (err) {
        result = { errors: [err as never] };
      }
      if (Symbol.asyncIterator in result || result.data || !unreachable(result.errors)) return result;
      const message = `${SERVICE_NAMES[subgraphName] ?? subgraphName}（${subgraphName}）暂不可用：其提供的巡前材料部分标为“数据来源暂不可用”`;
      const fallback = unavailableSections(subgraph, subgraphName, request.document, request.variables, message);
      // As GraphQLErrors, which the gateway passes on (it masks anything else as an unexpected error).
      return fallback ? ({ data: fallback.data, errors: fallback.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })) } as never) : result;
    };
    setExecutor(withFallback as typeof executor);
  },
};

/**
 * Outside production every subgraph reports the statements it ran for a request in its
 * response's `extensions.sqlStatements` (issue 11); the client gets their sum, as from
 * the hub's gateway. Nothing is added when no subgraph reported one.
 */
const statementsByRequest = new WeakMap<object, number>();
const sqlStatements: GatewayPlugin = {
  onSubgraphExecute({ executionRequest }) {
    const request = executionRequest.context as object | undefined;
    return ({ result }) => {
      const n = Symbol.asyncIterator in result ? undefined : result.extensions?.sqlStatements;
      if (request && typeof n === 'number') statementsByRequest.set(request, (statementsByRequest.get(request) ?? 0) + n);
    };
  },
  onExecute({ args }) {
    return {
      onExecuteDone({ result, setResult }) {
        const n = statementsByRequest.get(args.contextValue as object);
        if (n === undefined || Symbol.asyncIterator in result) return;
        setResult({ ...result, extensions: { ...result.extensions, sqlStatements: n } });
      },
    };
  },
};

export const gatewayConfig = defineConfig({
  supergraph: process.env.SUPERGRAPH_PATH ?? './schema/supergraph.graphql',
  // Where each agency runs its subgraph (the committed supergraph names localhost defaults).
  transportEntries: Object.fromEntries(
    SUBGRAPHS.flatMap((name) => {
      const url = process.env[`SUBGRAPH_${name.toUpperCase()}_URL`];
      return url ? [[name, { location: url }]] : [];
    }),
  ),
  propagateHeaders: {
    // The caller's own credential: each subgraph authenticates it. The request id ties the audit entries of one request together.
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      'x-request-id': request.headers.get('x-request-id') ?? undefined,
    }),
  },
  // Limits at the edge, as the hub's gateway sets them (MAX_QUERY_DEPTH, MAX_TOKENS, MAX_ALIASES); the subgraphs check them again.
  maxDepth: int('MAX_QUERY_DEPTH', 10),
  maxTokens: int('MAX_TOKENS', 5000),
  blockFieldSuggestions: true,
  upstreamTimeout: int('SUBGRAPH_TIMEOUT_MS', 30_000),
  disableIntrospection: process.env.NODE_ENV === 'production' ? { disableIf: () => true } : undefined,
  // No playground: its assets would come from a CDN, and an intranet has none.
  graphiql: false,
  landingPage: false,
  healthCheckEndpoint: '/healthz',
  readinessCheckEndpoint: '/readyz',
  plugins: () => [maxAliasesPlugin({ n: int('MAX_ALIASES', 30) }), dossierFallback, sqlStatements],
});
