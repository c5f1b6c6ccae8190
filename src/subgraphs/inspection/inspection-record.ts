import { Field, Float, ObjectType } from 'type-graphql';
import { InspectionRound } from './round.entity';
import { Open } from '../../authz/sensitivity';

/** A unit's part in one round, assembled per unit rather than stored. */
@ObjectType({ description: 'One inspection of a unit (巡察记录): round, team, findings and how far they are rectified' })
export class InspectionRecord {
  @Open()
  @Field(() => InspectionRound)
  round: InspectionRound;

  unitCreditCode: string;
  teamId: string | null;

  @Open()
  @Field(() => Float, {
    nullable: true,
    description: 'Rectification rate (整改完成率): DONE or VERIFIED items / all items of the findings; null when there are no items',
  })
  rectificationRate: number | null;
}
