import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { In, IsNull, Raw, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { CatalogEntry } from '../../authz/catalog';
import type { Identity } from '../../common/identity';
import { catalog, fieldsOf } from '../../authz/catalog';
import { GrantSubjectKind } from '../../authz/grant-types';
import { SharingClass } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { badInput, forbidden, hubError } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { GrantChange, GrantChangeAction } from './grant-change.entity';
import { Grant } from './grant.entity';
import { GrantInput, NarrowGrantInput } from './grant.inputs';
import { insertGrant, recordGrantChange, revokeGrants } from './grant-store';
import { assertMayManage, checkFields, checkScope, checkSubject, checkUnitScoped, checkWindow, narrowed, ownsAll } from './grant.rules';

/**
 * The grant `id` if the caller may manage it, with its catalogue fields. A grant the
 * caller may not manage is answered exactly like one that does not exist: an officer
 * must not learn which ids are real (nor their state) from the difference.
 */
async function loadManaged(m: EntityManager | DataSource, id: string, identity: Identity, lock: boolean): Promise<{ grant: Grant; fields: Map<string, CatalogEntry> }> {
  if (!isUuid(id)) throw badInput('id is not a grant id', { argument: 'id' });
  if (!identity.roles.some((r) => r === Role.ADMIN || r === Role.AGENCY_OFFICER)) throw forbidden('Only admins and agency officers manage grants');
  const notFound = () => hubError('NOT_FOUND', `No grant ${id} that you may manage`);
  // Row lock: two admins narrowing at once must not both read the same "before".
  const grant = await m.getRepository(Grant).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!grant) throw notFound();
  const fields = await assertMayManage(identity, grant.typeName, grant.fields).catch(() => {
    throw notFound();
  });
  return { grant, fields };
}

/**
 * Which grants cover data an agency kind owns, as WHERE alternatives: every grant on a
 * type whose shared fields are all that agency's; on a type shared by several agencies,
 * the grants naming one of its fields or naming none (all shared fields).
 */
async function ownedBy(kind: AgencyKind): Promise<FindOptionsWhere<Grant>[]> {
  const byType = new Map<string, { owned: string[]; all: number }>();
  for (const e of await catalog()) {
    if (e.sensitivity !== SharingClass.CONDITIONAL) continue;
    const t = byType.get(e.typeName) ?? { owned: [], all: 0 };
    t.all++;
    if (e.ownerAgencyKind === kind) t.owned.push(e.fieldName);
    byType.set(e.typeName, t);
  }
  return [...byType.entries()]
    .filter(([, t]) => t.owned.length)
    .map(([typeName, t], i) =>
      t.owned.length === t.all ? { typeName } : { typeName, fields: Raw((f) => `(${f} = '{}' OR ${f} && :owned${i})`, { [`owned${i}`]: t.owned }) },
    );
}

async function loadForChange(m: EntityManager, id: string, identity: Identity): Promise<{ grant: Grant; fields: Map<string, CatalogEntry> }> {
  const found = await loadManaged(m, id, identity, true);
  if (found.grant.revokedAt) throw badInput(`Grant ${id} is already revoked`);
  return found;
}

@Resolver()
export class GrantResolver {
  @Mutation(() => Grant, { description: 'Create a grant (新建授权): admins, or officers of the owning agency for its own types' })
  async createGrant(@Arg('input', () => GrantInput) input: GrantInput, @Ctx() ctx: SubgraphContext): Promise<Grant> {
    const catalogFields = await assertMayManage(ctx.identity, input.typeName, input.fields);
    checkFields(input.typeName, input.fields, catalogFields, input.effect, input.maskStrategy);
    checkScope(input.scopeKind, input.unitCreditCodes);
    checkUnitScoped(input.typeName, input.fields, catalogFields, input.scopeKind);
    const validFrom = input.validFrom ?? new Date();
    checkWindow(validFrom, input.validTo ?? null);
    if (input.purpose.trim().length < 4) throw badInput('purpose: say what the grant is for', { argument: 'purpose' });
    return ctx.ds.transaction(async (m) => {
      await checkSubject(m, input.subjectKind, input.subjectValue);
      return insertGrant(m, {
        subjectKind: input.subjectKind,
        subjectValue: input.subjectValue,
        typeName: input.typeName,
        fields: input.fields,
        effect: input.effect,
        maskStrategy: input.maskStrategy ?? null,
        scopeKind: input.scopeKind,
        unitCreditCodes: input.unitCreditCodes,
        validFrom,
        validTo: input.validTo ?? null,
        purpose: input.purpose.trim(),
        requestRef: input.requestRef ?? null,
        createdBy: ctx.identity.principalId,
      });
    });
  }

