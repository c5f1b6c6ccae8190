import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Restricted, Open, SharingClass } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { PetitionCategory, PetitionChannel, PetitionStatus } from './enums';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Petition (信访件/信访举报): a complaint or report about a unit, possibly about one of its cadres' })
@Entity({ schema: 'petition', name: 'petition' })
@Unique(['sourceAgencyId', 'externalId'])
// Unit pages are read newest first; the index serves both the page and its cursor.
@Index(['unitCreditCode', 'receivedDate'])
export class Petition extends PublishedRecord {
  @Open()
  @Field(() => PetitionChannel, { description: 'Channel (信访渠道)' })
  @Column({ type: 'varchar', length: 20 })
  channel: PetitionChannel;

  @Open()
  @Field(() => DateScalar, { description: 'Date received (受理日期)' })
  @Column({ name: 'received_date', type: 'date' })
  receivedDate: string;

  @Open()
  @Field({ description: 'Anonymous report (匿名): no reporter identity is held' })
  @Column({ type: 'boolean' })
  anonymous: boolean;

  @Field(() => String, { nullable: true, description: 'Reporter name (信访人姓名) — RESTRICTED; null when anonymous' })
  @Restricted()
  @Column({ name: 'reporter_name', type: 'varchar', length: 50, nullable: true })
  reporterName: string | null;

  @Field(() => String, { nullable: true, description: 'Reporter mobile number (联系电话) — RESTRICTED; null when anonymous' })
  @Restricted()
  @Column({ name: 'reporter_phone', type: 'varchar', length: 11, nullable: true })
  reporterPhone: string | null;

  @Field(() => String, { nullable: true, description: 'Reporter resident ID number (公民身份号码) — RESTRICTED; null when anonymous' })
  @Restricted()
  @Column({ name: 'reporter_id_number', type: 'char', length: 18, nullable: true })
  reporterIdNumber: string | null;

  /** The unit by credit code: that is what a petition names, and it joins to organization's key. */
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Index()
  @Column({ name: 'cadre_id', type: 'uuid', nullable: true })
  cadreId: string | null;

  @Open()
  @Field(() => PetitionCategory, { description: 'Category (问题类别)' })
  @Column({ type: 'varchar', length: 40 })
  category: PetitionCategory;

  @Field(() => String, { nullable: true, description: 'Summary of the complaint (反映问题摘要) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Field(() => String, { nullable: true, description: 'Full content as received (信访内容) — RESTRICTED' })
  @Restricted()
  @Column({ type: 'text' })
  content: string;

  @Open()
  @Field(() => PetitionStatus, { description: 'Handling status (办理状态)' })
  @Column({ type: 'varchar', length: 20 })
  status: PetitionStatus;

  @Field(() => String, { nullable: true, description: 'Conclusion of the handling (办理结果) — CONDITIONAL; null until concluded' })
  @Conditional()
  @Column({ type: 'text', nullable: true })
  conclusion: string | null;

  @Open()
  @Field(() => DateScalar, { nullable: true, description: 'Date concluded (办结日期)' })
  @Column({ name: 'concluded_date', type: 'date', nullable: true })
  concludedDate: string | null;
}
