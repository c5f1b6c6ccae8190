import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { Cadre } from './cadre.entity';
import { cadresById, postingsByCadre, unitsById } from './loaders';
import { CadrePosting } from './posting.entity';
import { InspectedUnit } from './unit.entity';
import { Open } from '../../authz/sensitivity';

@Resolver(() => Cadre)
export class CadreResolver {
  @Query(() => Cadre, { nullable: true, description: 'One cadre by hub id' })
  cadre(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext) {
    if (!isUuid(id)) throw badInput('id is not a cadre id', { argument: 'id' });
    return cadresById(ctx).load(id);
  }

  @Open()
  @FieldResolver(() => InspectedUnit, { nullable: true, description: 'Unit where the cadre holds the post (任职单位)' })
  unit(@Root() cadre: Cadre, @Ctx() ctx: SubgraphContext) {
    return unitsById(ctx).load(cadre.unitId);
  }

  @Open()
  @FieldResolver(() => [CadrePosting], { description: 'Career history, oldest first (任职经历)' })
  careerHistory(@Root() cadre: Cadre, @Ctx() ctx: SubgraphContext) {
    return postingsByCadre(ctx).load(cadre.id);
  }
}
