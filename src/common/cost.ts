import type { RequestHooks } from './request-hooks';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { weakMemo } from './per-document';
import { clientError } from './request-guard';

/**
 * A list field with `first:` costs `first` times its selection. Counted on the
 * resolved operation with the request's variables, so `first: $n` costs as much as
 * the value sent — a static rule (graphql-armor's) would count a variable as 1.
 */
const pagedEstimator =
  (defaultPage: number): ComplexityEstimator =>
  ({ args, childComplexity }) => {
    if (!('first' in args) && !('after' in args)) return undefined;
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : defaultPage;
    return 1 + first * Math.max(1, childComplexity);
  };

/**
 * In a subgraph, a router's `_entities(representations:)` fetch resolves its selection
 * once per representation: it costs as much as that many objects, so the limit holds
 * for the part of a query that reaches the subgraph whatever router split it.
 */
const entitiesEstimator =
  (representations: number): ComplexityEstimator =>
  ({ field, childComplexity }) =>
    field.name === '_entities' ? 1 + representations * Math.max(1, childComplexity) : undefined;

export function costLimit(maxCost: number, defaultPage = 20): RequestHooks {
  const costOf = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [entitiesEstimator(representationCount(variables)), pagedEstimator(defaultPage), simpleEstimator({ defaultComplexity: 1 })],
    });
  // An operation without variable definitions costs the same for every request of its text
  // (no variable can reach an argument), save for the count of `representations` sent:
  // counted once per document, operation name and that count.
  const constantCosts = weakMemo((_schema: GraphQLSchema) => weakMemo((_document: DocumentNode) => new Map<string, number>()));
  return {
    didResolveOperation({ schema, document, request, operation, operationName }) {
      // No operation: operationGuard answers. Variables that do not fit their types cannot be costed: they are the caller's mistake.
      if (!operation) return;
      const variables = request.variables ?? {};
      let cost: number;
      if (!operation.variableDefinitions?.length) {
        const costs = constantCosts(schema)(document);
        const key = `${representationCount(variables)} ${operationName ?? ''}`;
        cost = costs.get(key) ?? costOf(schema, document, operationName ?? undefined, variables);
        costs.set(key, cost);
      } else {
        const { errors } = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 1 });
        if (errors?.length) throw clientError(ApolloServerErrorCode.BAD_USER_INPUT, errors[0].message);
        cost = costOf(schema, document, operationName ?? undefined, variables);
      }
      if (cost > maxCost) {
        throw clientError(ApolloServerErrorCode.BAD_USER_INPUT, `Query cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages or fewer nested lists`, { cost, maxCost });
      }
    },
  };
}

function representationCount(variables: Record<string, unknown> | undefined): number {
  const r = variables?.representations;
  return Array.isArray(r) ? r.length : 1;
}
