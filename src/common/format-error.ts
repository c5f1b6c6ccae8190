import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { log } from '../log';
import { DATABASE_UNAVAILABLE, isDatabaseOutage } from './outage';

/** Codes whose messages are written for clients: Apollo Server's own (but INTERNAL_SERVER_ERROR) and the hub's. */
const KNOWN = new Set<string>([
  ...Object.values(ApolloServerErrorCode).filter((c) => c !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
]);

/** Extensions that never leave the hub: stacks, and the library's record of a subgraph's HTTP answer (which names its URL). */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response'];

function publicExtensions(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const out: Record<string, unknown> = { ...extensions };
  for (const key of INTERNAL_EXTENSIONS) delete out[key];
  return out;
}

/**
 * Errors carry a code and never a stack trace: an unexpected error (a SQL failure, a
 * bug, a library's complaint) is logged with its detail and answered as
 * INTERNAL_SERVER_ERROR with a generic message, in every mode, so table names,
 * values, hosts or ports never reach a client. A database outage (refused, dropped
 * connection) is SERVICE_UNAVAILABLE with a message of its own instead.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code === ApolloServerErrorCode.GRAPHQL_PARSE_FAILED && /^Maximum call stack/.test(formatted.message)) {
    // The parser recursed out of stack on brackets nested thousands deep: say so without the engine's words.
    return { message: 'Syntax Error: the document is nested too deeply', extensions: { code } };
  }
  if (code && KNOWN.has(code)) return { ...formatted, extensions: publicExtensions(formatted.extensions) };
  // @apollo/gateway reports variables that do not fit their declared type without a code; they are the caller's mistake.
  if ((!code || code === 'INTERNAL_SERVER_ERROR') && /^Variable "\$\w+" (got invalid value|of required type|of non-null type)/.test(formatted.message)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isDatabaseOutage(error)) {
    // Not a bug: the database is down or dropped the connection. The outage plugin makes the response 503.
    log.warn({ err: String(error), path: formatted.path }, 'database unavailable');
    return { message: DATABASE_UNAVAILABLE, path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  log.error({ err: error, path: formatted.path }, 'unexpected error');
  return { message: 'Internal error; it has been logged', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
