import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, pageSize, rootPage, sql, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { RoundStatus } from './enums';
import { roundsById, teamsByRound } from './loaders';
import { InspectionRound } from './round.entity';
import { InspectionTeam } from './team.entity';
import { Open } from '../../authz/sensitivity';

@ObjectType('InspectionRoundConnection', { description: 'A page of inspection rounds' })
class InspectionRoundConnection extends Connection(InspectionRound) {}

@ArgsType()
class RoundFilterArgs extends PageArgs {
  @Field(() => RoundStatus, { nullable: true })
  status?: RoundStatus;
}

@Resolver(() => InspectionRound)
export class RoundResolver {
  @Query(() => InspectionRoundConnection, { description: 'Inspection rounds (巡察轮次), latest start first' })
  rounds(@Args() args: RoundFilterArgs, @Ctx() ctx: SubgraphContext): Promise<Page<InspectionRound>> {
    return rootPage<InspectionRound>({
      ds: ctx.ds,
      entity: InspectionRound,
      filters: args.status ? [sql('t.status = $?', args.status)] : [],
      sortColumn: 'start_date',
      first: pageSize(args.first, ctx.maxPageSize),
      after: args.after,
    });
  }

  @Query(() => InspectionRound, { nullable: true, description: 'One inspection round by hub id' })
  round(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext) {
    if (!isUuid(id)) throw badInput('id is not a round id', { argument: 'id' });
    return roundsById(ctx).load(id);
  }

  @Open()
  @FieldResolver(() => [InspectionTeam], { description: 'Teams of the round (巡察组), in published order' })
  teams(@Root() round: InspectionRound, @Ctx() ctx: SubgraphContext) {
    return teamsByRound(ctx).load(round.id);
  }
}
