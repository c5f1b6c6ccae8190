import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * The floor of any GraphQL server here, in a process of its own (forked by
 * bench-services.ts) as the hub is: a bare @apollo/server answering `{ __typename }`.
 * In the hub's process it would share the hub's heap and its request scope's
 * async hooks, and look slower than it is.
 */
const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }).then(
  ({ url }) => process.send!({ url }),
  (err) => process.send!({ error: String(err?.stack ?? err) }, () => process.exit(1)),
);
const stop = () => void server.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
