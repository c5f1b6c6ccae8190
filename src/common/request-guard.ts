import { ApolloServerErrorCode } from '@apollo/server/errors';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { weakMemo } from './per-document';
import type { RequestHooks } from './request-hooks';

/** JSON deeper than this is no request the hub's schema can use; refusing it early keeps recursion out of every later step. */
export const MAX_JSON_DEPTH = 64;

/** The extension Apollo Server reads to answer a client mistake with HTTP 400 instead of 500. */
const HTTP_400 = { http: { status: 400 } };

export const clientError = (code: ApolloServerErrorCode, message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extra, ...HTTP_400 } });

const NUL_MESSAGE = 'Strings may not contain the NUL character (\\u0000)';
const DEEP_MESSAGE = `JSON may not be nested more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * What is wrong with a parsed JSON value, if anything: a NUL in a string or key
 * (PostgreSQL text cannot hold it) or nesting deeper than MAX_JSON_DEPTH. Walks
 * iteratively, so a body nested 10,000 levels deep cannot overflow the stack.
 */
export function jsonProblem(value: unknown): 'NUL' | 'TOO_DEEP' | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'NUL';
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return 'TOO_DEEP';
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return 'NUL';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/** Whether a string literal anywhere in the document (arguments, defaults, directives) holds a NUL, e.g. `"a\u0000b"`. */
export function nulInDocument(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Why a parsed request body is refused (a NUL anywhere, nesting too deep), as the error to answer 400 with; null when it is fine. */
export function bodyRefusal(body: unknown): { message: string; extensions: { code: string } } | null {
  const problem = jsonProblem(body);
  if (!problem) return null;
  return problem === 'NUL' ? { message: NUL_MESSAGE, extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT } } : { message: DEEP_MESSAGE, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
}

/** The query text of a document does not change between requests: scanned once per distinct query. */
const nulInQuery = weakMemo(nulInDocument);

/**
 * After parsing: a NUL escaped inside a string literal of the query (`"a\u0000b"`)
 * is invisible to the body check, and so are variables sent in a GET URL. Both
 * are refused here, before anything reaches a resolver or SQL.
 */
export const nulGuard: RequestHooks = {
  didResolveOperation({ document, request }) {
    if (nulInQuery(document)) throw clientError(ApolloServerErrorCode.BAD_USER_INPUT, NUL_MESSAGE);
    const problem = jsonProblem(request.variables ?? {});
    if (problem === 'NUL') throw clientError(ApolloServerErrorCode.BAD_USER_INPUT, NUL_MESSAGE);
    if (problem === 'TOO_DEEP') throw clientError(ApolloServerErrorCode.BAD_USER_INPUT, DEEP_MESSAGE);
  },
};
