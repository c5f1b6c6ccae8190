import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { InspectionFinding } from './finding.entity';
import { itemsByFinding, roundsById } from './loaders';
import { RectificationItem } from './rectification-item.entity';
import { UnitRef, unitRef } from './refs';
import { InspectionRound } from './round.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => InspectionFinding)
export class FindingResolver {
  @Open()
  @FieldResolver(() => InspectionRound)
  round(@Root() finding: InspectionFinding, @Ctx() ctx: SubgraphContext) {
    return roundsById(ctx).load(finding.roundId);
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit the finding is about (被巡察单位)' + '; null when the organisation department has not published that unit',
  })
  unit(@Root() finding: InspectionFinding): UnitRef {
    return unitRef(finding.unitCreditCode);
  }

  @Open()
  @FieldResolver(() => [RectificationItem], { description: 'Rectification items (整改事项), in published order' })
  rectificationItems(@Root() finding: InspectionFinding, @Ctx() ctx: SubgraphContext) {
    return itemsByFinding(ctx).load(finding.id);
  }
}
