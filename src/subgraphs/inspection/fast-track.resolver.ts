import { chinaDate } from '../../common/dates';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Open } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { creditCodeProblem } from '../../common/codes';
import { badInput, forbidden, hubError } from '../../common/errors';
import type { Identity } from '../../common/identity';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, pageSize, rootPage, sql, type Page, type SqlPart } from '../../common/paging';
import { DateScalar, UUIDScalar } from '../../common/scalars';
import { lengthProblem, pastDateProblem } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { RoundStatus } from './enums';
import { DisposalMethod } from '../../common/disposal';
import { FastTrackClue, FastTrackEvent, FastTrackStatus } from './fast-track.entity';
import { roundsById, teamsById } from './loaders';
import { UnitRef, unitRef } from './refs';
import { InspectionRound } from './round.entity';
import { InspectionTeam } from './team.entity';

/** The fast track as a state machine: what may follow each state. */
const NEXT: Record<FastTrackStatus, FastTrackStatus[]> = {
  RECORDED: [FastTrackStatus.REVIEWED],
  REVIEWED: [FastTrackStatus.TRANSFERRED],
  TRANSFERRED: [FastTrackStatus.DISPOSED],
  DISPOSED: [FastTrackStatus.FILED, FastTrackStatus.CLOSED],
  FILED: [FastTrackStatus.CLOSED],
  CLOSED: [],
};

@InputType({ description: 'A clue found during a round (巡察中发现的问题线索)' })
class FastTrackClueInput {
  @Field(() => UUIDScalar) roundId: string;
  @Field({ description: '统一社会信用代码 of a unit the recording team inspects' }) unitCreditCode: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the cadre concerned, if any' }) cadreId?: string | null;
  @Field() summary: string;
  @Field() details: string;
  @Field(() => [String], { defaultValue: [], description: 'References to evidence held by the team (证据材料编号)' }) evidenceRefs: string[];
  @Field(() => DateScalar, { description: 'Date found (发现日期)' }) discoveredDate: string;
  @Field(() => String, { nullable: true, description: 'Idempotency key chosen by the recorder: repeating the call with it returns the clue already recorded' })
  clientKey?: string | null;
}

@ArgsType()
class FastTrackArgs extends PageArgs {
  @Field(() => UUIDScalar, { nullable: true }) roundId?: string;
  @Field(() => FastTrackStatus, { nullable: true }) status?: FastTrackStatus;
}

@ObjectType('FastTrackClueConnection', { description: 'A page of fast-track clues' })
class FastTrackClueConnection extends Connection(FastTrackClue) {}

const MIRROR = `mutation($c: FastTrackMirrorInput!) { mirrorFastTrackClue(clue: $c) }`;

/** Fast-track clues are the inspection office's and the discipline commission's business only. */
export const seesFastTrack = (identity: Identity) =>
  identity.agencyKind === AgencyKind.INSPECTION_OFFICE || identity.agencyKind === AgencyKind.DISCIPLINE_COMMISSION || identity.roles.includes(Role.ADMIN);

/** Inspection-office roles that oversee every team's clues. */
const OFFICE_WIDE = [Role.ADMIN, Role.INSPECTION_OFFICE, Role.AGENCY_OFFICER, Role.AGENCY_SYSTEM];

const commission = (identity: Identity, roles: Role[]) => identity.agencyKind === AgencyKind.DISCIPLINE_COMMISSION && identity.roles.some((r) => roles.includes(r));

/** LEADER or MEMBER when the caller, one of the inspection office's own people, is on the team through its talent-pool entry; else null. */
async function placeOnTeam(m: EntityManager, identity: Identity, teamId: string): Promise<'LEADER' | 'MEMBER' | null> {
  if (identity.agencyKind !== AgencyKind.INSPECTION_OFFICE) return null;
  const principalId = identity.principalId;
  const [row] = await m.query(
    `SELECT CASE WHEN t.leader_id = i.id THEN 'LEADER' ELSE 'MEMBER' END AS place
       FROM inspection.inspection_team t
       JOIN inspection.inspector i ON i.principal_id = $1
      WHERE t.id = $2 AND (t.leader_id = i.id OR EXISTS (SELECT 1 FROM inspection.team_member tm WHERE tm.team_id = t.id AND tm.inspector_id = i.id))
      ORDER BY 1 LIMIT 1`,
    [principalId, teamId],
  );
  return row?.place ?? null;
}

