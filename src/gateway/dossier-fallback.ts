import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, getNamedType, isObjectType, parse, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { SectionAvailability } from '../common/dossier';
import { serviceLabel } from './services';

const DOSSIER = 'PreInspectionDossier';

/**
 * When a subgraph cannot be reached, the dossier still answers: a fetch that only
 * asks that subgraph for dossier sections gets, instead of an error that would null
 * them, each section marked SOURCE_UNAVAILABLE (the rest of its fields null), plus
 * one SERVICE_UNAVAILABLE error saying which source is down. Any other fetch fails
 * as before.
 */
export function unavailableSections(schema: GraphQLSchema | undefined, subgraph: string, query: string, variables: Record<string, unknown> | undefined): GatewayGraphQLResponse | null {
  const dossier = schema?.getType(DOSSIER);
  if (!schema || !isObjectType(dossier)) return null;
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.selectionSet.selections.length !== 1) return null;
  const root = op.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD || root.name.value !== '_entities' || !root.selectionSet) return null;
  const fragments = root.selectionSet.selections;
  if (!fragments.every((f) => f.kind === Kind.INLINE_FRAGMENT && f.typeCondition?.name.value === DOSSIER)) return null;
  const representations = (variables?.representations ?? []) as { __typename?: string }[];
  if (!representations.every((r) => r.__typename === DOSSIER)) return null;

  const entity: Record<string, unknown> = {};
  for (const fragment of fragments) {
    if (fragment.kind !== Kind.INLINE_FRAGMENT) continue;
    for (const sel of fragment.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD) return null;
      const key = sel.alias?.value ?? sel.name.value;
      if (sel.name.value === '__typename') {
        entity[key] = DOSSIER;
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
    errors: [{ message: `${serviceLabel(subgraph)}暂不可用：其提供的巡前材料部分标为“数据来源暂不可用”`, extensions: { code: 'SERVICE_UNAVAILABLE', source: subgraph } } as never],
  };
}

function unavailable(typeName: string, subgraph: string, selection: SelectionSetNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sel of selection.selections) {
    if (sel.kind !== Kind.FIELD) continue;
    const key = sel.alias?.value ?? sel.name.value;
    const name = sel.name.value;
    out[key] = name === '__typename' ? typeName : name === 'availability' ? SectionAvailability.SOURCE_UNAVAILABLE : name === 'source' ? subgraph : null;
  }
  return out;
}
