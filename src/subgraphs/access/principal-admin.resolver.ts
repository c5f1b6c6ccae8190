import { randomBytes } from 'node:crypto';
import { UUIDScalar } from '../../common/scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { AgencyKind, Role } from '../../common/agency';
import { badInput, conflictOnDuplicate, hubError } from '../../common/errors';
import { byKey, isUuid, uuids } from '../../common/loaders';
import { Open } from '../../authz/sensitivity';
import type { SubgraphContext } from '../types';
import { Agency } from './agency.entity';
import { PrincipalCredential, SignInOutcome } from './credential.entity';
import { generatePassword, logAccountChange, setPassword } from './credentials';
import { Principal, PrincipalKind } from './principal.entity';
import { IssuedApiKey, hashApiKey, requireAdmin } from './resolver';

@ObjectType({ description: 'A password set by an admin (初始密码): shown once, stored only as a hash' })
class IssuedPassword {
  @Open() @Field(() => Principal) principal: Principal;
  @Open() @Field({ description: 'Hand it to the person; they sign in with it' }) password: string;
}

@InputType({ description: 'A person to create (新增人员)' })
class PrincipalInput {
  @Field(() => UUIDScalar) agencyId: string;
  @Field({ description: 'Login name: 3-60 lowercase letters, digits, . _ -' }) login: string;
  @Field({ description: 'Name (姓名)' }) name: string;
  @Field(() => [Role]) roles: Role[];
}

/** Roles a person of an agency may hold: systems have their own role, office and team roles stay in the inspection office. */
function checkRoles(roles: Role[], agencyKind: AgencyKind): void {
  if (!roles.length) throw badInput('A person needs at least one role', { argument: 'roles' });
  if (roles.includes(Role.AGENCY_SYSTEM)) throw badInput('AGENCY_SYSTEM is for agency systems (createAgencySystem)', { argument: 'roles' });
  const officeOnly = [Role.INSPECTION_OFFICE, Role.TEAM_LEADER, Role.TEAM_MEMBER];
  if (agencyKind !== AgencyKind.INSPECTION_OFFICE && roles.some((r) => officeOnly.includes(r))) {
    throw badInput('Inspection office and team roles belong to people of the inspection office', { argument: 'roles' });
  }
  if (agencyKind !== AgencyKind.DISCIPLINE_COMMISSION && roles.includes(Role.CASE_SUPERVISION)) {
    throw badInput('CASE_SUPERVISION belongs to people of the discipline commission', { argument: 'roles' });
  }
}

async function loadPrincipal(ctx: SubgraphContext, id: string): Promise<Principal> {
  if (!isUuid(id)) throw badInput('id is not a principal id', { argument: 'id' });
  const p = await ctx.ds.getRepository(Principal).findOneBy({ id });
  if (!p) throw hubError('NOT_FOUND', `No principal ${id}`);
  return p;
}

async function agencyOf(ctx: SubgraphContext, agencyId: string): Promise<Agency> {
  const agency = isUuid(agencyId) ? await ctx.ds.getRepository(Agency).findOneBy({ id: agencyId }) : null;
  if (!agency) throw badInput('No such agency', { argument: 'agencyId' });
  return agency;
}

/**
 * Managing people and systems (用户管理), admins only: create a person with a
 * one-time password, change roles, deactivate (their sessions end at once), reset a
 * password or an agency system's API key. Secrets are returned once and stored only
 * as hashes.
 */
