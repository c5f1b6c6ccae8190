import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, pageSize, pagesByParent, rootPage, sql, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { Cadre } from './cadre.entity';
import { UnitKind } from './enums';
import { leadershipByUnit, regionsByCode, unitsByCreditCode, unitsById } from './loaders';
import { Region } from './region.entity';
import { InspectedUnit } from './unit.entity';
import { Open } from '../../authz/sensitivity';

@ObjectType('InspectedUnitConnection', { description: 'A page of inspected units' })
class UnitConnection extends Connection(InspectedUnit) {}

@ObjectType('CadreConnection', { description: 'A page of cadres' })
class CadreConnection extends Connection(Cadre) {}

@ArgsType()
class UnitFilterArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only units in this region or below it (行政区划代码)' })
  regionCode?: string;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind;
}



@Resolver(() => InspectedUnit)
export class UnitResolver {
  @Query(() => InspectedUnit, { nullable: true, description: 'One inspected unit by its hub id' })
  unit(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<InspectedUnit | null> {
    if (!isUuid(id)) throw badInput('id is not a unit id', { argument: 'id' });
    return unitsById(ctx).load(id);
  }

  @Query(() => InspectedUnit, { nullable: true, description: 'One inspected unit by 统一社会信用代码' })
  unitByCreditCode(@Arg('creditCode') creditCode: string, @Ctx() ctx: SubgraphContext): Promise<InspectedUnit | null> {
    return unitsByCreditCode(ctx).load(creditCode.trim().toUpperCase());
  }

  @Query(() => UnitConnection, { description: 'Inspected units, filtered by region (including sub-regions) and kind' })
  units(@Args() args: UnitFilterArgs, @Ctx() ctx: SubgraphContext): Promise<Page<InspectedUnit>> {
    const filters = [];
    if (args.regionCode) {
      filters.push(
        sql(
          `t.region_code IN (SELECT r.code FROM organization.region r WHERE r.path LIKE (SELECT p.path FROM organization.region p WHERE p.code = $?) || '%')`,
          args.regionCode,
        ),
      );
    }
    if (args.kind) filters.push(sql('t.kind = $?', args.kind));
    return rootPage<InspectedUnit>({
      ds: ctx.ds,
      entity: InspectedUnit,
      filters,
      sortColumn: 'credit_code',
      first: pageSize(args.first, ctx.maxPageSize),
      after: args.after,
    });
  }

  @Open()
  @FieldResolver(() => Region, { nullable: true, description: 'Region the unit is in (所在行政区划)' })
  region(@Root() unit: InspectedUnit, @Ctx() ctx: SubgraphContext) {
    return regionsByCode(ctx).load(unit.regionCode);
  }

  @Open()
  @FieldResolver(() => InspectedUnit, { nullable: true, description: 'Superior unit (上级单位)' })
  parentUnit(@Root() unit: InspectedUnit, @Ctx() ctx: SubgraphContext) {
    return unit.parentUnitId ? unitsById(ctx).load(unit.parentUnitId) : null;
  }

  @Open()
  @FieldResolver(() => [Cadre], { description: 'Leadership team (领导班子成员)' })
  leadershipTeam(@Root() unit: InspectedUnit, @Ctx() ctx: SubgraphContext) {
    return leadershipByUnit(ctx).load(unit.id);
  }

  @Open()
  @FieldResolver(() => CadreConnection, { description: 'Cadres of the unit (干部), by name' })
  async cadres(@Root() unit: InspectedUnit, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Cadre>> {
    const first = pageSize(page.first, ctx.maxPageSize);
    const loader = ctx.loaders.get<string, Page<Cadre>>(`cadresByUnit:${first}:${page.after ?? ''}`, (unitIds) =>
      pagesByParent<Cadre>({ ds: ctx.ds, entity: Cadre, parentColumn: 'unit_id', parentKeys: unitIds, filters: [], sortColumn: 'name', first, after: page.after }),
    );
    return loader.load(unit.id);
  }
}

