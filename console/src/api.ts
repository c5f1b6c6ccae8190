import { errorLabel } from '@labels';
import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';

/**
 * The console's GraphQL client: the hub's own /graphql, always POST (the gateway's
 * CSRF prevention refuses simple GETs), the session cookie plus the CSRF token. It
 * sees exactly what the signed-in person may see: nothing is filtered here.
 */
export function makeClient(csrfToken: string, onSignedOut: () => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: { credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } },
    exchanges: [
      mapExchange({
        onError(error) {
          if ((error.response as Response | undefined)?.status === 401) onSignedOut();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** A person-readable summary of a GraphQL error: the code in Chinese, the hub's own message after it. */
export function describeError(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (error.networkError && !error.graphQLErrors.length) return '网络错误，请检查与平台的连接';
  const first = error.graphQLErrors[0];
  const code = String(first?.extensions?.code ?? '');
  return `${errorLabel(code)}：${first?.message ?? ''}`;
}

/** Fields refused to this person (FORBIDDEN on a path): the rest of the answer is still shown. */
export const refusedPaths = (error: CombinedError | undefined) =>
  (error?.graphQLErrors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.length).map((e) => e.path!.join('.'));

/** How many values were refused: one error stands for every record of a list it nulled (`extensions.count`). */
export const refusedCount = (error: CombinedError | undefined) =>
  (error?.graphQLErrors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.length).reduce((n, e) => n + (typeof e.extensions?.count === 'number' ? e.extensions.count : 1), 0);
