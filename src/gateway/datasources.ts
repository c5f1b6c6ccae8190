import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { IDENTITY_HEADER, signIdentity } from '../common/identity';
import { unauthenticated } from '../common/errors';
import type { DisclosureGroup } from '../authz/disclosures';
import type { RunningSubgraph } from '../subgraphs/server';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { log } from '../log';
import { unavailableSections } from './dossier-fallback';
import { serviceUnavailable, subgraphTimeoutMs } from './services';
import type { GatewayContext } from './context';

async function identityHeader(context: Partial<GatewayContext> | undefined, secret: string): Promise<string> {
  if (!context?.identity) throw unauthenticated('No authenticated principal for subgraph call');
  return signIdentity(context.identity, secret);
}

/**
 * Calls a subgraph living in this process without an HTTP hop, but through the
 * same identity check a remote call goes through.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: RunningSubgraph,
    private readonly secret: string,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const token = await identityHeader(options.context as Partial<GatewayContext>, this.secret);
    const contextValue = await this.subgraph.contextFromHeaders({ [IDENTITY_HEADER]: token });
    const res = await this.subgraph.server.executeOperation(
      { query: options.request.query, variables: options.request.variables, operationName: options.request.operationName },
      { contextValue },
    );
    if (res.body.kind !== 'single') throw new Error('Incremental delivery is not supported between gateway and subgraphs');
    return collectDisclosures(res.body.singleResult as GatewayGraphQLResponse, options.context as Partial<GatewayContext>);
  }
}

/** Takes the subgraph's disclosure report off its response and keeps it for the audit trail. */
function collectDisclosures(response: GatewayGraphQLResponse, context: Partial<GatewayContext> | undefined): GatewayGraphQLResponse {
  const reported = response.extensions?.disclosures as DisclosureGroup[] | undefined;
  if (reported && context?.disclosures) context.disclosures.push(...reported);
  if (response.extensions) delete response.extensions.disclosures;
  return response;
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
 * Calls a subgraph running as its own service, signing the caller's identity. A
 * service that is down or says it is unavailable becomes SERVICE_UNAVAILABLE naming
 * the agency's service (the dossier marks its sections instead); no error that
 * reaches a client carries the service's address.
 */
export class SignedRemoteDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
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
    try {
      return await super.process(options);
    } catch (err) {
      const context = options.context as Partial<GatewayContext>;
      if (err instanceof SubgraphHttpError && !OUTAGE_STATUS.has(err.status)) {
        // It answered, with an error status: pass on what it said (its errors carry their codes).
        const body = err.body as Partial<GatewayGraphQLResponse> | undefined;
        if (body && typeof body === 'object' && Array.isArray(body.errors)) return collectDisclosures({ data: body.data, errors: body.errors }, context);
        throw err;
      }
      if (!(err instanceof SubgraphHttpError) && !unreachable(err)) throw err;
      log.warn({ subgraph: this.name, err: String(err), requestId: context?.identity?.requestId }, 'subgraph service unavailable');
      // A service that is down must not take the whole dossier with it.
      const fallback = options.request.query ? unavailableSections(this.apiSchema(), this.name, options.request.query, options.request.variables) : null;
      if (fallback) return fallback;
      throw serviceUnavailable(this.name);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    return new SubgraphHttpError(this.name, response.status, body) as unknown as GraphQLError;
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(IDENTITY_HEADER, await identityHeader(context as Partial<GatewayContext>, this.secret));
    if ((context as Partial<GatewayContext>)?.identity?.requestId) request.http?.headers.set('x-request-id', (context as GatewayContext).identity.requestId);
  }

  // An optional hook of RemoteGraphQLDataSource: it receives the parsed subgraph response.
  async didReceiveResponse({ response, context }: { response: GatewayGraphQLResponse; context: GatewayContext }): Promise<GatewayGraphQLResponse> {
    return collectDisclosures(response, context);
  }
}
