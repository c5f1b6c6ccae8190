import type { GraphQLFormattedError } from 'graphql';
import { loadConfig } from '../config';
import { log } from '../log';

const KNOWN = new Set([
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors carry a code and never a stack trace: an unexpected error (a SQL failure, a
 * bug) is logged with its detail and answered as INTERNAL_SERVER_ERROR, with a
 * generic message outside development, so table names or values never reach a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && KNOWN.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // @apollo/gateway reports variables that do not fit their declared type without a code; they are the caller's mistake.
  if ((!code || code === 'INTERNAL_SERVER_ERROR') && /^Variable "\$\w+" (got invalid value|of required type|of non-null type)/.test(formatted.message)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code === 'INTERNAL_SERVER_ERROR' || !code) {
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    // In development the message helps; the stack and anything else stay in the log.
    const message = loadConfig().nodeEnv === 'development' ? formatted.message : 'Internal error; it has been logged';
    return { message, path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
