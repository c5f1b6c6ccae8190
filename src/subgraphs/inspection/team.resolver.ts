import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { Inspector } from './inspector.entity';
import { assignmentsByTeam, inspectorsById, membersByTeam, roundsById } from './loaders';
import { UnitRef, unitRef } from './refs';
import { InspectionRound } from './round.entity';
import { InspectionTeam } from './team.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => InspectionTeam)
export class TeamResolver {
  @Open()
  @FieldResolver(() => InspectionRound)
  round(@Root() team: InspectionTeam, @Ctx() ctx: SubgraphContext) {
    return roundsById(ctx).load(team.roundId);
  }

  @Open()
  @FieldResolver(() => Inspector, { nullable: true, description: 'Team leader (组长)' })
  leader(@Root() team: InspectionTeam, @Ctx() ctx: SubgraphContext) {
    return inspectorsById(ctx).load(team.leaderId);
  }

  @Open()
  @FieldResolver(() => [Inspector], { description: 'Members other than the leader (组员), in published order' })
  members(@Root() team: InspectionTeam, @Ctx() ctx: SubgraphContext) {
    return membersByTeam(ctx).load(team.id);
  }

  @Open()
  @FieldResolver(() => [UnitRef], {
    nullable: 'items',
    description: 'Units the team inspects in the round (巡察对象)' + '; an entry is null when the organisation department has not published that unit',
  })
  async units(@Root() team: InspectionTeam, @Ctx() ctx: SubgraphContext): Promise<UnitRef[]> {
    return (await assignmentsByTeam(ctx).load(team.id)).map((a) => unitRef(a.unitCreditCode));
  }
}
