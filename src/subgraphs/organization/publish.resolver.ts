import { createHash } from 'node:crypto';
import { Arg, Ctx, Field, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { In } from 'typeorm';
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
import { AgencyKind } from '../../common/agency';

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

const OWNER = AgencyKind.ORGANIZATION_DEPARTMENT;

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
    const inBatch = new Set(records.map((r) => r.creditCode));
    return publishRecords({
      ds: ctx.ds,
      identity: ctx.identity,
      owner: OWNER,
      kind: 'units',
      entity: InspectedUnit,
      batchKey,
      items: records,
      validate: (r) =>
        problems(
          ['creditCode', creditCodeProblem(r.creditCode)],
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
        authorisedHeadcount: r.authorisedHeadcount ?? null,
        actualHeadcount: r.actualHeadcount ?? null,
      }),
      after: async (m, ids, items) => {
        const withParent = items.filter((i) => i.parentCreditCode);
        const unitTable = 'organization.inspected_unit';
        // Parents may come later in the same batch, so they are linked once every row exists.
        await m.query(
          `UPDATE ${unitTable} u SET parent_unit_id = p.id
             FROM unnest($1::text[], $2::text[]) AS x(code, parent_code)
             JOIN ${unitTable} p ON p.credit_code = x.parent_code
            WHERE u.credit_code = x.code AND u.parent_unit_id IS DISTINCT FROM p.id`,
          [withParent.map((i) => i.creditCode), withParent.map((i) => i.parentCreditCode)],
        );
        const known = new Set(
          (await m.query(`SELECT credit_code FROM ${unitTable} WHERE credit_code = ANY($1)`, [withParent.map((i) => i.parentCreditCode)])).map(
            (r: { credit_code: string }) => r.credit_code,
          ),
        );
        const missing = withParent.map((i) => [items.indexOf(i), i] as const).filter(([, i]) => !known.has(i.parentCreditCode!) && !inBatch.has(i.parentCreditCode!));
        if (missing.length) {
          throw badInput(`${missing.length} records name an unknown parent unit; nothing was written`, {
            recordErrors: missing.map(([index, i]) => ({ index, externalId: i.externalId, field: 'parentCreditCode', message: `no unit with credit code ${i.parentCreditCode}` })),
          });
        }
        void ids;
      },
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
    return publishRecords({
      ds: ctx.ds,
      identity: ctx.identity,
      owner: OWNER,
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

function careerHash(history: PostingInput[]): string {
  const norm = history.map((p) => [p.unitCreditCode, p.unitName, p.post, p.startDate, p.endDate ?? null]);
  return createHash('sha256').update(JSON.stringify(norm)).digest('hex');
}
