import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { DateScalar } from '../../common/scalars';
import type { RectificationStatus } from './enums';
import { Records } from '../../authz/records';

/**
 * Items are published inside their finding and identified by their place in its
 * list, so a republished finding keeps its items' ids for the rectification ledger.
 */
@Records(SharingClass.CONDITIONAL, 'responsibleUnitCreditCode')
@ObjectType({ description: 'Rectification item (整改事项) of a finding' })
@Entity({ schema: 'inspection', name: 'rectification_item' })
@Unique(['findingId', 'seq'])
export class RectificationItem {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @Column({ type: 'int' })
  seq: number;

  @Field(() => String, { nullable: true, description: 'Rectification measures (整改措施) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'text' })
  measures: string;

  @Index()
  @Column({ name: 'responsible_unit_credit_code', type: 'char', length: 18 })
  responsibleUnitCreditCode: string;

  @Index()
  @Column({ name: 'responsible_cadre_id', type: 'uuid', nullable: true })
  responsibleCadreId: string | null;

  @Open()
  @Field(() => DateScalar, { description: 'Deadline (整改时限)' })
  @Column({ type: 'date' })
  deadline: string;

  /** As published (never OVERDUE); the GraphQL `status` derives OVERDUE from the deadline. */
  @Column({ name: 'status', type: 'varchar', length: 20 })
  recordedStatus: RectificationStatus;

  @Field(() => String, { nullable: true, description: 'Evidence of rectification (整改佐证材料) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Open()
  @Field(() => DateScalar, { nullable: true, description: 'Date verified and closed (验收销号日期)' })
  @Column({ name: 'verified_date', type: 'date', nullable: true })
  verifiedDate: string | null;

  /** Verification by the discipline commission's supervising office (监督验收): overrides the published status, survives republishing. */
  @Open()
  @Field(() => Date, { nullable: true, description: 'Verified by the supervising discipline office at (纪检监察机关验收时间)' })
  @Column({ name: 'commission_verified_at', type: 'timestamptz', nullable: true })
  commissionVerifiedAt: Date | null;

  @Open()
  @Field(() => ID, { nullable: true, description: 'Principal of the discipline commission who verified it' })
  @Column({ name: 'commission_verified_by', type: 'uuid', nullable: true })
  commissionVerifiedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Verification opinion (验收意见) — CONDITIONAL' })
  @Conditional()
  @Column({ name: 'verification_note', type: 'text', nullable: true })
  verificationNote: string | null;

  @Open()
  @Field(() => Int, { description: 'Rules and regulations made or revised (建章立制数)' })
  @Column({ name: 'rules_established', type: 'int', default: 0 })
  rulesEstablished: number;
}
