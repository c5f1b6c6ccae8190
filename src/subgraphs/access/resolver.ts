import { randomBytes, createHash } from 'node:crypto';
import { logAccountChange } from './credentials';
import { SignInOutcome } from './credential.entity';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { In } from 'typeorm';
import { Role } from '../../common/agency';
import { badInput, forbidden } from '../../common/errors';
import { byKey, isUuid, uuids } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { Agency } from './agency.entity';
import { Principal, PrincipalKind } from './principal.entity';
import { Open } from '../../authz/sensitivity';

const agenciesById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Agency | null>('agencyById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(Agency).findBy({ id: In(uuids(ids)) }), (a) => a.id),
  );

export function requireAdmin(ctx: SubgraphContext): void {
  if (!ctx.identity.roles.includes(Role.ADMIN)) throw forbidden('Only admins may manage principals');
}

@ObjectType({ description: 'A newly issued API key: shown once, stored only as a hash' })
export class IssuedApiKey {
  @Open()
  @Field(() => Principal) principal: Principal;
  @Open()
  @Field({ description: 'Send as `Authorization: ApiKey <key>`' }) apiKey: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Resolver(() => Principal)
export class PrincipalResolver {
  @Query(() => Principal, { description: 'The calling principal (当前用户)' })
  async me(@Ctx() ctx: SubgraphContext): Promise<Principal> {
    const p = await ctx.ds.getRepository(Principal).findOneBy({ id: ctx.identity.principalId });
    if (!p) throw forbidden('Principal no longer exists');
    return p;
  }

  @Query(() => [Agency], { description: 'Member agencies (成员单位)' })
  agencies(@Ctx() ctx: SubgraphContext): Promise<Agency[]> {
    return ctx.ds.getRepository(Agency).find({ order: { code: 'ASC' } });
  }

  @Query(() => [Principal], { description: 'Principals of an agency (admins only)' })
  principals(@Arg('agencyId', () => UUIDScalar) agencyId: string, @Ctx() ctx: SubgraphContext): Promise<Principal[]> {
    requireAdmin(ctx);
    if (!isUuid(agencyId)) throw badInput('agencyId is not an agency id', { argument: 'agencyId' });
    return ctx.ds.getRepository(Principal).find({ where: { agencyId }, order: { login: 'ASC' } });
  }

  @Mutation(() => IssuedApiKey, { description: 'Register an agency system and issue its API key (admins only)' })
  async createAgencySystem(
    @Arg('agencyId', () => UUIDScalar) agencyId: string,
    @Arg('login') login: string,
    @Arg('name') name: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IssuedApiKey> {
    requireAdmin(ctx);
    if (!isUuid(agencyId) || !(await ctx.ds.getRepository(Agency).existsBy({ id: agencyId }))) throw badInput('No such agency', { argument: 'agencyId' });
    if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(login)) throw badInput('login must be 3-60 lowercase letters, digits, . _ -', { argument: 'login' });
    if (name.length > 100) throw badInput('name must have at most 100 characters', { argument: 'name' });
    if (await ctx.ds.getRepository(Principal).existsBy({ login })) throw badInput(`login ${login} is taken`, { argument: 'login' });
    const apiKey = `xh_${randomBytes(32).toString('base64url')}`;
    const principal = await ctx.ds.getRepository(Principal).save({
      login,
      name: name.trim() || login,
      kind: PrincipalKind.SYSTEM,
      agencyId,
      roles: [Role.AGENCY_SYSTEM],
      apiKeyHash: hashApiKey(apiKey),
      active: true,
    });
    await logAccountChange(ctx.ds.manager, principal, SignInOutcome.API_KEY_SET, ctx.identity.principalId);
    return { principal, apiKey };
  }

  @Open()
  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() p: Principal, @Ctx() ctx: SubgraphContext) {
    return agenciesById(ctx).load(p.agencyId);
  }
}
