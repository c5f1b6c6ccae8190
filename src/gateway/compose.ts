import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_NAMES } from '../config';

/** Default port of each subgraph when run as its own service (`npm run start:subgraph`). */
export function defaultSubgraphPort(name: string): number {
  return 4001 + (SUBGRAPH_NAMES as readonly string[]).indexOf(name);
}
export const defaultSubgraphUrl = (name: string) => `http://localhost:${defaultSubgraphPort(name)}/graphql`;

/** Composes the supergraph from the subgraph schemas the code builds. */
export function composeSupergraph(subgraphs: { name: string; schema: GraphQLSchema; url?: string }[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url ?? defaultSubgraphUrl(s.name), typeDefs: parse(printSubgraphSchema(s.schema)) })),
  );
  if (result.errors) {
    throw new Error(`Supergraph does not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
