import type { SqlCounter } from '../db/sql-counter';

/**
 * What the gateway knows of a request: the caller's credential, passed on to every
 * subgraph as it came (each subgraph authenticates and authorises the caller itself),
 * and the principal it names, checked at the edge so a bad credential gets 401 here.
 */
export interface GatewayContext {
  authorization: string;
  principalId: string;
  requestId: string;
  sql: SqlCounter;
  /** When the request reached the gateway (ms since the epoch), for its log line. */
  startedAt: number;
}
