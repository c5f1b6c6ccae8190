import { GraphQLError } from 'graphql';
import { VIA_HEADER, signVia } from '../auth/peer';
import { hubError, isErrorCode } from '../common/errors';
import type { HubConfig } from '../config';
import { chargeSqlStatements } from '../db/sql-counter';
import { currentSqlCounter } from '../common/request-scope';
import { log } from '../log';
import type { RunningSubgraph } from './server';

interface PeerResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/**
 * How one subgraph asks another to act for the same caller (inspection asking access
 * to open data requests): in-process when the peer runs here, over HTTP when it runs
 * as its own service. Either way the peer gets the caller's own credential — it
 * authenticates and authorises the caller itself — plus an assertion of which service
 * asks (auth/peer.ts), so it knows the call came from inside the hub, not from a client.
 */
export class Peers {
  private readonly local = new Map<string, RunningSubgraph>();

  constructor(private readonly config: HubConfig) {}

  register(sub: RunningSubgraph): void {
    this.local.set(sub.mod.name, sub);
  }

  async call<T>(from: string, to: string, authorization: string, requestId: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const headers = { authorization, [VIA_HEADER]: await signVia(from, to, authorization, this.config.internalSecret), 'x-request-id': requestId };
    let result: PeerResult<T>;
    try {
      result = await this.send<T>(to, headers, query, variables);
    } catch (err) {
      // The peer refused the caller (its credential, say): that is an answer, not an outage.
      if (err instanceof GraphQLError && isErrorCode(String(err.extensions?.code ?? ''))) throw err;
      log.error({ err, from, to }, 'peer subgraph unreachable');
      throw hubError('SERVICE_UNAVAILABLE', `The ${to} service is unreachable; nothing was lost, repeat the request to retry`);
    }
    if (result.errors?.length) {
      const [first] = result.errors;
      const code = String(first.extensions?.code ?? '');
      if (isErrorCode(code)) throw hubError(code, first.message);
      throw new Error(`${to}: ${first.message}`);
    }
    return result.data as T;
  }

  private async send<T>(to: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<PeerResult<T>> {
    const sub = this.local.get(to);
    if (sub) {
      const contextValue = await sub.contextFromHeaders(headers);
      const res = await sub.server.executeOperation({ query, variables }, { contextValue });
      if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
      return res.body.singleResult as PeerResult<T>;
    }
    const url = this.config.subgraphUrls[to];
    if (!url) throw new Error(`subgraph ${to} neither runs here nor has SUBGRAPH_${to.toUpperCase()}_URL`);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const result = (await res.json()) as PeerResult<T>;
    // Its statements were caused by this request (in-process, they are counted directly).
    chargeSqlStatements(currentSqlCounter(), result.extensions?.sqlStatements);
    return result;
  }
}
