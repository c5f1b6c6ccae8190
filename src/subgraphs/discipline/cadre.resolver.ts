import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Conditional } from '../../authz/sensitivity';
import type { SubgraphContext } from '../types';
import { sanctionsByCadre } from './loaders';
import { CadreRef } from './refs';
import { Sanction } from './sanction.entity';

/**
 * Sanctions listed from the cadre name the person, which Sanction.cadre guards as
 * CONDITIONAL; the list is guarded alike, or it would reveal the same thing.
 */
@Resolver(() => CadreRef)
export class CadreDisciplineResolver {
  @FieldResolver(() => [Sanction], { nullable: true, description: "The cadre's sanctions (党纪政务处分), newest first — CONDITIONAL" })
  @Conditional()
  sanctions(@Root() cadre: CadreRef, @Ctx() ctx: SubgraphContext): Promise<Sanction[]> {
    return sanctionsByCadre(ctx).load(cadre.id);
  }
}
