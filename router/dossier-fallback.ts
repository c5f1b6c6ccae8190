import { Kind, getNamedType, isObjectType, parse, type DocumentNode, type GraphQLSchema, type SelectionNode, type SelectionSetNode } from 'graphql';

/**
 * The dossier survives a source that is down, behind any router (issue 10). A fetch
 * that asks one subgraph only for sections of the pre-inspection dossier, and could not
 * reach it, is answered — instead of an error that would null the sections — with each
 * section marked SOURCE_UNAVAILABLE (its other fields null) and one SERVICE_UNAVAILABLE
 * error naming the source. Any other failed fetch stays an error.
 *
 * Router-neutral on purpose: it needs nothing but `graphql`, so the hub's gateway uses it
 * (gateway/datasources.ts) and so does the Hive Gateway config next to it
 * (gateway.config.ts), and another router can port these few lines.
 */
export const DOSSIER_TYPE = 'PreInspectionDossier';
const SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE';

export interface FallbackResult {
  data: { _entities: Record<string, unknown>[] };
  errors: { message: string; extensions: { code: string; source: string } }[];
}

/**
 * `schema` is a schema holding the dossier type with the sections this subgraph adds
 * (the supergraph's API schema, or the subgraph's own); `message` says which source is
 * down, for people.
 */
export function unavailableSections(
  schema: GraphQLSchema | undefined,
  subgraph: string,
  query: string | DocumentNode,
  variables: Record<string, unknown> | undefined,
  message: string,
): FallbackResult | null {
  const dossier = schema?.getType(DOSSIER_TYPE);
  if (!schema || !isObjectType(dossier)) return null;
  const doc = typeof query === 'string' ? parse(query) : query;
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.selectionSet.selections.length !== 1) return null;
  const root = op.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD || root.name.value !== '_entities' || !root.selectionSet) return null;
  // Routers differ in spelling: some also ask `__typename` beside the fragment (Hive Gateway does).
  const typename = (f: SelectionNode) => f.kind === Kind.FIELD && f.name.value === '__typename';
  const fragments = root.selectionSet.selections.filter((f) => !typename(f));
  if (!fragments.every((f) => f.kind === Kind.INLINE_FRAGMENT && f.typeCondition?.name.value === DOSSIER_TYPE)) return null;
  const representations = (variables?.representations ?? []) as { __typename?: string }[];
  if (!Array.isArray(representations) || !representations.every((r) => r.__typename === DOSSIER_TYPE)) return null;

  const entity: Record<string, unknown> = {};
  for (const f of root.selectionSet.selections) if (f.kind === Kind.FIELD && typename(f)) entity[f.alias?.value ?? '__typename'] = DOSSIER_TYPE;
  for (const fragment of fragments) {
    if (fragment.kind !== Kind.INLINE_FRAGMENT) continue;
    for (const sel of fragment.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD) return null;
      const key = sel.alias?.value ?? sel.name.value;
      if (sel.name.value === '__typename') {
        entity[key] = DOSSIER_TYPE;
        continue;
      }
      const field = dossier.getFields()[sel.name.value];
      if (!field) return null;
      const type = getNamedType(field.type);
      if (!isObjectType(type) || !type.getFields().availability || !sel.selectionSet) return null;
      entity[key] = unavailable(type.name, subgraph, sel.selectionSet);
    }
  }
  return {
    data: { _entities: representations.map(() => entity) },
    errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE', source: subgraph } }],
  };
}

function unavailable(typeName: string, subgraph: string, selection: SelectionSetNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sel of selection.selections) {
    if (sel.kind !== Kind.FIELD) continue;
    const key = sel.alias?.value ?? sel.name.value;
    const name = sel.name.value;
    out[key] = name === '__typename' ? typeName : name === 'availability' ? SOURCE_UNAVAILABLE : name === 'source' ? subgraph : null;
  }
  return out;
}
