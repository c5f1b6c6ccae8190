import type { RequestHooks } from './request-hooks';
import { ApolloServerErrorCode } from '@apollo/server/errors';

/** Errors in the GraphQL request itself: the document, the operation chosen, the variables, the limits. */
const REQUEST_ERRORS = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_USER_INPUT,
]);

/** Whether the client names `application/json` and not `application/graphql-response+json` among what it accepts. */
export function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  return types.includes('application/json') && !types.includes('application/graphql-response+json');
}

/**
 * The GraphQL-over-HTTP spec: a client that asks for `application/graphql-response+json`
 * (or sends no preference, or any) gets 4xx for a request that cannot be executed; a
 * legacy client that asks for `application/json` alone gets 200 with the same errors,
 * since such clients read the body only on 200. Other statuses (401, 413, 503) stay.
 */
export const legacyJsonStatus: RequestHooks = {
  willSendResponse({ request, response }) {
    if (response.http.status !== 400 || response.body.kind !== 'single') return;
    if (!acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) return;
    const { data, errors } = response.body.singleResult;
    if (data === undefined && errors?.length && errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) response.http.status = 200;
  },
};
