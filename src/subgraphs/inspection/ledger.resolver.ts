import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { scopeClause } from '../../authz/scope';
import { Open } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { badInput, forbidden, hubError } from '../../common/errors';
import { isUuid, uuids } from '../../common/loaders';
import { hydrate } from '../../common/paging';
import { lengthProblem } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { InspectionKind, RectificationStatus, effectiveStatusSql } from './enums';
import { InspectionFinding } from './finding.entity';
import { RectificationItem } from './rectification-item.entity';
import { chinaDate } from '../../common/dates';
import { effectiveStatus } from './rectification-item.resolver';
import { UnitRef } from './refs';
import { InspectionRound } from './round.entity';

@ArgsType()
class LedgerArgs {
  @Field(() => UUIDScalar, { nullable: true, description: 'Only items of findings of this round' }) roundId?: string;
  @Field(() => RectificationStatus, { nullable: true, description: 'Only items in this status (OVERDUE: past the deadline and not done)' }) status?: RectificationStatus;
}

@ObjectType({ description: "A unit's rectification ledger (整改台账): the items it is responsible for, with the counts an office reports" })
class RectificationLedger {
  @Open() @Field(() => Int) total: number;
  @Open() @Field(() => Int, { description: 'DONE or VERIFIED' }) done: number;
  @Open() @Field(() => Int, { description: 'Verified by the supervising discipline office or published as VERIFIED' }) verified: number;
  @Open() @Field(() => Int, { description: 'Past the deadline and not done (逾期未整改)' }) overdue: number;
  @Open() @Field(() => Int, { description: 'Rules and systems established (建章立制)' }) rulesEstablished: number;
  @Open() @Field(() => [RectificationItem], { description: 'Items, earliest deadline first' }) items: RectificationItem[];
}

type Row = Record<string, unknown> & { responsible_unit_credit_code: string };

/**
 * The two ledgers (双台账) are this field read through organization's units: townships'
 * ledgers are `units(kind: TOWNSHIP, regionCode: …) { rectificationLedger }`, county
 * departments' `units(kind: PARTY_GOVERNMENT_DEPARTMENT, …)`. One statement for all the
 * units of a page, within the caller's row scope; OVERDUE follows from the dates.
 */
@Resolver(() => UnitRef)
export class UnitLedgerResolver {
  @Open()
  @FieldResolver(() => RectificationLedger, { description: 'Rectification items the unit is responsible for (整改台账)' })
  async rectificationLedger(@Root() unit: UnitRef, @Args() args: LedgerArgs, @Ctx() ctx: SubgraphContext): Promise<RectificationLedger> {
    if (args.roundId && !isUuid(args.roundId)) throw badInput('roundId is not a round id', { argument: 'roundId' });
    const key = `ledger|${args.roundId ?? ''}|${args.status ?? ''}`;
    const loader = ctx.loaders.get<string, RectificationLedger>(key, async (codes) => {
      const params: unknown[] = [[...codes]];
      const scope = scopeClause(ctx, 'RectificationItem', 'i.responsible_unit_credit_code', params);
      const filters = [
        args.roundId ? `f.round_id = $${params.push(args.roundId)}` : 'TRUE',
        args.status ? `${effectiveStatusSql('i', `$${params.push(chinaDate())}`)} = $${params.push(args.status)}` : 'TRUE',
      ];
      const rows: Row[] = await ctx.ds.query(
        `SELECT i.* FROM inspection.rectification_item i JOIN inspection.inspection_finding f ON f.id = i.finding_id
          WHERE i.responsible_unit_credit_code = ANY($1::bpchar[]) AND ${scope} AND ${filters.join(' AND ')}
          ORDER BY i.deadline, i.id`,
        params,
      );
      const meta = ctx.ds.getMetadata(RectificationItem);
      const today = chinaDate();
      return codes.map((code) => {
        const items = rows.filter((r) => r.responsible_unit_credit_code.trim() === code).map((r) => hydrate<RectificationItem>(meta, r));
        const states = items.map((i) => effectiveStatus(i, today));
        return {
          total: items.length,
          done: states.filter((s) => s === RectificationStatus.DONE || s === RectificationStatus.VERIFIED).length,
          verified: states.filter((s) => s === RectificationStatus.VERIFIED).length,
          overdue: states.filter((s) => s === RectificationStatus.OVERDUE).length,
          rulesEstablished: items.reduce((n, i) => n + i.rulesEstablished, 0),
          items,
        };
      });
    });
    return loader.load(unit.creditCode);
  }
}

