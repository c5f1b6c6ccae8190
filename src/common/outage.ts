import { HeaderMap } from '@apollo/server';
import type { RequestHooks } from './request-hooks';
import type { GraphQLError } from 'graphql';
import { hubError } from './errors';

/** What an outage answer tells clients and proxies to wait before retrying. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs of a database that is gone or going: class 08 (connection exception),
 * 57P01-57P03 (administrator or crash shutdown, cannot connect now), 53300 (too many
 * connections). The statement did not run, or ran in a transaction that was rolled back.
 */
const OUTAGE_STATE = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a server that cannot be reached. */
const OUTAGE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
/** node-postgres and TypeORM report a lost connection without a code, in these words. */
const OUTAGE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|query runner (was )?already released|Driver not Connected|terminating connection due to administrator command/i;

/**
 * Whether an error means the database could not be reached or dropped the
 * connection (rather than refusing a statement): follows TypeORM's driverError,
 * GraphQL's originalError, `cause` and the attempts of an AggregateError.
 */
export function isDatabaseOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (OUTAGE_STATE.test(e.code) || OUTAGE_ERRNO.has(e.code))) return true;
  if (e.name === 'QueryRunnerAlreadyReleasedError' || e.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  if (typeof e.message === 'string' && OUTAGE_MESSAGE.test(e.message)) return true;
  const nested = [e.driverError, e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => n !== err && isDatabaseOutage(n, depth + 1));
}

export const DATABASE_UNAVAILABLE = '数据库暂不可用，请稍后重试';

/** The database is down: 503 with Retry-After, whatever stage of the request noticed (context creation answers with these directly). */
export const databaseUnavailable = (): GraphQLError =>
  hubError('SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE, { http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } });

/** `err`, or SERVICE_UNAVAILABLE in its place when it is a database outage: its message names hosts, ports and libraries. */
export const outageOr = (err: unknown): unknown => (isDatabaseOutage(err) ? databaseUnavailable() : err);

/**
 * A response with nothing in it because a service or the database is down is an
 * outage: HTTP 503 with Retry-After (clients and proxies retry it), not 200. A
 * response with partial data stays 200.
 */
export const outageStatus: RequestHooks = {
  willSendResponse({ response }) {
    if (response.body.kind !== 'single') return;
    const { data, errors } = response.body.singleResult;
    const nothing = !data || Object.values(data).every((v) => v === null);
    if (nothing && errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
      response.http.status = 503;
      response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
    }
  },
};
