import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import type { Page } from '../../common/paging';
import { PetitionConnection } from './connections';
import { petitionPage } from './loaders';
import { checkPetitionArgs, PetitionPageArgs } from './unit.resolver';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { petitionsById } from './loaders';
import { Petition } from './petition.entity';
import { CadreRef, UnitRef } from './refs';
import { Conditional, Open } from '../../authz/sensitivity';

@Resolver(() => Petition)
export class PetitionResolver {
  @Query(() => PetitionConnection, { description: 'Petitions you may see, newest received first (信访件检索); only in your row scope' })
  petitions(
    @Args() args: PetitionPageArgs,
    @Arg('unitCreditCode', () => String, { nullable: true, description: '统一社会信用代码 of one unit' }) unitCreditCode: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Petition>> {
    const first = checkPetitionArgs(args, ctx);
    return petitionPage(ctx, first, args.after, { ...args, unitCreditCode });
  }

  @Query(() => Petition, { nullable: true, description: 'One petition by hub id (信访件); fields follow the same sharing rules as in lists' })
  petition(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<Petition | null> {
    if (!isUuid(id)) throw badInput('id is not a petition id', { argument: 'id' });
    return petitionsById(ctx).load(id);
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit the petition is about (被反映单位)' + '; null when the organisation department has not published that unit',
  })
  subjectUnit(@Root() p: Petition): UnitRef {
    return { creditCode: p.unitCreditCode };
  }

  @Conditional()
  @FieldResolver(() => CadreRef, { nullable: true, description: 'Cadre the petition is about, when it names one (被反映干部) — CONDITIONAL' })
  subjectCadre(@Root() p: Petition): CadreRef | null {
    return p.cadreId ? { id: p.cadreId } : null;
  }
}
