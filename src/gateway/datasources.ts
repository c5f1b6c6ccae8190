import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { RunningSubgraph } from '../subgraphs/server';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { chargeSqlStatements } from '../db/sql-counter';
import { log } from '../log';
import { outageOr } from '../common/outage';
import { unavailableSections } from '../../router/dossier-fallback';
import { serviceLabel, serviceUnavailable, subgraphTimeoutMs } from './services';
import type { GatewayContext } from './context';

/** The headers every subgraph call carries: the caller's own credential and the request id, as any router would forward them. */
export const forwardedHeaders = (context: Partial<GatewayContext> | undefined): Record<string, string> => ({
  ...(context?.authorization ? { authorization: context.authorization } : {}),
  ...(context?.requestId ? { 'x-request-id': context.requestId } : {}),
});

/**
 * Calls a subgraph living in this process without an HTTP hop, with the same headers
 * a router would send it over HTTP: the subgraph authenticates and audits alike.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: RunningSubgraph) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // The subgraph reads the caller from the database: an outage there is SERVICE_UNAVAILABLE, as over HTTP.
    const contextValue = await this.subgraph.contextFromHeaders(forwardedHeaders(options.context as Partial<GatewayContext>)).catch((err) => {
      throw outageOr(err);
    });
    const res = await this.subgraph.server.executeOperation(
      { query: options.request.query, variables: options.request.variables, operationName: options.request.operationName },
      { contextValue },
    );
    if (res.body.kind !== 'single') throw new Error('Incremental delivery is not supported between gateway and subgraphs');
    return res.body.singleResult as GatewayGraphQLResponse;
  }
}

/** HTTP statuses with which a service (or a proxy in front of it) says it cannot answer now. */
const OUTAGE_STATUS = new Set([502, 503, 504]);

/** A subgraph answered with an HTTP error status; unlike the library's error, it keeps no URL. */
class SubgraphHttpError extends Error {
  constructor(
    subgraph: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`subgraph ${subgraph} answered HTTP ${status}`);
  }
}

/** The request never got an answer: refused, reset, timed out (our signal), or cut off mid-body. */
const unreachable = (err: unknown) => ['FetchError', 'AbortError', 'TimeoutError'].includes((err as Error)?.name);

/**
 * Calls a subgraph running as its own service, forwarding the caller's credential. A
 * service that is down or says it is unavailable becomes SERVICE_UNAVAILABLE naming
 * the agency's service (the dossier marks its sections instead); no error that
 * reaches a client carries the service's address.
 */
export class ForwardingRemoteDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly name: string,
    private readonly apiSchema: () => GraphQLSchema | undefined,
  ) {
    super({ url });
    // A service that hangs is as unavailable as one that refuses: give up after the timeout.
    const send = this.fetcher;
    const timeout = subgraphTimeoutMs();
    this.fetcher = (target, init) => send(target, { ...init, signal: AbortSignal.timeout(timeout) });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    try {
      const res = await super.process(options);
      // The service counted its own statements (caller lookup and audit append included): the request caused them.
      chargeSqlStatements(context?.sql, res.extensions?.sqlStatements);
      return res;
    } catch (err) {
      if (err instanceof SubgraphHttpError && !OUTAGE_STATUS.has(err.status)) {
        // It answered, with an error status: pass on what it said (its errors carry their codes).
        const body = err.body as Partial<GatewayGraphQLResponse> | undefined;
        chargeSqlStatements(context?.sql, body?.extensions?.sqlStatements);
        if (body && typeof body === 'object' && Array.isArray(body.errors)) return { data: body.data, errors: body.errors };
        throw err;
      }
      if (!(err instanceof SubgraphHttpError) && !unreachable(err)) throw err;
      log.warn({ subgraph: this.name, err: String(err), requestId: context?.requestId }, 'subgraph service unavailable');
      // A service that is down must not take the whole dossier with it.
      const message = `${serviceLabel(this.name)}暂不可用：其提供的巡前材料部分标为“数据来源暂不可用”`;
      const fallback = options.request.query ? unavailableSections(this.apiSchema(), this.name, options.request.query, options.request.variables, message) : null;
      if (fallback) return fallback as GatewayGraphQLResponse;
      throw serviceUnavailable(this.name);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    return new SubgraphHttpError(this.name, response.status, body) as unknown as GraphQLError;
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    for (const [name, value] of Object.entries(forwardedHeaders(context as Partial<GatewayContext>))) request.http?.headers.set(name, value);
  }
}