async function load(m: EntityManager, id: string): Promise<FastTrackClue> {
  if (!isUuid(id)) throw badInput('id is not a clue id', { argument: 'id' });
  const clue = await m.getRepository(FastTrackClue).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!clue) throw hubError('NOT_FOUND', `No fast-track clue ${id}`);
  return clue;
}

/** Refuses a step the state machine does not allow from here, naming what may come next. */
function assertNext(clue: FastTrackClue, to: FastTrackStatus, what: string): void {
  const allowed = NEXT[clue.status];
  if (!allowed.includes(to)) {
    throw hubError('CONFLICT', `Cannot ${what}: the clue is ${clue.status}; allowed next: ${allowed.length ? allowed.join(', ') : 'none (closed)'}`, {
      status: clue.status,
      allowedNext: allowed,
    });
  }
}

async function record(m: EntityManager, clue: FastTrackClue, action: string, from: FastTrackStatus | null, identity: Identity): Promise<void> {
  await m.getRepository(FastTrackEvent).insert({
    clueId: clue.id,
    action,
    fromStatus: from,
    toStatus: clue.status,
    actorId: identity.principalId,
    actorName: identity.principalName,
    actorAgencyKind: identity.agencyKind,
  });
}

@Resolver(() => FastTrackClue)
export class FastTrackResolver {
  @Query(() => FastTrackClueConnection, { nullable: true, description: 'Fast-track clues (绿色通道线索), newest first: for the inspection office and the discipline commission' })
  fastTrackClues(@Args() args: FastTrackArgs, @Ctx() ctx: SubgraphContext): Promise<Page<FastTrackClue>> {
    if (!seesFastTrack(ctx.identity)) throw forbidden('Fast-track clues are for the inspection office and the discipline commission');
    if (args.roundId && !isUuid(args.roundId)) throw badInput('roundId is not a round id', { argument: 'roundId' });
    const filters: SqlPart[] = [];
    if (ctx.identity.agencyKind === AgencyKind.INSPECTION_OFFICE && !ctx.identity.roles.some((r) => OFFICE_WIDE.includes(r))) {
      // Team leaders and members see their own teams' clues, not every team's.
      filters.push(
        sql(
          `t.team_id IN (SELECT tt.id FROM inspection.inspection_team tt JOIN inspection.inspector i ON i.principal_id = $?
             WHERE tt.leader_id = i.id OR EXISTS (SELECT 1 FROM inspection.team_member tm WHERE tm.team_id = tt.id AND tm.inspector_id = i.id))`,
          ctx.identity.principalId,
        ),
      );
    }
    if (args.roundId) filters.push(sql('t.round_id = $?', args.roundId));
    if (args.status) filters.push(sql('t.status = $?', args.status));
    return rootPage<FastTrackClue>({ ds: ctx.ds, entity: FastTrackClue, filters, sortColumn: 'created_at', first: pageSize(args.first, ctx.maxPageSize), after: args.after });
  }

