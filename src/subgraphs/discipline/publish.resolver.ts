import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { groupByKey } from '../../common/loaders';
import { cadreRef, PublishResult, publishRecords, BatchKeyArg, unitRef } from '../../common/publish';
import type { SubgraphContext } from '../types';
import { ProblemClue } from './clue.entity';
import { ClueInput, SanctionInput, StationedGroupInput } from './inputs';
import { Sanction } from './sanction.entity';
import { StationedGroup } from './stationed-group.entity';
import { clueProblems, sanctionProblems, stationedGroupProblems, supervisedUnitsHash } from './validation';


@Resolver()
export class DisciplinePublishResolver {
  @Mutation(() => PublishResult, { description: 'Upsert problem clues by external id (发布问题线索), all or nothing' })
  publishClues(
    @Arg('records', () => [ClueInput]) records: ClueInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'clues',
      entity: ProblemClue,
      batchKey,
      items: records,
      validate: clueProblems,
      references: (r) => [...unitRef('subjectUnitCreditCode', r.subjectUnitCreditCode), ...cadreRef('subjectCadreId', r.subjectCadreId)],
      toRow: (r) => ({
        source: r.source,
        unitCreditCode: r.subjectUnitCreditCode,
        subjectCadreId: r.subjectCadreId?.toLowerCase() ?? null,
        summary: r.summary.trim(),
        details: r.details?.trim() || null,
        receivedDate: r.receivedDate,
        disposalMethod: r.disposalMethod ?? null,
        status: r.status,
        filedDate: r.filedDate ?? null,
        closedDate: r.closedDate ?? null,
      }),
    });
  }

  @Mutation(() => PublishResult, { description: 'Upsert party and government sanctions by external id (发布党纪政务处分), all or nothing' })
  publishSanctions(
    @Arg('records', () => [SanctionInput]) records: SanctionInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'sanctions',
      entity: Sanction,
      batchKey,
      items: records,
      validate: sanctionProblems,
      references: (r) => [...unitRef('unitCreditCode', r.unitCreditCode), ...cadreRef('cadreId', r.cadreId)],
      toRow: (r) => ({
        cadreId: r.cadreId.toLowerCase(),
        unitCreditCode: r.unitCreditCode,
        kind: r.kind,
        level: r.level,
        decidedDate: r.decidedDate,
        reason: r.reason.trim(),
      }),
    });
  }

  @Mutation(() => PublishResult, { description: 'Upsert stationed discipline groups and the units they supervise (发布派驻纪检监察组), all or nothing' })
  publishStationedGroups(
    @Arg('records', () => [StationedGroupInput]) records: StationedGroupInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'stationed-groups',
      entity: StationedGroup,
      batchKey,
      items: records,
      validate: stationedGroupProblems,
      references: (r) => r.supervisedUnitCreditCodes.flatMap((code, i) => unitRef(`supervisedUnitCreditCodes[${i}]`, code)),
      toRow: (r) => ({
        name: r.name.trim(),
        leaderName: r.leaderName.trim(),
        notes: r.notes?.trim() || null,
        supervisedUnitsHash: supervisedUnitsHash(r.supervisedUnitCreditCodes),
      }),
      after: async (m, ids, items) => {
        // Only groups whose list differs are rewritten, so a re-sent export touches nothing.
        const groupIds = items.map((i) => ids.get(i.externalId)!);
        const current: { group_id: string; unit_credit_code: string }[] = await m.query(
          'SELECT group_id, unit_credit_code FROM discipline.stationed_group_unit WHERE group_id = ANY($1)',
          [groupIds],
        );
        const held = groupByKey(groupIds, current, (r) => r.group_id).map((rows) => rows.map((r) => r.unit_credit_code).sort().join(','));
        const wanted = items.map((i) => [...new Set(i.supervisedUnitCreditCodes)].sort());
        const changed = groupIds.map((id, k) => [id, wanted[k]] as const).filter(([, codes], k) => codes.join(',') !== held[k]);
        if (!changed.length) return;
        await m.query('DELETE FROM discipline.stationed_group_unit WHERE group_id = ANY($1)', [changed.map(([id]) => id)]);
        const pairs = changed.flatMap(([id, codes]) => codes.map((code) => [id, code]));
        await m.query('INSERT INTO discipline.stationed_group_unit (group_id, unit_credit_code) SELECT * FROM unnest($1::uuid[], $2::text[])', [
          pairs.map(([id]) => id),
          pairs.map(([, code]) => code),
        ]);
      },
    });
  }
}
