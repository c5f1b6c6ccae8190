import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageSize, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { PetitionConnection } from './connections';
import { petitionPagesByCadre } from './loaders';
import type { Petition } from './petition.entity';
import { CadreRef } from './refs';
import { Conditional } from '../../authz/sensitivity';

/** What the petition bureau adds to the cadre organization owns. */
@Resolver(() => CadreRef)
export class PetitionCadreResolver {
  // Which cadres are named in petitions is itself CONDITIONAL (as Petition.subjectCadre is).
  @Conditional()
  @FieldResolver(() => PetitionConnection, { nullable: true, description: 'Petitions naming the cadre, newest received first (涉及该干部的信访件) — CONDITIONAL' })
  petitions(@Root() cadre: CadreRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Petition> | null> {
    return petitionPagesByCadre(ctx, pageSize(page.first, ctx.maxPageSize), page.after).load(cadre.id);
  }
}
