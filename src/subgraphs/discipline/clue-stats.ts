import { Field, Int, ObjectType } from 'type-graphql';
import { DisposalMethod } from './enums';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Number of clues disposed of by one method' })
export class DisposalMethodCount {
  @Open()
  @Field(() => DisposalMethod) method: DisposalMethod;
  @Open()
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Problem clue statistics of a unit (问题线索统计); filing rate = filed / closed' })
export class ClueStats {
  @Open()
  @Field(() => Int, { description: 'All clues (线索总数)' }) total: number;
  @Open()
  @Field(() => [DisposalMethodCount], { description: 'Clues per disposal method, every method listed (clues not yet disposed of are in none)' })
  byDisposalMethod: DisposalMethodCount[];
  @Open()
  @Field(() => Int, { description: 'Clues filed as cases (立案数), whatever their status now' }) filed: number;
  @Open()
  @Field(() => Int, { description: 'Clues closed (办结数)' }) closed: number;
}
