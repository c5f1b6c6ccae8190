import { Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DataRequest } from './data-request.entity';

/** Stub of organization's unit (see petition/refs.ts for why each subgraph has its own). */
@ObjectType('InspectedUnit')
@Directive('@key(fields: "creditCode")')
export class AccessUnitRef {
  @Open()
  @Field()
  creditCode: string;
}

/** The unit a request is about, so an inbox shows its name (the gateway fills it in from organization). */
@Resolver(() => DataRequest)
export class DataRequestUnitResolver {
  @Open()
  @FieldResolver(() => AccessUnitRef, { description: 'The unit the request is about (被巡察单位)' })
  unit(@Root() r: DataRequest): AccessUnitRef {
    return { creditCode: r.unitCreditCode };
  }
}
