import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { unitCodesByGroup } from './loaders';
import { UnitRef, unitRef } from './refs';
import { StationedGroup } from './stationed-group.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => StationedGroup)
export class StationedGroupResolver {
  @Query(() => [StationedGroup], { description: 'Every stationed discipline group (派驻纪检监察组), by name' })
  stationedGroups(@Ctx() ctx: SubgraphContext): Promise<StationedGroup[]> {
    return ctx.ds.getRepository(StationedGroup).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  @Open()
  @FieldResolver(() => [UnitRef], {
    nullable: 'items',
    description: 'Units the group supervises (监督单位)' + '; an entry is null when the organisation department has not published that unit',
  })
  async supervisedUnits(@Root() group: StationedGroup, @Ctx() ctx: SubgraphContext): Promise<UnitRef[]> {
    return (await unitCodesByGroup(ctx).load(group.id)).map(unitRef);
  }
}