@Resolver(() => RectificationItem)
export class ItemFindingResolver {
  @Open()
  @FieldResolver(() => InspectionFinding, { nullable: true, description: 'The finding the item rectifies; null outside the caller’s scope of findings' })
  finding(@Root() item: RectificationItem, @Ctx() ctx: SubgraphContext): Promise<InspectionFinding | null> {
    const loader = ctx.loaders.get<string, InspectionFinding | null>('findingById', async (ids) => {
      const params: unknown[] = [uuids(ids)];
      const scope = scopeClause(ctx, 'InspectionFinding', 'f.unit_credit_code', params);
      const rows: Record<string, unknown>[] = await ctx.ds.query(`SELECT f.* FROM inspection.inspection_finding f WHERE f.id = ANY($1::uuid[]) AND ${scope}`, params);
      const meta = ctx.ds.getMetadata(InspectionFinding);
      const found = new Map(rows.map((r) => [r.id as string, hydrate<InspectionFinding>(meta, r)]));
      return ids.map((id) => found.get(id) ?? null);
    });
    return loader.load(item.findingId);
  }

  @Mutation(() => RectificationItem, {
    description: 'Verify a DONE item (监督验收销号): officers of the discipline commission; it stays VERIFIED whatever the office republishes',
  })
  async verifyRectificationItem(@Arg('id', () => UUIDScalar) id: string, @Arg('note') note: string, @Ctx() ctx: SubgraphContext): Promise<RectificationItem> {
    const { identity } = ctx;
    if (identity.agencyKind !== AgencyKind.DISCIPLINE_COMMISSION || !identity.roles.some((r) => r === Role.AGENCY_OFFICER || r === Role.CASE_SUPERVISION)) {
      throw forbidden('Rectification is verified by officers of the discipline commission (纪检监察机关)');
    }
    if (!isUuid(id)) throw badInput('id is not a rectification item id', { argument: 'id' });
    if (lengthProblem(note, 2, 2000)) throw badInput('note: 2 to 2,000 characters', { argument: 'note' });
    return ctx.ds.transaction(async (m) => {
      const item = await m.getRepository(RectificationItem).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw hubError('NOT_FOUND', `No rectification item ${id}`);
      if (ctx.policy.recused(item.responsibleUnitCreditCode)) throw forbidden('Recusal (回避): you are tied to the responsible unit; a colleague verifies');
      const status = effectiveStatus(item);
      if (status !== RectificationStatus.DONE) {
        throw hubError('CONFLICT', `Only a DONE item is verified; this one is ${status}${status === RectificationStatus.VERIFIED ? ' already' : ''}`, { status });
      }
      Object.assign(item, { commissionVerifiedAt: new Date(), commissionVerifiedBy: identity.principalId, verificationNote: note.trim(), verifiedDate: chinaDate() });
      return m.getRepository(RectificationItem).save(item);
    });
  }
}

@Resolver(() => InspectionRound)
export class LookBackResolver {
  @Open()
  @FieldResolver(() => [RectificationItem], {
    description: 'LOOK_BACK rounds (回头看): items of earlier rounds’ findings on this round’s units that are not yet verified; empty for other rounds',
  })
  async carriedOverItems(@Root() round: InspectionRound, @Ctx() ctx: SubgraphContext): Promise<RectificationItem[]> {
    if (round.kind !== InspectionKind.LOOK_BACK) return [];
    const params: unknown[] = [round.id, round.startDate];
    const scope = scopeClause(ctx, 'RectificationItem', 'i.responsible_unit_credit_code', params);
    const findingScope = scopeClause(ctx, 'InspectionFinding', 'f.unit_credit_code', params);
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT i.* FROM inspection.rectification_item i
         JOIN inspection.inspection_finding f ON f.id = i.finding_id
         JOIN inspection.inspection_round r ON r.id = f.round_id AND r.start_date < $2::date
        WHERE f.unit_credit_code IN (SELECT unit_credit_code FROM inspection.team_assignment WHERE round_id = $1)
          AND i.commission_verified_at IS NULL AND i.status <> 'VERIFIED' AND ${scope} AND ${findingScope}
        ORDER BY r.start_date, f.unit_credit_code, i.deadline, i.id`,
      params,
    );
    const meta = ctx.ds.getMetadata(RectificationItem);
    return rows.map((r) => hydrate<RectificationItem>(meta, r));
  }
}
