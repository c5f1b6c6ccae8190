import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Open } from '../../authz/sensitivity';

/**
 * Entities owned by the organization subgraph, as this subgraph sees them: only the
 * key. Records here name units by credit code (what agencies' own systems hold) and
 * cadres by hub id; the gateway fetches everything else from organization.
 */
// Each subgraph keeps its own stub classes: type-graphql attaches field resolvers to the
// class, so a shared stub would carry every subgraph's fields into every schema.
@ObjectType('InspectedUnit')
@Directive('@key(fields: "creditCode")')
export class UnitRef {
  @Open()
  @Field({ description: '统一社会信用代码 (unified social credit code)' })
  creditCode: string;
}

@ObjectType('Cadre')
@Directive('@key(fields: "id")')
export class CadreRef {
  @Open()
  @Field(() => ID)
  id: string;
}

export const unitRef = (creditCode: string): UnitRef => ({ creditCode });
export const cadreRef = (id: string | null): CadreRef | null => (id ? { id } : null);
