import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Open } from '../../authz/sensitivity';
import { byKey, uuids } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { Agency } from './agency.entity';
import { DisclosureAudit } from './disclosure-audit.entity';
import { GrantChange } from './grant-change.entity';
import { Grant } from './grant.entity';
import { Principal } from './principal.entity';

/**
 * Names where the records keep ids (who changed a grant, who received data), so a
 * person reads 林晓岚 of 巡察办 instead of a UUID. One batched query per level.
 */
const loaderById = <T extends { id: string }>(ctx: SubgraphContext, name: string, entity: new () => T) =>
  ctx.loaders.get<string, T | null>(name, async (ids) => byKey(ids, await ctx.ds.getRepository(entity).findBy({ id: In(uuids(ids)) } as never), (r) => r.id));

export const principalById = (ctx: SubgraphContext) => loaderById(ctx, 'principalById', Principal);

@Resolver(() => DisclosureAudit)
export class DisclosureAuditNamesResolver {
  @Open()
  @FieldResolver(() => Principal, { nullable: true, description: 'The principal who received the data' })
  principal(@Root() e: DisclosureAudit, @Ctx() ctx: SubgraphContext) {
    return principalById(ctx).load(e.principalId);
  }

  @Open()
  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() e: DisclosureAudit, @Ctx() ctx: SubgraphContext) {
    return loaderById(ctx, 'agencyById', Agency).load(e.agencyId);
  }
}

@Resolver(() => GrantChange)
export class GrantChangeNamesResolver {
  @Open()
  @FieldResolver(() => Principal, { nullable: true, description: 'Who made the change (操作人)' })
  changedByPrincipal(@Root() c: GrantChange, @Ctx() ctx: SubgraphContext) {
    return principalById(ctx).load(c.changedBy);
  }
}

@Resolver(() => Grant)
export class GrantNamesResolver {
  @Open()
  @FieldResolver(() => Principal, { nullable: true, description: 'Who created the grant (创建人)' })
  createdByPrincipal(@Root() g: Grant, @Ctx() ctx: SubgraphContext) {
    return principalById(ctx).load(g.createdBy);
  }
}
