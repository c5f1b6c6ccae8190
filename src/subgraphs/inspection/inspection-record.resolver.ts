import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { InspectionFinding } from './finding.entity';
import { InspectionRecord } from './inspection-record';
import { findingsByUnitRound, teamsById, unitRoundKey } from './loaders';
import { InspectionTeam } from './team.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => InspectionRecord)
export class InspectionRecordResolver {
  @Open()
  @FieldResolver(() => InspectionTeam, { nullable: true, description: 'Team assigned to the unit in the round (null: findings without an assignment)' })
  team(@Root() record: InspectionRecord, @Ctx() ctx: SubgraphContext) {
    return record.teamId ? teamsById(ctx).load(record.teamId) : null;
  }

  @Open()
  @FieldResolver(() => [InspectionFinding], { description: 'Findings of the round in the unit (发现问题)' })
  findings(@Root() record: InspectionRecord, @Ctx() ctx: SubgraphContext) {
    return findingsByUnitRound(ctx).load(unitRoundKey(record.unitCreditCode, record.round.id));
  }
}
