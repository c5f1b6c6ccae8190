import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { Open } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { creditCodeProblem } from '../../common/codes';
import { DOSSIER_DESCRIPTION, DossierSection, readable, section, type DossierKey } from '../../common/dossier';
import { badInput, forbidden, hubError } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { InspectionRecord } from './inspection-record';
import { inspectionsByUnit, roundsById, teamsById } from './loaders';
import { UnitRef, unitRef } from './refs';
import { InspectionRound } from './round.entity';
import { InspectionTeam } from './team.entity';

@Directive('@key(fields: "roundId unitCreditCode")')
@ObjectType('PreInspectionDossier', { description: DOSSIER_DESCRIPTION })
export class Dossier implements DossierKey {
  @Open() @Field(() => ID) roundId: string;
  @Open() @Field({ description: '统一社会信用代码 of the unit' }) unitCreditCode: string;
  teamId: string;
}

@ObjectType({ description: 'Dossier section: earlier inspections of the unit, their findings and rectification rate (历次巡察发现问题及整改情况)' })
export class DossierInspectionSection extends DossierSection {
  unitCreditCode: string;
  roundStart: string;
}

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => Dossier, {
    nullable: true,
    description:
      'Pre-inspection dossier (巡前材料) of a unit the round inspects, in one query: profile and staffing, leadership, petitions, clues, sanctions, supervision, audits, earlier inspections. ' +
      'For the inspection office and its teams; each section states its availability and the requests and grants behind it.',
  })
  async preInspectionDossier(@Arg('unitCreditCode') unitCreditCode: string, @Arg('roundId', () => UUIDScalar) roundId: string, @Ctx() ctx: SubgraphContext): Promise<Dossier> {
    if (ctx.identity.agencyKind !== AgencyKind.INSPECTION_OFFICE && !ctx.identity.roles.includes(Role.ADMIN)) {
      throw forbidden('Pre-inspection dossiers are for the inspection office and its teams');
    }
    const problem = creditCodeProblem(unitCreditCode);
    if (problem) throw badInput(`unitCreditCode: ${problem}`, { argument: 'unitCreditCode' });
    if (!isUuid(roundId)) throw badInput('roundId is not a round id', { argument: 'roundId' });
    const [assignment] = await ctx.ds.query('SELECT team_id FROM inspection.team_assignment WHERE round_id = $1 AND unit_credit_code = $2', [roundId, unitCreditCode]);
    if (!assignment) throw hubError('NOT_FOUND', `Round ${roundId} does not inspect unit ${unitCreditCode}`);
    return Object.assign(new Dossier(), { roundId, unitCreditCode, teamId: assignment.team_id });
  }

  @Open()
  @FieldResolver(() => InspectionRound, { nullable: true })
  round(@Root() d: Dossier, @Ctx() ctx: SubgraphContext) {
    return roundsById(ctx).load(d.roundId);
  }

  @Open()
  @FieldResolver(() => InspectionTeam, { nullable: true, description: 'The team inspecting the unit in this round' })
  team(@Root() d: Dossier, @Ctx() ctx: SubgraphContext) {
    return teamsById(ctx).load(d.teamId);
  }

  @Open()
  @FieldResolver(() => UnitRef, { nullable: true, description: 'The unit: profile, staffing and leadership team (organization)' })
  unit(@Root() d: Dossier): UnitRef {
    return unitRef(d.unitCreditCode);
  }

  @Open()
  @FieldResolver(() => DossierInspectionSection, { nullable: true, description: '历次巡察发现问题及整改情况' })
  async history(@Root() d: Dossier, @Ctx() ctx: SubgraphContext): Promise<DossierInspectionSection> {
    const round = await roundsById(ctx).load(d.roundId);
    const earlier = () => earlierInspections(ctx, d.unitCreditCode, round!.startDate, d.roundId);
    const s = await section(DossierInspectionSection, ctx, d, 'inspection', ['InspectionFinding', 'RectificationItem'], async () => (await earlier()).length);
    return Object.assign(s, { roundStart: round!.startDate });
  }
}

async function earlierInspections(ctx: SubgraphContext, unit: string, before: string, roundId: string): Promise<InspectionRecord[]> {
  return (await inspectionsByUnit(ctx).load(unit)).filter((r) => r.round.id !== roundId && r.round.startDate < before);
}

@Resolver(() => DossierInspectionSection)
export class InspectionSectionResolver {
  @Open()
  @FieldResolver(() => [InspectionRecord], { nullable: true, description: 'Earlier rounds, newest first, with findings and rectification rate' })
  async inspections(@Root() s: DossierInspectionSection, @Ctx() ctx: SubgraphContext): Promise<InspectionRecord[] | null> {
    return readable(s) ? earlierInspections(ctx, s.unitCreditCode, s.roundStart, '') : null;
  }
}
