import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Open } from '../../authz/sensitivity';

/**
 * Stubs of the entities organization owns. The audit bureau knows units by
 * 统一社会信用代码 (what audit reports cite), cadres by hub id; the gateway fills
 * in every other field from organization.
 */
// Each subgraph keeps its own stub classes: type-graphql attaches field resolvers to the
// class, so a shared stub would carry every subgraph's fields into every schema.
@ObjectType('InspectedUnit')
@Directive('@key(fields: "creditCode")')
export class UnitRef {
  @Open()
  @Field()
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
export const cadreRef = (id: string): CadreRef => ({ id });
