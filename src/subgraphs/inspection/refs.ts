import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Open } from '../../authz/sensitivity';

/**
 * Stubs of the entities organization owns. This subgraph knows units only by
 * 统一社会信用代码 (findings and assignments name units the way inspection
 * documents do) and cadres by hub id; the gateway fetches everything else.
 */
// Each subgraph keeps its own stub classes: type-graphql attaches field resolvers to the
// class, so a shared stub would carry every subgraph's fields into every schema.
@ObjectType('InspectedUnit')
@Directive('@key(fields: "creditCode")')
export class UnitRef {
  // Descriptions match organization's, so composition sees one definition.
  @Open()
  @Field({ description: '统一社会信用代码 (unified social credit code), 18 characters' })
  creditCode: string;
}

@ObjectType('Cadre')
@Directive('@key(fields: "id")')
export class CadreRef {
  @Open()
  @Field(() => ID, { description: "The hub's id of the record" })
  id: string;
}

export const unitRef = (creditCode: string): UnitRef => ({ creditCode });
export const cadreRef = (id: string | null): CadreRef | null => (id ? { id } : null);
