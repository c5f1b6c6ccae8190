import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { InspectionRecord } from './inspection-record';
import { inspectionsByUnit } from './loaders';
import { UnitRef } from './refs';
import { Open } from '../../authz/sensitivity';

@Resolver(() => UnitRef)
export class UnitInspectionsResolver {
  @Open()
  @FieldResolver(() => [InspectionRecord], {
    description: 'Inspections of the unit (巡察记录), newest round first: every round it was assigned to a team in or has findings from, cancelled rounds excepted',
  })
  inspections(@Root() unit: UnitRef, @Ctx() ctx: SubgraphContext): Promise<InspectionRecord[]> {
    return inspectionsByUnit(ctx).load(unit.creditCode);
  }
}
