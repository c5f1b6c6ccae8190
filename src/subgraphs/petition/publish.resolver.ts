import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { creditCodeProblem, mobileProblem, residentIdProblem } from '../../common/codes';
import { cadreRef, PublishedRecordInput, PublishResult, publishRecords, BatchKeyArg, unitRef } from '../../common/publish';
import { DateScalar, UUIDScalar } from '../../common/scalars';
import { dateOrderProblem, enumProblem, lengthProblem, pastDateProblem, problems } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { OpinionSentiment, PetitionCategory, PetitionChannel, PetitionStatus } from './enums';
import { Petition } from './petition.entity';
import { PublicOpinionItem } from './public-opinion.entity';

@InputType({ description: 'A petition as the petition bureau publishes it (信访件)' })
class PetitionInput extends PublishedRecordInput {
  @Field(() => PetitionChannel) channel: PetitionChannel;
  @Field(() => DateScalar) receivedDate: string;
  @Field({ description: 'Anonymous report: then no reporter field may be given' }) anonymous: boolean;
  @Field(() => String, { nullable: true, description: 'Required unless anonymous' }) reporterName?: string | null;
  @Field(() => String, { nullable: true, description: '11-digit mobile number' }) reporterPhone?: string | null;
  @Field(() => String, { nullable: true, description: '公民身份号码, 18 characters with check digit' }) reporterIdNumber?: string | null;
  @Field({ description: '统一社会信用代码 of the unit the petition is about' }) unitCreditCode: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the cadre the petition is about, if any' }) cadreId?: string | null;
  @Field(() => PetitionCategory) category: PetitionCategory;
  @Field() summary: string;
  @Field() content: string;
  @Field(() => PetitionStatus) status: PetitionStatus;
  @Field(() => String, { nullable: true, description: 'Required once CONCLUDED, empty before' }) conclusion?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Required once CONCLUDED, empty before' }) concludedDate?: string | null;
}

@InputType({ description: 'A public-opinion item as the petition bureau publishes it (网络舆情)' })
class PublicOpinionInput extends PublishedRecordInput {
  @Field({ description: '统一社会信用代码 of the unit the item is about' }) unitCreditCode: string;
  @Field({ description: 'Site or medium' }) source: string;
  @Field(() => DateScalar) publishedDate: string;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => OpinionSentiment) sentiment: OpinionSentiment;
}

const present = (v: string | null | undefined) => v !== null && v !== undefined && v !== '';

function reporterProblems(r: PetitionInput): [string, string | null][] {
  const fields = [
    ['reporterName', r.reporterName, (v: string) => lengthProblem(v, 1, 50)],
    ['reporterPhone', r.reporterPhone, mobileProblem],
    ['reporterIdNumber', r.reporterIdNumber, residentIdProblem],
  ] as const;
  // An anonymous petition must not carry who sent it: the hub would then hold what the bureau promised not to keep.
  if (r.anonymous) return fields.map(([f, v]) => [f, present(v) ? 'must be empty for an anonymous petition' : null]);
  return fields.map(([f, v, check]) => [f, present(v) ? check(v!) : f === 'reporterName' ? 'is required unless the petition is anonymous' : null]);
}

function concludedProblems(r: PetitionInput): [string, string | null][] {
  if (r.status === PetitionStatus.CONCLUDED) {
    return [
      ['conclusion', lengthProblem(r.conclusion, 1, 5000)],
      ['concludedDate', pastDateProblem(r.concludedDate) ?? dateOrderProblem(r.receivedDate, r.concludedDate, 'receivedDate')],
    ];
  }
  return [
    ['conclusion', present(r.conclusion) ? 'must be empty until the petition is CONCLUDED' : null],
    ['concludedDate', present(r.concludedDate) ? 'must be empty until the petition is CONCLUDED' : null],
  ];
}

@Resolver()
export class PetitionPublishResolver {
  @Mutation(() => PublishResult, { description: 'Upsert petitions by external id (发布信访件), all or nothing' })
  publishPetitions(
    @Arg('records', () => [PetitionInput]) records: PetitionInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'petitions',
      entity: Petition,
      batchKey,
      items: records,
      validate: (r) =>
        problems(
          ['channel', enumProblem(r.channel, PetitionChannel)],
          ['receivedDate', pastDateProblem(r.receivedDate)],
          ...reporterProblems(r),
          ['unitCreditCode', creditCodeProblem(r.unitCreditCode ?? '')],
          ['category', enumProblem(r.category, PetitionCategory)],
          ['summary', lengthProblem(r.summary, 1, 500)],
          ['content', lengthProblem(r.content, 1, 20000)],
          ['status', enumProblem(r.status, PetitionStatus)],
          ...concludedProblems(r),
        ),
      references: (r) => [...unitRef('unitCreditCode', r.unitCreditCode), ...cadreRef('cadreId', r.cadreId)],
      toRow: (r) => ({
        channel: r.channel,
        receivedDate: r.receivedDate,
        anonymous: r.anonymous,
        reporterName: r.anonymous ? null : r.reporterName!.trim(),
        reporterPhone: r.anonymous || !present(r.reporterPhone) ? null : r.reporterPhone,
        reporterIdNumber: r.anonymous || !present(r.reporterIdNumber) ? null : r.reporterIdNumber,
        unitCreditCode: r.unitCreditCode,
        cadreId: present(r.cadreId) ? r.cadreId!.toLowerCase() : null,
        category: r.category,
        summary: r.summary.trim(),
        content: r.content.trim(),
        status: r.status,
        conclusion: r.status === PetitionStatus.CONCLUDED ? r.conclusion!.trim() : null,
        concludedDate: r.status === PetitionStatus.CONCLUDED ? r.concludedDate : null,
      }),
    });
  }

  @Mutation(() => PublishResult, { description: 'Upsert public-opinion items by external id (发布网络舆情), all or nothing' })
  publishPublicOpinions(
    @Arg('records', () => [PublicOpinionInput]) records: PublicOpinionInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'publicOpinions',
      entity: PublicOpinionItem,
      batchKey,
      items: records,
      validate: (r) =>
        problems(
          ['unitCreditCode', creditCodeProblem(r.unitCreditCode ?? '')],
          ['source', lengthProblem(r.source, 1, 100)],
          ['publishedDate', pastDateProblem(r.publishedDate)],
          ['title', lengthProblem(r.title, 1, 200)],
          ['summary', lengthProblem(r.summary, 1, 1000)],
          ['sentiment', enumProblem(r.sentiment, OpinionSentiment)],
        ),
      references: (r) => unitRef('unitCreditCode', r.unitCreditCode),
      toRow: (r) => ({
        unitCreditCode: r.unitCreditCode,
        source: r.source.trim(),
        publishedDate: r.publishedDate,
        title: r.title.trim(),
        summary: r.summary.trim(),
        sentiment: r.sentiment,
      }),
    });
  }
}
