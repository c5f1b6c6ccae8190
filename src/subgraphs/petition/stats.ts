import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PetitionCategory } from './enums';
import type { UnitPetitionStats } from './loaders';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Number of petitions in one category' })
export class CategoryCount {
  @Open()
  @Field(() => PetitionCategory) category: PetitionCategory;
  @Open()
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Number of petitions received in one year' })
export class YearCount {
  @Open()
  @Field(() => Int) year: number;
  @Open()
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Petitions about a unit in figures (信访统计)' })
export class PetitionStats implements UnitPetitionStats {
  @Open()
  @Field(() => Int, { description: 'All petitions about the unit (信访件总数)' }) total: number;
  @Open()
  @Field(() => Float, { description: 'Share of anonymous petitions, 0 to 1 (匿名占比); 0 when there are none' }) anonymousShare: number;
  @Open()
  @Field(() => [CategoryCount], { description: 'Petitions per category, most frequent first; categories without petitions are left out' })
  byCategory: CategoryCount[];
  @Open()
  @Field(() => [YearCount], { description: 'Petitions per year received, oldest first; years without petitions are left out' })
  byYear: YearCount[];
}
