import { Field, Int, ObjectType } from 'type-graphql';
import { DisposalMethod } from './enums';

@ObjectType({ description: 'Number of clues disposed of by one method' })
export class DisposalMethodCount {
  @Field(() => DisposalMethod) method: DisposalMethod;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Problem clue statistics of a unit (问题线索统计); filing rate = filed / closed' })
export class ClueStats {
  @Field(() => Int, { description: 'All clues (线索总数)' }) total: number;
  @Field(() => [DisposalMethodCount], { description: 'Clues per disposal method, every method listed (clues not yet disposed of are in none)' })
  byDisposalMethod: DisposalMethodCount[];
  @Field(() => Int, { description: 'Clues filed as cases (立案数), whatever their status now' }) filed: number;
  @Field(() => Int, { description: 'Clues closed (办结数)' }) closed: number;
}
