import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Restricted, Open, SharingClass } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { ClueSource, ClueStatus, DisposalMethod } from './enums';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Problem clue (问题线索): a lead about possible misconduct and how it was disposed of' })
@Entity({ schema: 'discipline', name: 'problem_clue' })
@Unique(['sourceAgencyId', 'externalId'])
// Pages per unit are read newest-received first.
@Index(['unitCreditCode', 'receivedDate'])
export class ProblemClue extends PublishedRecord {
  @Open()
  @Field(() => ClueSource, { description: 'Source (线索来源)' })
  @Column({ type: 'varchar', length: 20 })
  source: ClueSource;

  /** Resolved as `subjectUnit`. */
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  /** Resolved as `subjectCadre`; a clue may concern a unit without naming a person. */
  @Column({ name: 'subject_cadre_id', type: 'uuid', nullable: true })
  subjectCadreId: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of the allegation (线索摘要) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Field(() => String, { nullable: true, description: 'Details of the allegation (线索详情) — RESTRICTED' })
  @Restricted()
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Open()
  @Field(() => DateScalar, { description: 'Date received (受理日期)' })
  @Column({ name: 'received_date', type: 'date' })
  receivedDate: string;

  @Open()
  @Field(() => DisposalMethod, { nullable: true, description: 'Disposal method (处置方式); empty while only received' })
  @Column({ name: 'disposal_method', type: 'varchar', length: 30, nullable: true })
  disposalMethod: DisposalMethod | null;

  @Open()
  @Field(() => ClueStatus, { description: 'Status (办理状态)' })
  @Column({ type: 'varchar', length: 20 })
  status: ClueStatus;

  @Open()
  @Field(() => DateScalar, { nullable: true, description: 'Date the case was filed (立案日期)' })
  @Column({ name: 'filed_date', type: 'date', nullable: true })
  filedDate: string | null;

  @Open()
  @Field(() => DateScalar, { nullable: true, description: 'Date closed (办结日期)' })
  @Column({ name: 'closed_date', type: 'date', nullable: true })
  closedDate: string | null;

  @Open()
  @Field(() => ID, { nullable: true, description: 'The fast-track clue (绿色通道) an inspection team transferred, when it came that way' })
  @Index({ unique: true, where: 'fast_track_clue_id IS NOT NULL' })
  @Column({ name: 'fast_track_clue_id', type: 'uuid', nullable: true })
  fastTrackClueId: string | null;
}
