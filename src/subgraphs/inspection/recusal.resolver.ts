import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { Conditional, Open } from '../../authz/sensitivity';
import { creditCodeProblem } from '../../common/codes';
import { badInput, conflictOnDuplicate, forbidden, hubError } from '../../common/errors';
import type { Identity } from '../../common/identity';
import { groupByKey, isUuid, uuids } from '../../common/loaders';
import { assertMayPublish } from '../../common/publish';
import type { SubgraphContext } from '../types';
import { planCross, type PlanTeam } from './cross-plan';
import { InspectionMode } from './enums';
import { Inspector } from './inspector.entity';
import { inspectorsById, roundsById, teamsById } from './loaders';
import { RecusalOverride } from './recusal-override.entity';
import { RecusalReason, recusalReasons, type Ties } from './recusal';
import { UnitRef, unitRef } from './refs';
import { InspectionTeam } from './team.entity';

@ObjectType({ description: 'A team member tied to a unit the team inspects (回避提示), and how the office resolved it' })
class RecusalFlag {
  @Open() @Field(() => Inspector) inspector: Inspector;
  @Open() @Field() unitCreditCode: string;
  @Open() @Field(() => UnitRef, { nullable: true }) unit: UnitRef;
  @Open() @Field(() => [RecusalReason]) reasons: RecusalReason[];
  @Open() @Field({ description: 'The office kept the member with a justification (data of the unit stays hidden from them)' }) overridden: boolean;
  @Open() @Field(() => String, { nullable: true }) justification: string | null;
}

@ObjectType({ description: 'A proposed team → unit assignment' })
class PlannedAssignment {
  @Open() @Field(() => InspectionTeam) team: InspectionTeam;
  @Open() @Field() unitCreditCode: string;
  @Open() @Field(() => UnitRef, { nullable: true }) unit: UnitRef;
}

@ObjectType({ description: 'A unit the plan could not give to any team, and why' })
class UncoveredUnit {
  @Open() @Field() unitCreditCode: string;
  @Open() @Field(() => [String]) reasons: string[];
}

@ObjectType()
class TeamLoad {
  @Open() @Field(() => InspectionTeam) team: InspectionTeam;
  @Open() @Field(() => Int) units: number;
}

@ObjectType({ description: 'Proposal for a cross inspection (交叉巡察方案): apply it by publishing the round with these assignments' })
class CrossInspectionPlan {
  @Open() @Field(() => [PlannedAssignment]) assignments: PlannedAssignment[];
  @Open() @Field(() => [UncoveredUnit]) uncovered: UncoveredUnit[];
  @Open() @Field(() => [TeamLoad]) loads: TeamLoad[];
}

interface PersonRow {
  team_id: string;
  inspector_id: string;
  name: string;
  home_region_code: string;
  current_employer_credit_code: string | null;
  past_employer_credit_codes: string[];
}

const ties = (p: PersonRow): Ties & { name: string } => ({
  name: p.name,
  homeRegionCode: p.home_region_code,
  currentEmployerCreditCode: p.current_employer_credit_code?.trim() ?? null,
  pastEmployerCreditCodes: p.past_employer_credit_codes.map((c) => c.trim()),
});

/** Leader and members of the teams, with their ties, in one statement. */
async function peopleOf(ctx: SubgraphContext, teamIds: string[]): Promise<PersonRow[]> {
  return ctx.ds.query(
    `SELECT p.team_id, i.id AS inspector_id, i.name, i.home_region_code, i.current_employer_credit_code, i.past_employer_credit_codes
       FROM (SELECT id AS team_id, leader_id AS inspector_id, -1 AS position FROM inspection.inspection_team WHERE id = ANY($1::uuid[])
             UNION ALL SELECT team_id, inspector_id, position FROM inspection.team_member WHERE team_id = ANY($1::uuid[])) p
       JOIN inspection.inspector i ON i.id = p.inspector_id
      ORDER BY p.team_id, p.position`,
    [teamIds],
  );
}

function assertOffice(identity: Identity, owner: SubgraphContext['owner'], what: string): void {
  try {
    assertMayPublish(identity, owner, what);
  } catch {
    throw forbidden(`Only the inspection office may ${what}`);
  }
}

@Resolver(() => InspectionTeam)
export class RecusalResolver {
  @Conditional()
  @FieldResolver(() => [RecusalFlag], {
    nullable: true,
    description: 'Members tied to a unit the team inspects (回避提示): home region, current or past employer — CONDITIONAL',
  })
  async recusalFlags(@Root() team: InspectionTeam, @Ctx() ctx: SubgraphContext): Promise<RecusalFlag[]> {
    const loader = ctx.loaders.get<string, RecusalFlag[]>('recusalFlagsByTeam', async (teamIds) => {
      const ids = uuids(teamIds);
      const people = await peopleOf(ctx, ids);
      const rows: { team_id: string; unit_credit_code: string; mode: InspectionMode }[] = await ctx.ds.query(
        `SELECT a.team_id, a.unit_credit_code, r.mode FROM inspection.team_assignment a JOIN inspection.inspection_round r ON r.id = a.round_id
          WHERE a.team_id = ANY($1::uuid[]) ORDER BY a.position`,
        [ids],
      );
      const overrides = await ctx.ds.getRepository(RecusalOverride).createQueryBuilder('o').where('o.team_id = ANY(:ids)', { ids }).getMany();
      const inspectors = await inspectorsById(ctx).loadMany([...new Set(people.map((p) => p.inspector_id))]);
      const byId = new Map(inspectors.filter((i): i is Inspector => i instanceof Inspector).map((i) => [i.id, i]));
      const flags: (RecusalFlag & { teamId: string })[] = [];
      for (const a of rows) {
        const unit = a.unit_credit_code.trim();
        for (const p of people.filter((x) => x.team_id === a.team_id)) {
          const reasons = recusalReasons(ties(p), unit, a.mode);
          if (!reasons.length) continue;
          const o = overrides.find((x) => x.teamId === a.team_id && x.inspectorId === p.inspector_id && x.unitCreditCode.trim() === unit);
          flags.push({ teamId: a.team_id, inspector: byId.get(p.inspector_id)!, unitCreditCode: unit, unit: unitRef(unit), reasons, overridden: !!o, justification: o?.justification ?? null });
        }
      }
      return groupByKey(teamIds, flags, (f) => f.teamId);
    });
    return loader.load(team.id);
  }

