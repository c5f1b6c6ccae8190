import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { badInput, forbidden } from '../../common/errors';
import { UUIDScalar } from '../../common/scalars';
import type { SubgraphContext } from '../types';

/** More than any publish batch can name (1,000 records with a few references each). */
const MAX_REFERENCES = 50_000;

@Directive('@inaccessible')
@ObjectType({ description: 'Hub-internal: which of the units and cadres a publishing subgraph named the hub does not hold' })
export class UnknownReferences {
  @Open() @Field(() => [String], { description: '统一社会信用代码 of no published unit' }) unitCreditCodes: string[];
  @Open() @Field(() => [ID], { description: 'Ids of no cadre' }) cadreIds: string[];
}

/**
 * Other subgraphs check the units and cadres a batch names here before writing it
 * (one call per batch). Hub-internal: @inaccessible, so the gateway does not expose
 * it, and refused without the `via` mark only peer calls carry.
 */
@Resolver()
export class ReferenceResolver {
  @Directive('@inaccessible')
  @Query(() => UnknownReferences, { description: 'Hub-internal: the named units and cadres that do not exist' })
  async unknownReferences(
    @Arg('unitCreditCodes', () => [String]) unitCreditCodes: string[],
    @Arg('cadreIds', () => [UUIDScalar]) cadreIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<UnknownReferences> {
    if (!ctx.identity.via) throw forbidden('Only hub subgraphs check references');
    if (unitCreditCodes.length + cadreIds.length > MAX_REFERENCES) throw badInput(`At most ${MAX_REFERENCES} references at once`);
    const codes = [...new Set(unitCreditCodes)];
    const ids = [...new Set(cadreIds)];
    const [units, cadres]: { key: string }[][] = await Promise.all([
      codes.length ? ctx.ds.query('SELECT credit_code::text AS key FROM organization.inspected_unit WHERE credit_code = ANY($1::bpchar[])', [codes]) : [],
      ids.length ? ctx.ds.query('SELECT id::text AS key FROM organization.cadre WHERE id = ANY($1::uuid[])', [ids]) : [],
    ]);
    const known = new Set([...units, ...cadres].map((r) => r.key));
    return { unitCreditCodes: codes.filter((c) => !known.has(c)), cadreIds: ids.filter((i) => !known.has(i)) };
  }
}
