import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { FindingCategory, FindingSeverity } from './enums';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Finding (巡察发现问题) of a round in a unit' })
@Entity({ schema: 'inspection', name: 'inspection_finding' })
@Unique(['sourceAgencyId', 'externalId'])
@Index(['unitCreditCode', 'roundId'])
export class InspectionFinding extends PublishedRecord {
  @Index()
  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Open()
  @Field(() => FindingCategory)
  @Column({ type: 'varchar', length: 30 })
  category: FindingCategory;

  @Field(() => String, { nullable: true, description: 'What was found (问题描述) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'text' })
  description: string;

  @Open()
  @Field(() => FindingSeverity)
  @Column({ type: 'varchar', length: 10 })
  severity: FindingSeverity;

  @Open()
  @Field({ description: 'Rectified on the spot during the inspection (立行立改)' })
  @Column({ name: 'immediate_rectification', type: 'boolean', default: false })
  immediateRectification: boolean;

  /** Hash of the published rectification items, and of those last written: items are rewritten only when they differ. */
  @Column({ name: 'items_hash', type: 'char', length: 64, nullable: true })
  itemsHash: string | null;

  @Column({ name: 'items_written_hash', type: 'char', length: 64, nullable: true })
  itemsWrittenHash: string | null;
}
