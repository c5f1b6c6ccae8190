import { getNamedType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { AgencyKind } from '../common/agency';
import { buildFederatedSchema } from '../common/federation';
import { SUBGRAPHS } from '../subgraphs/registry';
import { recordDeclaration } from './records';
import { stringListArg } from './enforce';
import { MaskStrategy, SharingClass } from './sensitivity';

/** One field of the shared data model, as declared in code (协作目录的数据项). */
export interface CatalogEntry {
  typeName: string;
  fieldName: string;
  subgraph: string;
  ownerAgencyKind: AgencyKind | null;
  sensitivity: SharingClass;
  defaultMask: MaskStrategy | null;
  /** RESTRICTED fields: agency kinds that co-own it (read it like the owner; never by grant). */
  sharedWith: string[];
  /** RESTRICTED fields: the roles inside the owning agency that read it; empty: every role. */
  ownerRoles: string[];
  description: string | null;
  /** Named GraphQL type of the field's value, e.g. String, Date, Decimal. */
  valueType: string;
  /** The type is a federated entity (InspectedUnit, Cadre). */
  entity: boolean;
  /** The subgraph knows each record's unit for this field, so grants may be scoped to units. */
  unitScoped: boolean;
}

const ROOT = new Set(['Query', 'Mutation', 'Subscription']);

function keyFields(schema: GraphQLSchema, typeName: string): Set<string> {
  const type = schema.getType(typeName);
  const keys = new Set<string>();
  for (const d of type?.astNode?.directives ?? []) {
    if (d.name.value !== 'key') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'fields');
    if (arg?.value.kind === 'StringValue') for (const f of arg.value.value.split(/\s+/)) if (f) keys.add(f);
  }
  return keys;
}

function entriesOf(name: string, owner: AgencyKind | null, schema: GraphQLSchema): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('_') || ROOT.has(type.name)) continue;
    const keys = keyFields(schema, type.name);
    for (const field of Object.values(type.getFields())) {
      const d = field.astNode?.directives?.find((x) => x.name.value === 'sensitivity');
      if (!d) continue;
      const arg = (n: string) => {
        const v = d.arguments?.find((a) => a.name.value === n)?.value;
        return v && v.kind === 'EnumValue' ? v.value : null;
      };
      out.push({
        typeName: type.name,
        fieldName: field.name,
        subgraph: name,
        ownerAgencyKind: owner,
        sensitivity: arg('level') as SharingClass,
        defaultMask: arg('mask') as MaskStrategy | null,
        sharedWith: stringListArg(d, 'sharedWith'),
        ownerRoles: stringListArg(d, 'ownerRoles'),
        description: field.description ?? null,
        valueType: getNamedType(field.type).name,
        entity: keys.size > 0,
        // Stubs of organization's entities in other subgraphs hold only the key, not the unit.
        unitScoped: Boolean(recordDeclaration(type.name)?.unitScopedGrants) && (keys.size === 0 || name === 'organization'),
        // Marks key fields of entity stubs, so the owning subgraph's entry wins below.
        ...(keys.has(field.name) ? { isKey: true } : {}),
      } as CatalogEntry);
    }
  }
  return out;
}

let cached: Promise<CatalogEntry[]> | undefined;

/**
 * The catalogue of every shared field, built from the same declarations the
 * subgraphs enforce, so it cannot drift from them. Shared value types (PageInfo, …)
 * and entity key fields appear once.
 */
export function catalog(): Promise<CatalogEntry[]> {
  cached ??= (async () => {
    const merged = new Map<string, CatalogEntry & { isKey?: boolean }>();
    for (const mod of SUBGRAPHS) {
      for (const e of entriesOf(mod.name, mod.owner, await buildFederatedSchema(mod)) as (CatalogEntry & { isKey?: boolean })[]) {
        const k = `${e.typeName}.${e.fieldName}`;
        const prior = merged.get(k);
        if (!prior || (prior.isKey && !e.isKey)) merged.set(k, e);
      }
    }
    return [...merged.values()]
      .map(({ isKey: _k, ...e }) => e)
      .sort((a, b) => a.typeName.localeCompare(b.typeName) || a.fieldName.localeCompare(b.fieldName));
  })();
  return cached;
}

/** Catalogue entries of one type, by field name. */
export async function fieldsOf(typeName: string): Promise<Map<string, CatalogEntry>> {
  return new Map((await catalog()).filter((e) => e.typeName === typeName).map((e) => [e.fieldName, e]));
}