@Resolver(() => Principal)
export class PrincipalAdminResolver {
  @Mutation(() => IssuedPassword, { description: 'Create a person with a one-time password (新增人员, admins only)' })
  async createPrincipal(@Arg('input', () => PrincipalInput) input: PrincipalInput, @Ctx() ctx: SubgraphContext): Promise<IssuedPassword> {
    requireAdmin(ctx);
    const agency = await agencyOf(ctx, input.agencyId);
    const login = input.login.trim();
    if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(login)) throw badInput('login must be 3-60 lowercase letters, digits, . _ -', { argument: 'login' });
    const name = input.name.trim();
    if (!name || name.length > 100) throw badInput('name must have 1-100 characters', { argument: 'name' });
    const roles = [...new Set(input.roles)];
    checkRoles(roles, agency.kind);
    const password = generatePassword();
    const principal = await conflictOnDuplicate(
      ctx.ds.transaction(async (m) => {
        const p = await m.getRepository(Principal).save({ login, name, kind: PrincipalKind.USER, agencyId: agency.id, roles, active: true });
        await setPassword(m, p, password, ctx.identity.principalId);
        return p;
      }),
      `login ${login} is taken`,
    );
    return { principal, password };
  }

  @Mutation(() => Principal, { description: "Replace a person's roles (调整角色, admins only)" })
  async setPrincipalRoles(@Arg('id', () => UUIDScalar) id: string, @Arg('roles', () => [Role]) roles: Role[], @Ctx() ctx: SubgraphContext): Promise<Principal> {
    requireAdmin(ctx);
    const p = await loadPrincipal(ctx, id);
    if (p.kind !== PrincipalKind.USER) throw badInput('Agency systems keep the AGENCY_SYSTEM role', { argument: 'id' });
    const unique = [...new Set(roles)];
    checkRoles(unique, (await agencyOf(ctx, p.agencyId)).kind);
    if (p.id === ctx.identity.principalId && !unique.includes(Role.ADMIN)) throw badInput('An admin cannot take away their own ADMIN role', { argument: 'roles' });
    await ctx.ds.transaction(async (m) => {
      await m.getRepository(Principal).update({ id }, { roles: unique });
      await logAccountChange(m, p, SignInOutcome.ROLES_CHANGED, ctx.identity.principalId);
    });
    return { ...p, roles: unique };
  }

  @Mutation(() => Principal, { description: 'Activate or deactivate a principal (启用/停用, admins only); deactivation ends its sessions and refuses its tokens and keys at once' })
  async setPrincipalActive(@Arg('id', () => UUIDScalar) id: string, @Arg('active') active: boolean, @Ctx() ctx: SubgraphContext): Promise<Principal> {
    requireAdmin(ctx);
    const p = await loadPrincipal(ctx, id);
    if (p.id === ctx.identity.principalId && !active) throw badInput('An admin cannot deactivate themselves', { argument: 'id' });
    await ctx.ds.transaction(async (m) => {
      await m.getRepository(Principal).update({ id }, { active });
      if (!active) await m.query('UPDATE access.console_session SET ended_at = now() WHERE principal_id = $1 AND ended_at IS NULL', [id]);
      await logAccountChange(m, p, active ? SignInOutcome.ACTIVATED : SignInOutcome.DEACTIVATED, ctx.identity.principalId);
    });
    return { ...p, active };
  }

  @Mutation(() => IssuedPassword, { description: "Reset a person's password (重置密码, admins only): a new one-time password; their sessions end and a lock-out is lifted" })
  async resetPassword(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<IssuedPassword> {
    requireAdmin(ctx);
    const principal = await loadPrincipal(ctx, id);
    if (principal.kind !== PrincipalKind.USER) throw badInput('Agency systems sign in with API keys (resetApiKey)', { argument: 'id' });
    const password = generatePassword();
    await ctx.ds.transaction((m) => setPassword(m, principal, password, ctx.identity.principalId));
    return { principal, password };
  }

  @Mutation(() => IssuedApiKey, { description: "Issue a new API key for an agency system (重置接口密钥, admins only); the old key stops working at once" })
  async resetApiKey(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<IssuedApiKey> {
    requireAdmin(ctx);
    const principal = await loadPrincipal(ctx, id);
    if (principal.kind !== PrincipalKind.SYSTEM) throw badInput('People sign in with passwords (resetPassword)', { argument: 'id' });
    const apiKey = `xh_${randomBytes(32).toString('base64url')}`;
    await ctx.ds.transaction(async (m) => {
      await m.getRepository(Principal).update({ id }, { apiKeyHash: hashApiKey(apiKey) });
      await logAccountChange(m, principal, SignInOutcome.API_KEY_SET, ctx.identity.principalId);
    });
    return { principal, apiKey };
  }

  @Open()
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person can sign in to the console with a password (admins only; null for others)' })
  async hasPassword(@Root() p: Principal, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    if (!ctx.identity.roles.includes(Role.ADMIN)) return null;
    const loader = ctx.loaders.get<string, PrincipalCredential | null>('credentialByPrincipal', async (ids) =>
      byKey(ids, await ctx.ds.getRepository(PrincipalCredential).find({ where: { principalId: In(uuids(ids)) }, select: { principalId: true } }), (c) => c.principalId),
    );
    return (await loader.load(p.id)) !== null;
  }
}