  @Mutation(() => FastTrackClue, { description: 'Record a clue found during the round (登记问题线索): a member of the team inspecting the unit' })
  async recordFastTrackClue(@Arg('input', () => FastTrackClueInput) input: FastTrackClueInput, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    const problems = [
      ['roundId', isUuid(input.roundId) ? null : 'is not a round id'],
      ['unitCreditCode', creditCodeProblem(input.unitCreditCode)],
      ['cadreId', input.cadreId && !isUuid(input.cadreId) ? 'must be the hub id (uuid) of a cadre' : null],
      ['summary', lengthProblem(input.summary, 4, 500)],
      ['details', lengthProblem(input.details, 4, 20000)],
      ['evidenceRefs', input.evidenceRefs.length > 100 || input.evidenceRefs.some((e) => !e.trim() || e.length > 200) ? 'at most 100 references of 1-200 characters' : null],
      ['discoveredDate', pastDateProblem(input.discoveredDate)],
      ['clientKey', input.clientKey && !/^[\w.:-]{1,100}$/.test(input.clientKey) ? '1-100 letters, digits or . _ : -' : null],
    ].filter(([, p]) => p);
    if (problems.length) throw badInput(problems.map(([f, p]) => `${f}: ${p}`).join('; '), { fields: problems.map(([f]) => f) });
    return ctx.ds.transaction(async (m) => {
      if (input.clientKey) {
        // Keys are the recorder's own: the same key from someone else is a different recording.
        const key = `${ctx.identity.principalId}:${input.clientKey}`;
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fast-track:${key}`]);
        const earlier = await m.getRepository(FastTrackClue).findOneBy({ clientKey: key });
        if (earlier) return earlier;
      }
      const [assignment] = await m.query('SELECT team_id FROM inspection.team_assignment WHERE round_id = $1 AND unit_credit_code = $2', [input.roundId, input.unitCreditCode]);
      if (!assignment) throw hubError('NOT_FOUND', `Round ${input.roundId} does not inspect unit ${input.unitCreditCode}`);
      if (!(await placeOnTeam(m, ctx.identity, assignment.team_id))) throw forbidden('Only members of the team inspecting the unit record its clues');
      if (ctx.policy.recused(input.unitCreditCode)) throw forbidden('Recusal (回避): you are tied to this unit; another member records the clue');
      const round = await m.getRepository(InspectionRound).findOneByOrFail({ id: input.roundId });
      if (round.status !== RoundStatus.IN_PROGRESS) throw hubError('CONFLICT', `Round ${round.name} is ${round.status}: clues are recorded while a round is IN_PROGRESS`);
      if (input.discoveredDate < round.startDate) throw badInput(`discoveredDate: before the round started (${round.startDate})`, { fields: ['discoveredDate'] });
      const clue = m.getRepository(FastTrackClue).create({
        roundId: input.roundId,
        teamId: assignment.team_id,
        unitCreditCode: input.unitCreditCode,
        cadreId: input.cadreId ?? null,
        summary: input.summary.trim(),
        details: input.details.trim(),
        evidenceRefs: input.evidenceRefs.map((e) => e.trim()),
        discoveredDate: input.discoveredDate,
        status: FastTrackStatus.RECORDED,
        recordedBy: ctx.identity.principalId,
        clientKey: input.clientKey ? `${ctx.identity.principalId}:${input.clientKey}` : null,
      });
      await m.getRepository(FastTrackClue).save(clue);
      await record(m, clue, 'RECORD', null, ctx.identity);
      return clue;
    });
  }

  @Mutation(() => FastTrackClue, {
    description: "Record an opinion in joint review (联席研判): the team leader for the team, a commission officer for the commission; with both, the clue is REVIEWED",
  })
  async recordClueOpinion(@Arg('id', () => UUIDScalar) id: string, @Arg('opinion') opinion: string, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    if (lengthProblem(opinion, 2, 4000)) throw badInput('opinion: 2 to 4,000 characters', { argument: 'opinion' });
    return ctx.ds.transaction(async (m) => {
      const clue = await load(m, id);
      const side = commission(ctx.identity, [Role.AGENCY_OFFICER, Role.CASE_SUPERVISION])
        ? 'COMMISSION'
        : (await placeOnTeam(m, ctx.identity, clue.teamId)) === 'LEADER'
          ? 'TEAM'
          : null;
      if (!side) throw forbidden('Opinions in joint review come from the team leader and the discipline commission');
      if (ctx.policy.recused(clue.unitCreditCode)) throw forbidden('Recusal (回避): you are tied to this unit and take no part in its review');
      assertNext(clue, FastTrackStatus.REVIEWED, 'record an opinion');
      if ((side === 'TEAM' ? clue.teamOpinion : clue.commissionOpinion) !== null) throw hubError('CONFLICT', `The ${side.toLowerCase()}'s opinion is already on record`);
      if (side === 'TEAM') clue.teamOpinion = opinion.trim();
      else clue.commissionOpinion = opinion.trim();
      const from = clue.status;
      if (clue.teamOpinion && clue.commissionOpinion) clue.status = FastTrackStatus.REVIEWED;
      await m.getRepository(FastTrackClue).save(clue);
      await record(m, clue, `${side}_OPINION`, from, ctx.identity);
      return clue;
    });
  }

  @Mutation(() => FastTrackClue, { description: "Accept the transfer (接收移交): the commission's case supervision office; the clue becomes a problem clue of the discipline subgraph" })
  acceptClueTransfer(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    return this.step(ctx, id, FastTrackStatus.TRANSFERRED, 'accept the transfer', 'TRANSFER', [Role.CASE_SUPERVISION], (clue) => {
      clue.transferredAt = new Date();
    });
  }

  @Mutation(() => FastTrackClue, { description: 'Dispose of a transferred clue (线索处置) by one of the four methods: commission officers' })
  disposeClue(@Arg('id', () => UUIDScalar) id: string, @Arg('method', () => DisposalMethod) method: DisposalMethod, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    return this.step(ctx, id, FastTrackStatus.DISPOSED, 'dispose of it', 'DISPOSE', [Role.AGENCY_OFFICER, Role.CASE_SUPERVISION], (clue) => {
      clue.disposalMethod = method;
    });
  }

  @Mutation(() => FastTrackClue, { description: 'File a case (立案) after preliminary verification: commission officers' })
  fileClueCase(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    return this.step(ctx, id, FastTrackStatus.FILED, 'file a case', 'FILE', [Role.AGENCY_OFFICER, Role.CASE_SUPERVISION], (clue) => {
      if (clue.disposalMethod !== DisposalMethod.PRELIMINARY_VERIFICATION) {
        throw badInput(`A case is filed after preliminary verification (初步核实); this clue was disposed of by ${clue.disposalMethod}`);
      }
      clue.filedAt = new Date();
    });
  }

  @Mutation(() => FastTrackClue, { description: 'Close the clue (办结) with the result fed back to the inspection office: commission officers' })
  closeClue(@Arg('id', () => UUIDScalar) id: string, @Arg('result') result: string, @Ctx() ctx: SubgraphContext): Promise<FastTrackClue> {
    if (lengthProblem(result, 2, 4000)) throw badInput('result: 2 to 4,000 characters', { argument: 'result' });
    return this.step(ctx, id, FastTrackStatus.CLOSED, 'close it', 'CLOSE', [Role.AGENCY_OFFICER, Role.CASE_SUPERVISION], (clue) => {
      clue.closedAt = new Date();
      clue.result = result.trim();
    });
  }

  /**
   * A commission step: role check, state machine, the change, its event, and the
   * discipline subgraph's problem clue kept in step. If the discipline service refuses
   * or is down, nothing here is written; if this commit failed after discipline
   * wrote, repeating the step brings both in line (the copy is keyed by the clue).
   */
  private step(ctx: SubgraphContext, id: string, to: FastTrackStatus, what: string, action: string, roles: Role[], change: (clue: FastTrackClue) => void): Promise<FastTrackClue> {
    if (!commission(ctx.identity, roles)) throw forbidden(`Only ${roles.join(' or ')} of the discipline commission may ${what}`);
    return ctx.ds.transaction(async (m) => {
      const clue = await load(m, id);
      if (ctx.policy.recused(clue.unitCreditCode)) throw forbidden('Recusal (回避): you are tied to this unit; a colleague takes this step');
      assertNext(clue, to, what);
      const from = clue.status;
      change(clue);
      clue.status = to;
      const mirrored = await ctx.callPeer<{ mirrorFastTrackClue: string }>('discipline', MIRROR, {
        c: {
          fastTrackClueId: clue.id,
          unitCreditCode: clue.unitCreditCode,
          summary: clue.summary,
          details: clue.details,
          receivedDate: chinaDate(clue.transferredAt ?? new Date()),
          disposalMethod: clue.disposalMethod,
          filedDate: clue.filedAt ? chinaDate(clue.filedAt) : null,
          closedDate: clue.closedAt ? chinaDate(clue.closedAt) : null,
        },
      });
      clue.problemClueId = mirrored.mirrorFastTrackClue;
      await m.getRepository(FastTrackClue).save(clue);
      await record(m, clue, action, from, ctx.identity);
      return clue;
    });
  }

  @Open()
  @FieldResolver(() => InspectionRound, { nullable: true })
  round(@Root() clue: FastTrackClue, @Ctx() ctx: SubgraphContext) {
    return roundsById(ctx).load(clue.roundId);
  }

  @Open()
  @FieldResolver(() => InspectionTeam, { nullable: true })
  team(@Root() clue: FastTrackClue, @Ctx() ctx: SubgraphContext) {
    return teamsById(ctx).load(clue.teamId);
  }

  @Open()
  @FieldResolver(() => UnitRef, { nullable: true })
  unit(@Root() clue: FastTrackClue): UnitRef {
    return unitRef(clue.unitCreditCode);
  }

  @Open()
  @FieldResolver(() => [FastTrackStatus], { description: 'What may follow the current state' })
  allowedNext(@Root() clue: FastTrackClue): FastTrackStatus[] {
    return NEXT[clue.status];
  }

  @Open()
  @FieldResolver(() => [FastTrackEvent], { description: 'Every step, oldest first: who, which agency, when' })
  async events(@Root() clue: FastTrackClue, @Ctx() ctx: SubgraphContext): Promise<FastTrackEvent[]> {
    const loader = ctx.loaders.get<string, FastTrackEvent[]>('fastTrackEvents', async (ids) => {
      const rows = await ctx.ds.getRepository(FastTrackEvent).createQueryBuilder('e').where('e.clue_id = ANY(:ids)', { ids: [...ids] }).orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC').getMany();
      return ids.map((id) => rows.filter((r) => r.clueId === id));
    });
    return loader.load(clue.id);
  }
}
