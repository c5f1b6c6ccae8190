import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { badInput } from '../../common/errors';
import { PageArgs, pageSize, type Page } from '../../common/paging';
import { DateScalar } from '../../common/scalars';
import type { SubgraphContext } from '../types';
import { PetitionConnection, PublicOpinionConnection } from './connections';
import { PetitionCategory } from './enums';
import { opinionPagesByUnit, petitionPagesByUnit, petitionStatsByUnit } from './loaders';
import type { Petition } from './petition.entity';
import type { PublicOpinionItem } from './public-opinion.entity';
import { UnitRef } from './refs';
import { PetitionStats } from './stats';
import { Open } from '../../authz/sensitivity';
import { assertMayQueryBy } from '../../authz/scope';

@ArgsType()
export class PetitionPageArgs extends PageArgs {
  @Field(() => DateScalar, { nullable: true, description: 'Only petitions received on or after this date' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only petitions received on or before this date' })
  to?: string;

  @Field(() => PetitionCategory, { nullable: true, description: 'Only petitions of this category' })
  category?: PetitionCategory;

  @Field(() => String, { nullable: true, description: 'Only petitions from this reporter (信访人); RESTRICTED: the petition bureau only' })
  reporterName?: string;
}

/** Checks the arguments every petition list takes; filtering by the reporter needs read access to it (no oracles). */
export function checkPetitionArgs(args: PetitionPageArgs, ctx: SubgraphContext): number {
  const first = pageSize(args.first, ctx.maxPageSize);
  if (args.from && args.to && args.to < args.from) throw badInput('to must not be before from', { argument: 'to' });
  if (args.reporterName !== undefined && args.reporterName !== null) assertMayQueryBy(ctx, 'Petition', 'reporterName');
  return first;
}

/** What the petition bureau adds to the inspected unit organization owns. */
@Resolver(() => UnitRef)
export class PetitionUnitResolver {
  @Open()
  @FieldResolver(() => PetitionConnection, { description: 'Petitions about the unit, newest received first (信访件)' })
  petitions(@Root() unit: UnitRef, @Args() args: PetitionPageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Petition>> {
    const first = checkPetitionArgs(args, ctx);
    return petitionPagesByUnit(ctx, first, args.after, args).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => PetitionStats, { description: 'Petitions about the unit in figures (信访统计)' })
  petitionStats(@Root() unit: UnitRef, @Ctx() ctx: SubgraphContext): Promise<PetitionStats> {
    return petitionStatsByUnit(ctx).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => PublicOpinionConnection, { description: 'Public-opinion items about the unit, newest first (网络舆情)' })
  publicOpinions(@Root() unit: UnitRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<PublicOpinionItem>> {
    return opinionPagesByUnit(ctx, pageSize(page.first, ctx.maxPageSize), page.after).load(unit.creditCode);
  }
}
