import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { OpinionSentiment } from './enums';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Public-opinion item (网络舆情): a published report or post about a unit' })
@Entity({ schema: 'petition', name: 'public_opinion_item' })
@Unique(['sourceAgencyId', 'externalId'])
@Index(['unitCreditCode', 'publishedDate'])
export class PublicOpinionItem extends PublishedRecord {
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Open()
  @Field({ description: 'Site or medium where it appeared (来源网站/媒体)' })
  @Column({ type: 'varchar', length: 100 })
  source: string;

  @Open()
  @Field(() => DateScalar, { description: 'Date published (发布日期)' })
  @Column({ name: 'published_date', type: 'date' })
  publishedDate: string;

  @Field(() => String, { nullable: true, description: 'Title (标题) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: 'Summary (内容摘要) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Open()
  @Field(() => OpinionSentiment, { description: 'Tone (舆情倾向)' })
  @Column({ type: 'varchar', length: 10 })
  sentiment: OpinionSentiment;
}