  @Mutation(() => Boolean, {
    description: 'Keep a flagged member on the team with a justification (回避例外): recorded, never erased; the member still sees none of the unit’s CONDITIONAL data',
  })
  async overrideRecusal(
    @Arg('teamId', () => UUIDScalar) teamId: string,
    @Arg('inspectorId', () => UUIDScalar) inspectorId: string,
    @Arg('unitCreditCode') unitCreditCode: string,
    @Arg('justification') justification: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    assertOffice(ctx.identity, ctx.owner, 'resolve recusal flags');
    if (!isUuid(teamId)) throw badInput('teamId is not a team id', { argument: 'teamId' });
    if (!isUuid(inspectorId)) throw badInput('inspectorId is not an inspector id', { argument: 'inspectorId' });
    if (creditCodeProblem(unitCreditCode)) throw badInput(`unitCreditCode: ${creditCodeProblem(unitCreditCode)}`, { argument: 'unitCreditCode' });
    if (justification.trim().length < 10 || justification.length > 2000) throw badInput('justification: give the reasons, in 10 to 2,000 characters', { argument: 'justification' });
    const team = await teamsById(ctx).load(teamId);
    if (!team) throw hubError('NOT_FOUND', `No team ${teamId}`);
    const flags = await this.recusalFlags(team, ctx);
    const flag = flags.find((f) => f.inspector.id === inspectorId && f.unitCreditCode === unitCreditCode);
    if (!flag) throw badInput('No recusal flag for this inspector and unit on this team: nothing to override');
    if (flag.overridden) throw hubError('CONFLICT', 'This flag is already overridden');
    await conflictOnDuplicate(
      ctx.ds.getRepository(RecusalOverride).insert({ teamId, inspectorId, unitCreditCode, justification: justification.trim(), createdBy: ctx.identity.principalId }),
      'This flag is already overridden',
    );
    return true;
  }
}

@Resolver()
export class CrossPlanResolver {
  @Query(() => CrossInspectionPlan, {
    nullable: true,
    description:
      'Propose team → unit assignments for a cross inspection (交叉巡察) in a zone of counties: no team in its own county, no conflicted member, load spread evenly; ' +
      'units: those to cover (default: the units the round assigns now)',
  })
  async planCrossInspection(
    @Arg('zone', () => [String], { description: 'Region codes of the zone (协作片区), e.g. ["990102", "990103"]' }) zone: string[],
    @Arg('roundId', () => UUIDScalar) roundId: string,
    @Arg('unitCreditCodes', () => [String], { nullable: true }) unitCreditCodes: string[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CrossInspectionPlan> {
    assertOffice(ctx.identity, ctx.owner, 'plan cross inspections');
    if (!isUuid(roundId)) throw badInput('roundId is not a round id', { argument: 'roundId' });
    if (!zone.length || zone.some((z) => !/^\d{6}$/.test(z))) throw badInput('zone: list 6-digit region codes', { argument: 'zone' });
    const round = await roundsById(ctx).load(roundId);
    if (!round) throw hubError('NOT_FOUND', `No round ${roundId}`);
    if (round.mode !== InspectionMode.CROSS) throw badInput(`Round ${round.name} is ${round.mode}, not CROSS`, { argument: 'roundId' });
    for (const [i, u] of (unitCreditCodes ?? []).entries()) {
      const p = creditCodeProblem(u);
      if (p) throw badInput(`unitCreditCodes[${i}]: ${p}`, { argument: 'unitCreditCodes' });
    }
    const teams: InspectionTeam[] = await ctx.ds.getRepository(InspectionTeam).find({ where: { roundId }, order: { position: 'ASC' } });
    const people = await peopleOf(ctx, teams.map((t) => t.id));
    const units =
      unitCreditCodes ??
      (await ctx.ds.query('SELECT unit_credit_code FROM inspection.team_assignment WHERE round_id = $1', [roundId])).map((r: { unit_credit_code: string }) => r.unit_credit_code.trim());
    const planTeams: PlanTeam[] = teams.map((t) => ({ id: t.id, name: t.name, people: people.filter((p) => p.team_id === t.id).map(ties) }));
    const plan = planCross(zone, planTeams, units);
    const team = new Map(teams.map((t) => [t.id, t]));
    return {
      assignments: plan.assignments.map((a) => ({ team: team.get(a.teamId)!, unitCreditCode: a.unitCreditCode, unit: unitRef(a.unitCreditCode) })),
      uncovered: plan.uncovered,
      loads: plan.loads.map((l) => ({ team: team.get(l.teamId)!, units: l.units })),
    };
  }
}
