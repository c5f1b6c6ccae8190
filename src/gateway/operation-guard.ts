import { ApolloServerErrorCode } from '@apollo/server/errors';
import { Kind } from 'graphql';
import { clientError } from '../common/request-guard';
import type { RequestHooks } from '../common/request-hooks';

/**
 * The gateway and Apollo Server pick the operation to run differently (an empty
 * `operationName` is "no name" to one and "the operation named ''" to the other),
 * so a request that names no operation it contains is refused here, before
 * either tries: 400 OPERATION_RESOLUTION_FAILURE, never an internal error. So is
 * an operation type the hub does not have (subscriptions).
 */
export const operationGuard: RequestHooks = {
  didResolveOperation({ operation, document, request, schema }) {
    if (operation && !schema.getRootType(operation.operation)) {
      // Validation lets an operation type the schema lacks through; the query planner would fail on it.
      throw clientError(ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, `The hub has no ${operation.operation} operations`);
    }
    if (operation) return;
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
    const name = request.operationName;
    const message =
      name === ''
        ? 'operationName may not be empty: leave it out or name an operation of the document'
        : name
          ? `The document has no operation named "${name}"`
          : operations > 1
            ? 'The document holds several operations: name the one to run with operationName'
            : 'The document holds no operation';
    throw clientError(ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, message);
  },
};