  @Mutation(() => Grant, { description: 'Narrow a grant (收窄授权): fewer fields or units, an earlier end, or MASK instead of ALLOW' })
  async narrowGrant(@Arg('id', () => UUIDScalar) id: string, @Arg('input', () => NarrowGrantInput) input: NarrowGrantInput, @Ctx() ctx: SubgraphContext): Promise<Grant> {
    return ctx.ds.transaction(async (m) => {
      const { grant, fields: catalogFields } = await loadForChange(m, id, ctx.identity);
      const before = { ...grant };
      Object.assign(grant, narrowed(grant, input, catalogFields));
      checkFields(grant.typeName, grant.fields, catalogFields, grant.effect, grant.maskStrategy);
      checkUnitScoped(grant.typeName, grant.fields, catalogFields, grant.scopeKind);
      await m.getRepository(Grant).save(grant);
      await recordGrantChange(m, grant, GrantChangeAction.NARROW, ctx.identity.principalId, before);
      return grant;
    });
  }

  @Mutation(() => Grant, { description: 'Revoke a grant at once (撤销授权)' })
  async revokeGrant(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<Grant> {
    return ctx.ds.transaction(async (m) => {
      const { grant } = await loadForChange(m, id, ctx.identity);
      // loadForChange locked it and found it live and the caller's to manage.
      return (await revokeGrants(m, [grant.id], ctx.identity.principalId))[0];
    });
  }

  @Query(() => [Grant], { description: 'Grants (授权列表): admins see all, officers those on their agency’s types' })
  async grants(
    @Arg('typeName', () => String, { nullable: true }) typeName: string | null,
    @Arg('ownerAgencyKind', () => AgencyKind, { nullable: true, description: 'Only grants on data this kind of agency owns (数据所属单位)' }) ownerAgencyKind: AgencyKind | null,
    @Arg('subjectKind', () => GrantSubjectKind, { nullable: true }) subjectKind: GrantSubjectKind | null,
    @Arg('subjectValue', () => String, { nullable: true }) subjectValue: string | null,
    @Arg('includeRevoked', { defaultValue: false }) includeRevoked: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Grant[]> {
    const types = await this.manageableTypes(ctx, typeName);
    const base: FindOptionsWhere<Grant> = {
      ...(types ? { typeName: In(types) } : {}),
      ...(subjectKind ? { subjectKind } : {}),
      ...(subjectValue ? { subjectValue } : {}),
      ...(includeRevoked ? {} : { revokedAt: IsNull() }),
    };
    const owned = ownerAgencyKind ? (await ownedBy(ownerAgencyKind)).filter((o) => !types || types.includes(o.typeName as string)) : null;
    if (owned && !owned.length) return [];
    const found = await ctx.ds.getRepository(Grant).find({
      where: owned ? owned.map((o) => ({ ...base, ...o })) : base,
      order: { createdAt: 'ASC' },
    });
    if (ctx.identity.roles.includes(Role.ADMIN)) return found;
    // An officer sees the grants it could manage: those whose every field its agency owns.
    const byType = new Map<string, Awaited<ReturnType<typeof fieldsOf>>>();
    const kept: Grant[] = [];
    for (const g of found) {
      if (!byType.has(g.typeName)) byType.set(g.typeName, await fieldsOf(g.typeName));
      if (ownsAll(ctx.identity, byType.get(g.typeName)!, g.fields)) kept.push(g);
    }
    return kept;
  }

  @Query(() => [GrantChange], { description: 'Every change of a grant, oldest first (授权变更记录)' })
  async grantHistory(@Arg('grantId', () => UUIDScalar) grantId: string, @Ctx() ctx: SubgraphContext): Promise<GrantChange[]> {
    await loadManaged(ctx.ds, grantId, ctx.identity, false);
    return ctx.ds.getRepository(GrantChange).find({ where: { grantId }, order: { changedAt: 'ASC' } });
  }

  /** null: every type (admin); otherwise the types the caller's agency owns. */
  private async manageableTypes(ctx: SubgraphContext, typeName: string | null): Promise<string[] | null> {
    if (ctx.identity.roles.includes(Role.ADMIN)) return typeName ? [typeName] : null;
    if (!ctx.identity.roles.includes(Role.AGENCY_OFFICER)) throw forbidden('Only admins and agency officers may list grants');
    if (typeName) {
      const fields = await fieldsOf(typeName);
      if (!fields.size) throw badInput(`Unknown type ${typeName}; see the catalog query`, { argument: 'typeName' });
      const ownsSome = [...fields.values()].some((f) => f.sensitivity === SharingClass.CONDITIONAL && f.ownerAgencyKind === ctx.identity.agencyKind);
      if (!ownsSome) throw forbidden(`Your agency owns no shared field of ${typeName}`);
      return [typeName];
    }
    const own = (await catalog()).filter((e) => e.ownerAgencyKind === ctx.identity.agencyKind && e.sensitivity === SharingClass.CONDITIONAL);
    return [...new Set(own.map((e) => e.typeName))];
  }
}

