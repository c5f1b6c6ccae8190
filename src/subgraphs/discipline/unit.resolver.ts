import { Args, ArgsType, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { badInput } from '../../common/errors';
import { Connection, PageArgs, pageSize, type Page } from '../../common/paging';
import { DateScalar } from '../../common/scalars';
import type { SubgraphContext } from '../types';
import { ClueStats } from './clue-stats';
import { ProblemClue } from './clue.entity';
import { ClueStatus } from './enums';
import { clueStatsByUnit, cluesByUnit, groupsByUnit, sanctionsByUnit } from './loaders';
import { UnitRef } from './refs';
import { Sanction } from './sanction.entity';
import { StationedGroup } from './stationed-group.entity';
import { Open } from '../../authz/sensitivity';

@ObjectType('ProblemClueConnection', { description: 'A page of problem clues' })
export class ProblemClueConnection extends Connection(ProblemClue) {}

@ObjectType('SanctionConnection', { description: 'A page of sanctions' })
export class SanctionConnection extends Connection(Sanction) {}

@ArgsType()
export class ClueArgs extends PageArgs {
  @Field(() => ClueStatus, { nullable: true })
  status?: ClueStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or after this date' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or before this date' })
  to?: string;
}

/** What the discipline commission adds to every inspected unit. */
@Resolver(() => UnitRef)
export class UnitDisciplineResolver {
  @Open()
  @FieldResolver(() => ProblemClueConnection, { description: 'Problem clues about the unit (问题线索), newest received first' })
  clues(@Root() unit: UnitRef, @Args() args: ClueArgs, @Ctx() ctx: SubgraphContext): Promise<Page<ProblemClue>> {
    const first = pageSize(args.first, ctx.maxPageSize);
    if (args.from && args.to && args.to < args.from) throw badInput('to must not be before from', { argument: 'to' });
    return cluesByUnit(ctx, first, args.after, { status: args.status, from: args.from, to: args.to }).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => SanctionConnection, { description: 'Sanctions of cadres while serving in the unit (党纪政务处分), newest decided first' })
  sanctions(@Root() unit: UnitRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Sanction>> {
    return sanctionsByUnit(ctx, pageSize(page.first, ctx.maxPageSize), page.after).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => [StationedGroup], { description: 'Stationed discipline groups supervising the unit (派驻纪检监察组)' })
  stationedGroups(@Root() unit: UnitRef, @Ctx() ctx: SubgraphContext): Promise<StationedGroup[]> {
    return groupsByUnit(ctx).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => ClueStats, { description: 'Problem clue statistics (问题线索统计)' })
  clueStats(@Root() unit: UnitRef, @Ctx() ctx: SubgraphContext): Promise<ClueStats> {
    return clueStatsByUnit(ctx).load(unit.creditCode);
  }
}
