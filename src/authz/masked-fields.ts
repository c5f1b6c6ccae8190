import { Kind, parse, print, visit, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import type { SubgraphContext } from '../subgraphs/types';
import { recordDeclaration, unitsOfRow } from './records';
import { MaskStrategy, SharingClass } from './sensitivity';

const FIELD = 'maskedFields';

const sensitivityOf = (f: FieldDefinitionNode): { level: SharingClass; mask: MaskStrategy | null } | null => {
  const d = f.directives?.find((x) => x.name.value === 'sensitivity');
  if (!d) return null;
  const arg = (n: string) => {
    const v = d.arguments?.find((a) => a.name.value === n)?.value;
    return v && (v.kind === Kind.ENUM || v.kind === Kind.STRING) ? v.value : null;
  };
  return { level: arg('level') as SharingClass, mask: arg('mask') as MaskStrategy | null };
};

/**
 * A masked value says so: every record type with CONDITIONAL fields gets
 * `maskedFields`, the names of the fields masked for the caller on that record.
 * Entity types shared across subgraphs (InspectedUnit, Cadre) get none — a field
 * there would be defined by several subgraphs — so grants on them are ALLOW only.
 */
export function addMaskedFields(sdl: string): { sdl: string; resolvers: Record<string, Record<string, unknown>> } {
  const doc = parse(sdl);
  const resolvers: Record<string, Record<string, unknown>> = {};
  const edited = visit(doc, {
    ObjectTypeDefinition(node: ObjectTypeDefinitionNode) {
      if (['Query', 'Mutation'].includes(node.name.value) || node.directives?.some((d) => d.name.value === 'key')) return undefined;
      const conditional = (node.fields ?? [])
        .map((f) => ({ name: f.name.value, s: sensitivityOf(f) }))
        .filter((f) => f.s?.level === SharingClass.CONDITIONAL)
        .map((f) => ({ typeName: node.name.value, fieldName: f.name, level: SharingClass.CONDITIONAL, defaultMask: f.s!.mask }));
      if (!conditional.length) return undefined;
      const typeName = node.name.value;
      resolvers[typeName] = {
        [FIELD]: async (parent: unknown, _args: unknown, ctx: SubgraphContext) => {
          const units = await unitsOfRow(recordDeclaration(typeName), parent, ctx);
          return conditional.filter((f) => ctx.policy.decide(f, units).effect === 'MASK').map((f) => f.fieldName);
        },
      };
      const field = (parse(`type X { """Fields of this record masked for you (已脱敏字段); masked values are not the originals""" ${FIELD}: [String!]! @sensitivity(level: OPEN) }`)
        .definitions[0] as ObjectTypeDefinitionNode).fields![0];
      return { ...node, fields: [...(node.fields ?? []), field] };
    },
  }) as DocumentNode;
  return { sdl: print(edited), resolvers };
}
