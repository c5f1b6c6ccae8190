import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation, GraphQLRequestContextWillSendResponse, GraphQLRequestListener } from '@apollo/server';

/**
 * A check or a finishing touch applied to every GraphQL request, as plain synchronous
 * functions of Apollo Server's request context.
 */
export interface RequestHooks<C extends BaseContext = BaseContext> {
  /** Refuses the operation, before it runs, by throwing a GraphQLError. */
  didResolveOperation?(ctx: GraphQLRequestContextDidResolveOperation<C>): void;
  /** Adjusts the response (errors, extensions, HTTP status) before it is written. */
  willSendResponse?(ctx: GraphQLRequestContextWillSendResponse<C>): void;
}

/**
 * Runs request hooks, in the order given, as one Apollo Server plugin with one listener
 * shared by every request. A plugin of its own per check costs a promise per step of
 * every request: the gateway's eight were a fifth of its fixed cost per request (issue 11).
 */
export function requestHooksPlugin<C extends BaseContext>(...hooks: RequestHooks<C>[]): ApolloServerPlugin<C> {
  const resolving = hooks.flatMap((h) => (h.didResolveOperation ? [h.didResolveOperation.bind(h)] : []));
  const sending = hooks.flatMap((h) => (h.willSendResponse ? [h.willSendResponse.bind(h)] : []));
  const listener: GraphQLRequestListener<C> = {};
  if (resolving.length) {
    listener.didResolveOperation = async (ctx) => {
      for (const hook of resolving) hook(ctx);
    };
  }
  if (sending.length) {
    listener.willSendResponse = async (ctx) => {
      for (const hook of sending) hook(ctx);
    };
  }
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
