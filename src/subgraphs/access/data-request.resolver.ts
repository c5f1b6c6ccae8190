import { Arg, Args, ArgsType, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { Connection, PageArgs, pageSize, rootPage, sql, type Page, type SqlPart } from '../../common/paging';
import { IsNull, type EntityManager } from 'typeorm';
import { fieldsOf } from '../../authz/catalog';
import { GrantEffect } from '../../authz/grant-types';
import { MaskStrategy } from '../../authz/sensitivity';
import { Role } from '../../common/agency';
import { chinaDate } from '../../common/dates';
import { badInput, conflictOnDuplicate, forbidden, hubError } from '../../common/errors';
import type { Identity } from '../../common/identity';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { CollaborationEntry } from './collaboration.entity';
import { DataRequest, DataRequestStatus, RoundPlan, StandingApproval } from './data-request.entity';
import { approve, grantEnd, isOffice, ownConditionalFields, type ApprovalChoice } from './data-request.workflow';
import { checkFields } from './grant.rules';

@ObjectType('DataRequestConnection', { description: 'A page of data requests' })
class DataRequestConnection extends Connection(DataRequest) {}

enum DataRequestOrder {
  NEWEST = 'NEWEST',
  OVERDUE_FIRST = 'OVERDUE_FIRST',
}
registerEnumType(DataRequestOrder, {
  name: 'DataRequestOrder',
  description: 'Order of a list of data requests',
  valuesConfig: {
    NEWEST: { description: 'Newest first (最新在前)' },
    OVERDUE_FIRST: { description: 'PENDING past the due date first, then by due date, earliest first (逾期在前，再按答复期限)' },
  },
});

@ArgsType()
class DataRequestArgs extends PageArgs {
  @Field(() => DataRequestOrder, { defaultValue: DataRequestOrder.NEWEST }) order: DataRequestOrder;
  @Field(() => DataRequestStatus, { nullable: true }) status?: DataRequestStatus;
  @Field(() => UUIDScalar, { nullable: true }) roundId?: string;
  @Field(() => String, { nullable: true }) unitCreditCode?: string;
  @Field({ defaultValue: false, description: 'Only PENDING requests past their due date (逾期未复)' }) overdue: boolean;
}

@InputType({ description: 'What to share for one requested type: all requested fields or fewer, in clear or masked' })
class ApprovalItemInput {
  @Field() typeName: string;
  @Field(() => [String], { defaultValue: [], description: 'A subset of the requested fields; empty: all requested' }) fields: string[];
  @Field(() => GrantEffect, { defaultValue: GrantEffect.ALLOW }) effect: GrantEffect;
  @Field(() => MaskStrategy, { nullable: true, description: "For MASK: the strategy; empty: each field's default mask" }) maskStrategy?: MaskStrategy | null;
}

const ANSWERING_ROLES = [Role.AGENCY_OFFICER, Role.AGENCY_SYSTEM];
const answers = (identity: Identity, agencyId: string) => identity.agencyId === agencyId && identity.roles.some((r) => ANSWERING_ROLES.includes(r));


async function loadPending(m: EntityManager, id: string, identity: Identity): Promise<DataRequest> {
  if (!isUuid(id)) throw badInput('id is not a data request id', { argument: 'id' });
  if (!identity.roles.some((r) => ANSWERING_ROLES.includes(r))) throw forbidden('Only officers and systems of the agency asked may answer a data request');
  const request = await m.getRepository(DataRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  // Another agency's request is answered like a missing one: which ids exist is not the caller's to learn.
  if (!request || !answers(identity, request.providerAgencyId)) throw hubError('NOT_FOUND', `No data request ${id} in your agency's inbox`);
  if (request.status !== DataRequestStatus.PENDING) throw hubError('CONFLICT', `Data request ${id} is ${request.status}; only a PENDING request can be answered`);
  return request;
}

/** An approval may share less than was asked, never more: fewer fields, or masked. */
async function choicesFor(request: DataRequest, input: ApprovalItemInput[] | null): Promise<ApprovalChoice[]> {
  if (!input) return request.items.map((i) => ({ typeName: i.typeName, fields: i.fields, effect: GrantEffect.ALLOW, maskStrategy: null }));
  if (!input.length) throw badInput('items: approve at least one item, or decline the request', { argument: 'items' });
  const seen = new Set<string>();
  const out: ApprovalChoice[] = [];
  for (const [n, c] of input.entries()) {
    const asked = request.items.find((i) => i.typeName === c.typeName);
    if (!asked) throw badInput(`items[${n}].typeName: ${c.typeName} was not requested (requested: ${request.items.map((i) => i.typeName).join(', ')})`, { argument: 'items' });
    if (seen.has(c.typeName)) throw badInput(`items[${n}].typeName: ${c.typeName} is listed twice`, { argument: 'items' });
    seen.add(c.typeName);
    const extra = c.fields.filter((f) => !asked.fields.includes(f));
    if (extra.length) throw badInput(`items[${n}].fields: ${extra.join(', ')} not requested (requested: ${asked.fields.join(', ')})`, { argument: 'items' });
    const fields = c.fields.length ? c.fields : asked.fields;
    checkFields(c.typeName, fields, await fieldsOf(c.typeName), c.effect, c.maskStrategy);
    out.push({ typeName: c.typeName, fields, effect: c.effect, maskStrategy: c.maskStrategy ?? null });
  }
  return out;
}

@Resolver()
export class DataRequestResolver {
  @Query(() => DataRequestConnection, {
    description:
      'Data requests (协查请求), newest first or overdue first (order): a provider sees its inbox, the inspection office and admins every request, a team member its team’s; overdue: PENDING past the due date',
  })
  async dataRequests(@Args() args: DataRequestArgs, @Ctx() ctx: SubgraphContext): Promise<Page<DataRequest>> {
    if (args.roundId && !isUuid(args.roundId)) throw badInput('roundId is not a round id', { argument: 'roundId' });
    const filters: SqlPart[] = [];
    if (!isOffice(ctx.identity)) {
      // Everyone else: requests addressed to their agency, and those made for the teams they serve on now.
      const teams: { team_id: string }[] = await ctx.ds.query('SELECT DISTINCT team_id FROM access.team_membership WHERE principal_id = $1 AND valid_from <= now() AND valid_to > now()', [ctx.identity.principalId]);
      filters.push(sql('(t.provider_agency_id = $? OR t.team_id = ANY($?))', ctx.identity.agencyId, teams.map((t) => t.team_id)));
    }
    if (args.status) filters.push(sql('t.status = $?', args.status));
    if (args.roundId) filters.push(sql('t.round_id = $?', args.roundId));
    if (args.unitCreditCode) filters.push(sql('t.unit_credit_code = $?', args.unitCreditCode));
    if (args.overdue) filters.push(sql('t.status = $? AND t.due_date < $?', DataRequestStatus.PENDING, chinaDate()));
    // One text key so that pages can follow each other by cursor: "0" overdue / "1" not, then the due date; byte order, not the locale's.
    const overdueFirst = sql(
      `((CASE WHEN t.status = $? AND t.due_date < $? THEN '0' ELSE '1' END) || to_char(t.due_date, 'YYYY-MM-DD')) COLLATE "C"`,
      DataRequestStatus.PENDING,
      chinaDate(),
    );
    return rootPage<DataRequest>({
      ds: ctx.ds,
      entity: DataRequest,
      filters,
      sortColumn: 'created_at',
      sortAscending: args.order === DataRequestOrder.OVERDUE_FIRST ? overdueFirst : undefined,
      first: pageSize(args.first, ctx.maxPageSize),
      after: args.after,
    });
  }

  @Mutation(() => DataRequest, { description: 'Approve a data request (同意协查): as asked, or fewer fields, or masked; creates the grants' })
  async approveDataRequest(
    @Arg('id', () => UUIDScalar) id: string,
    @Arg('items', () => [ApprovalItemInput], { nullable: true, description: 'Omitted: everything as requested, in clear; an empty list is refused (decline instead)' }) items: ApprovalItemInput[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DataRequest> {
    return ctx.ds.transaction(async (m) => {
      const request = await loadPending(m, id, ctx.identity);
      const choices = await choicesFor(request, items);
      const round = await m.getRepository(RoundPlan).findOneByOrFail({ id: request.roundId });
      const validTo = grantEnd(round.endDate, ctx.config.rectificationWindowDays);
      if (validTo <= new Date()) throw hubError('CONFLICT', `Round ${round.name} and its rectification window are over; nothing to grant`);
      return approve(m, request, choices, ctx.identity.principalId, validTo, null);
    });
  }

  @Mutation(() => DataRequest, { description: 'Decline a data request (拒绝协查) with a reason the inspection office will read' })
  async declineDataRequest(@Arg('id', () => UUIDScalar) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<DataRequest> {
    if (reason.trim().length < 4 || reason.length > 2000) throw badInput('reason: say why, in 4 to 2,000 characters', { argument: 'reason' });
    return ctx.ds.transaction(async (m) => {
      const request = await loadPending(m, id, ctx.identity);
      Object.assign(request, { status: DataRequestStatus.DECLINED, decidedAt: new Date(), decidedBy: ctx.identity.principalId, declineReason: reason.trim() });
      return m.getRepository(DataRequest).save(request);
    });
  }

  @Query(() => [StandingApproval], { description: "Standing approvals (常态化授权): an agency's own; admins and the inspection office see all" })
  standingApprovals(@Ctx() ctx: SubgraphContext): Promise<StandingApproval[]> {
    const where = isOffice(ctx.identity) ? { revokedAt: IsNull() } : { revokedAt: IsNull(), agencyId: ctx.identity.agencyId };
    return ctx.ds.getRepository(StandingApproval).find({ where, order: { createdAt: 'ASC' } });
  }

  @Mutation(() => StandingApproval, {
    description: 'Approve a catalogue item for every round in advance (常态化授权): officers of the providing agency; later requests for it are answered at once',
  })
  async createStandingApproval(
    @Arg('entryId', () => UUIDScalar) entryId: string,
    @Arg('effect', () => GrantEffect, { defaultValue: GrantEffect.ALLOW }) effect: GrantEffect,
    @Arg('maskStrategy', () => MaskStrategy, { nullable: true }) maskStrategy: MaskStrategy | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StandingApproval> {
    if (!isUuid(entryId)) throw badInput('entryId is not a catalogue item id', { argument: 'entryId' });
    if (!ctx.identity.roles.includes(Role.AGENCY_OFFICER)) throw forbidden('Only agency officers set standing approvals');
    const entry = await ctx.ds.getRepository(CollaborationEntry).findOneBy({ id: entryId });
    if (!entry) throw hubError('NOT_FOUND', `No catalogue item ${entryId}`);
    if (entry.providerAgencyKind !== ctx.identity.agencyKind) throw forbidden('An agency sets standing approvals on its own catalogue items only');
    if (!entry.typeName) throw badInput('entryId: this item is provided outside the hub; there is nothing to approve', { argument: 'entryId' });
    const fields = entry.fields.length ? entry.fields : await ownConditionalFields(entry.typeName, entry.providerAgencyKind);
    checkFields(entry.typeName, fields, await fieldsOf(entry.typeName), effect, maskStrategy);
    const repo = ctx.ds.getRepository(StandingApproval);
    if (await repo.findOneBy({ agencyId: ctx.identity.agencyId, entryId, revokedAt: IsNull() })) {
      throw hubError('CONFLICT', 'This item already has a standing approval; revoke it first to change it');
    }
    return conflictOnDuplicate(
      repo.save(repo.create({ agencyId: ctx.identity.agencyId, entryId, effect, maskStrategy, createdBy: ctx.identity.principalId })),
      'This item already has a standing approval; revoke it first to change it',
    );
  }

  @Mutation(() => StandingApproval, { description: 'End a standing approval; requests already approved keep their grants' })
  async revokeStandingApproval(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<StandingApproval> {
    if (!isUuid(id)) throw badInput('id is not a standing approval id', { argument: 'id' });
    if (!ctx.identity.roles.includes(Role.AGENCY_OFFICER)) throw forbidden('Only officers of its agency end a standing approval');
    const repo = ctx.ds.getRepository(StandingApproval);
    const found = await repo.findOneBy({ id, revokedAt: IsNull() });
    if (!found || found.agencyId !== ctx.identity.agencyId) throw hubError('NOT_FOUND', `No standing approval ${id} of your agency in force`);
    found.revokedAt = new Date();
    return repo.save(found);
  }
}
