import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageSize, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { PetitionConnection } from './connections';
import { petitionPagesByCadre } from './loaders';
import type { Petition } from './petition.entity';
import { CadreRef } from './refs';
import { Open } from '../../authz/sensitivity';

/** What the petition bureau adds to the cadre organization owns. */
@Resolver(() => CadreRef)
export class PetitionCadreResolver {
  @Open()
  @FieldResolver(() => PetitionConnection, { description: 'Petitions naming the cadre, newest received first (涉及该干部的信访件)' })
  petitions(@Root() cadre: CadreRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Petition>> {
    return petitionPagesByCadre(ctx, pageSize(page.first, ctx.maxPageSize), page.after).load(cadre.id);
  }
}
