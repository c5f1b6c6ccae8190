import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pageSize, rootPage, sql, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { Inspector } from './inspector.entity';

@ObjectType('InspectorConnection', { description: 'A page of the talent pool' })
class InspectorConnection extends Connection(Inspector) {}

@ArgsType()
class InspectorFilterArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only inspectors with this skill (专业特长), e.g. 财务' })
  skill?: string;
}

@Resolver(() => Inspector)
export class InspectorResolver {
  @Query(() => InspectorConnection, { description: 'The talent pool (巡察人才库)' })
  inspectors(@Args() args: InspectorFilterArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Inspector>> {
    return rootPage<Inspector>({
      ds: ctx.ds,
      entity: Inspector,
      filters: args.skill ? [sql('$? = ANY(t.skills)', args.skill.trim())] : [],
      sortColumn: 'external_id',
      first: pageSize(args.first, ctx.maxPageSize),
      after: args.after,
    });
  }
}
