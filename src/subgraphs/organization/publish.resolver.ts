import { createHash } from 'node:crypto';
import { Arg, Ctx, Field, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { In, type EntityManager } from 'typeorm';
import { creditCodeProblem, residentIdProblem } from '../../common/codes';
import { badInput } from '../../common/errors';
import { PublishedRecordInput, PublishResult, publishRecords, type FieldProblem, BatchKeyArg } from '../../common/publish';
import { DateScalar } from '../../common/scalars';
import { enumProblem, lengthProblem, problems, rangeProblem } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { Cadre } from './cadre.entity';
import { UnitKind } from './enums';
import { CadrePosting } from './posting.entity';
import { Region } from './region.entity';
import { InspectedUnit } from './unit.entity';

@InputType({ description: 'An inspected unit as the organisation department publishes it' })
class UnitInput extends PublishedRecordInput {
  @Field() creditCode: string;
  @Field() name: string;
  @Field(() => UnitKind) kind: UnitKind;
  @Field({ description: '行政区划代码 of a region the hub knows' }) regionCode: string;
  @Field(() => String, { nullable: true, description: 'Credit code of the superior unit, already published or in this batch' })
  parentCreditCode?: string | null;
  @Field(() => Int, { nullable: true }) authorisedHeadcount?: number | null;
  @Field(() => Int, { nullable: true }) actualHeadcount?: number | null;
}

@InputType({ description: 'One post in a career history' })
class PostingInput {
  @Field() unitCreditCode: string;
  @Field() unitName: string;
  @Field() post: string;
  @Field(() => DateScalar) startDate: string;
  @Field(() => DateScalar, { nullable: true }) endDate?: string | null;
}

@InputType({ description: 'A cadre as the organisation department publishes it' })
class CadreInput extends PublishedRecordInput {
  @Field() name: string;
  @Field({ description: '公民身份号码, 18 characters with check digit' }) residentId: string;
  @Field({ description: 'Credit code of the unit where the post is held (already published)' }) unitCreditCode: string;
  @Field() post: string;
  @Field(() => String, { nullable: true }) rank?: string | null;
  @Field({ defaultValue: false }) leadershipMember: boolean;
  @Field(() => [PostingInput], { defaultValue: [] }) careerHistory: PostingInput[];
}


@Resolver()
export class OrganizationPublishResolver {
  @Mutation(() => PublishResult, { description: 'Upsert inspected units by external id (发布被巡察单位), all or nothing' })
  async publishUnits(
    @Arg('records', () => [UnitInput]) records: UnitInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    const regionCodes = new Set(
      (await ctx.ds.getRepository(Region).find({ select: { code: true }, where: { code: In(records.map((r) => r.regionCode)) } })).map((r) => r.code),
    );
    // A credit code identifies one unit: it may not come twice in a batch, nor under another external id.
    const held = new Map<string, { external_id: string; source_agency_id: string }>(
      (
        await ctx.ds.query('SELECT credit_code, external_id, source_agency_id FROM organization.inspected_unit WHERE credit_code = ANY($1)', [
          records.map((r) => r.creditCode),
        ])
      ).map((r: { credit_code: string; external_id: string; source_agency_id: string }) => [r.credit_code, r]),
    );
    const firstIndex = new Map<string, number>();
    records.forEach((r, i) => firstIndex.has(r.creditCode) || firstIndex.set(r.creditCode, i));
    const creditCodeClash = (r: UnitInput): string | null => {
      const other = held.get(r.creditCode);
      if (other && (other.external_id !== r.externalId || other.source_agency_id !== ctx.identity.agencyId)) {
        return `already published as external id ${other.external_id}`;
      }
      const first = firstIndex.get(r.creditCode)!;
      return records[first] !== r ? `duplicates the credit code of record ${first} of this batch` : null;
    };
    return publishRecords(ctx, {
      kind: 'units',
      entity: InspectedUnit,
      batchKey,
      items: records,
      validate: (r) =>
        problems(
          ['creditCode', creditCodeProblem(r.creditCode) ?? creditCodeClash(r)],
          ['name', lengthProblem(r.name, 1, 200)],
          ['kind', enumProblem(r.kind, UnitKind)],
          ['regionCode', regionCodes.has(r.regionCode) ? null : `region ${r.regionCode} is not known to the hub`],
          ['parentCreditCode', r.parentCreditCode ? creditCodeProblem(r.parentCreditCode) ?? (r.parentCreditCode === r.creditCode ? 'a unit cannot be its own parent' : null) : null],
          ['authorisedHeadcount', rangeProblem(r.authorisedHeadcount, 0, 100000)],
          ['actualHeadcount', rangeProblem(r.actualHeadcount, 0, 100000)],
        ),
      toRow: (r) => ({
        creditCode: r.creditCode,
        name: r.name.trim(),
        kind: r.kind,
        regionCode: r.regionCode,
        // Kept as published, so a changed or removed parent counts as a change.
        parentCreditCode: r.parentCreditCode ?? null,
        authorisedHeadcount: r.authorisedHeadcount ?? null,
        actualHeadcount: r.actualHeadcount ?? null,
      }),
      after: async (m, ids, items) => linkParents(m, [...ids.values()], items),
    });
  }

  @Mutation(() => PublishResult, { description: 'Upsert cadres with their career history by external id (发布干部信息), all or nothing' })
  async publishCadres(
    @Arg('records', () => [CadreInput]) records: CadreInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    const units = await ctx.ds.getRepository(InspectedUnit).find({
      select: { id: true, creditCode: true },
      where: { creditCode: In(records.map((r) => r.unitCreditCode)) },
    });
    const unitIds = new Map(units.map((u) => [u.creditCode, u.id]));
    return publishRecords(ctx, {
      kind: 'cadres',
      entity: Cadre,
      batchKey,
      items: records,
      validate: (r) => [
        ...problems(
          ['name', lengthProblem(r.name, 1, 50)],
          ['residentId', residentIdProblem(r.residentId)],
          ['unitCreditCode', creditCodeProblem(r.unitCreditCode) ?? (unitIds.has(r.unitCreditCode) ? null : `no unit with credit code ${r.unitCreditCode}`)],
          ['post', lengthProblem(r.post, 1, 100)],
          ['rank', r.rank ? lengthProblem(r.rank, 1, 50) : null],
        ),
        ...r.careerHistory.flatMap((p, i): FieldProblem[] =>
          problems(
            [`careerHistory[${i}].unitCreditCode`, creditCodeProblem(p.unitCreditCode)],
            [`careerHistory[${i}].unitName`, lengthProblem(p.unitName, 1, 200)],
            [`careerHistory[${i}].post`, lengthProblem(p.post, 1, 100)],
            [`careerHistory[${i}].endDate`, p.endDate && p.endDate < p.startDate ? 'endDate is before startDate' : null],
          ),
        ),
      ],
      toRow: (r) => ({
        name: r.name.trim(),
        residentId: r.residentId,
        unitId: unitIds.get(r.unitCreditCode),
        post: r.post,
        rank: r.rank ?? null,
        leadershipMember: r.leadershipMember,
        careerHash: careerHash(r.careerHistory),
      }),
      after: async (m, ids, items) => {
        // The career hash on the cadre row changes only when the history does, so
        // unchanged histories are left alone and a retried batch rewrites nothing.
        const changed: string[] = (
          await m.query(`SELECT id FROM organization.cadre c WHERE c.id = ANY($1) AND c.career_hash IS DISTINCT FROM c.career_written_hash`, [[...ids.values()]])
        ).map((r: { id: string }) => r.id);
        if (!changed.length) return;
        const changedSet = new Set(changed);
        await m.delete(CadrePosting, { cadreId: In(changed) });
        const rows = items
          .filter((i) => changedSet.has(ids.get(i.externalId)!))
          .flatMap((i) => i.careerHistory.map((p) => ({ ...p, endDate: p.endDate ?? null, cadreId: ids.get(i.externalId)! })));
        if (rows.length) await m.insert(CadrePosting, rows);
        await m.query(`UPDATE organization.cadre SET career_written_hash = career_hash WHERE id = ANY($1)`, [changed]);
      },
    });
  }
}

/**
 * Links units to their parents once every row of the batch exists (parents may come
 * later in the same batch), clears removed parents, and refuses unknown parents and
 * cycles (A under B under A) — all inside the batch's transaction.
 */
async function linkParents(m: EntityManager, ids: string[], items: UnitInput[]): Promise<void> {
  const table = 'organization.inspected_unit';
  // Two batches could each pass the cycle check alone and close a cycle together (A under B
  // in one, B under A in the other): parents are linked and checked one batch at a time.
  // Held only from here to the commit, after the batch's own rows are locked.
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('organization.inspected_unit.parents'))`);
  await m.query(
    `UPDATE ${table} u SET parent_unit_id = p.id
       FROM ${table} x LEFT JOIN ${table} p ON p.credit_code = x.parent_credit_code
      WHERE u.id = x.id AND u.id = ANY($1) AND u.parent_unit_id IS DISTINCT FROM p.id`,
    [ids],
  );
  const fail = (rows: { credit_code: string }[], message: (code: string, item: UnitInput) => string, summary: string) => {
    const codes = new Set(rows.map((r) => r.credit_code));
    const bad = items.map((item, index) => ({ item, index })).filter(({ item }) => codes.has(item.creditCode));
    throw badInput(`${bad.length} ${summary}; nothing was written`, {
      recordErrors: bad.map(({ item, index }) => ({ index, externalId: item.externalId, field: 'parentCreditCode', message: message(item.creditCode, item) })),
    });
  };
  const orphans: { credit_code: string }[] = await m.query(
    `SELECT credit_code FROM ${table} WHERE id = ANY($1) AND parent_credit_code IS NOT NULL AND parent_unit_id IS NULL`,
    [ids],
  );
  if (orphans.length) fail(orphans, (_c, i) => `no unit with credit code ${i.parentCreditCode}`, 'records name an unknown parent unit');
  const cycles: { credit_code: string }[] = await m.query(
    `WITH RECURSIVE up(start_id, id, depth) AS (
       SELECT u.id, u.parent_unit_id, 1 FROM ${table} u WHERE u.id = ANY($1) AND u.parent_unit_id IS NOT NULL
       UNION ALL
       SELECT up.start_id, p.parent_unit_id, up.depth + 1 FROM up JOIN ${table} p ON p.id = up.id
        WHERE p.parent_unit_id IS NOT NULL AND up.id <> up.start_id AND up.depth < 50
     )
     SELECT DISTINCT u.credit_code FROM up JOIN ${table} u ON u.id = up.start_id WHERE up.id = up.start_id`,
    [ids],
  );
  if (cycles.length) fail(cycles, () => 'the parent chain leads back to this unit', 'records form a cycle of parent units');
}

function careerHash(history: PostingInput[]): string {
  const norm = history.map((p) => [p.unitCreditCode, p.unitName, p.post, p.startDate, p.endDate ?? null]);
  return createHash('sha256').update(JSON.stringify(norm)).digest('hex');
}
