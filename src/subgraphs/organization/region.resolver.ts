import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { IsNull } from 'typeorm';
import type { SubgraphContext } from '../types';
import { regionsByCode } from './loaders';
import { Region } from './region.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'One region by 行政区划代码' })
  region(@Arg('code') code: string, @Ctx() ctx: SubgraphContext) {
    return regionsByCode(ctx).load(code);
  }

  @Query(() => [Region], { description: 'Regions directly below parentCode, or the top-level regions' })
  regions(@Arg('parentCode', () => String, { nullable: true }) parentCode: string | null, @Ctx() ctx: SubgraphContext) {
    return ctx.ds.getRepository(Region).find({ where: { parentCode: parentCode ?? IsNull() }, order: { code: 'ASC' } });
  }

  @Open()
  @FieldResolver(() => Region, { nullable: true, description: 'Enclosing region (上级行政区划)' })
  parent(@Root() region: Region, @Ctx() ctx: SubgraphContext) {
    return region.parentCode ? regionsByCode(ctx).load(region.parentCode) : null;
  }
}
