import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { DecimalScalar } from '../../common/scalars';
import { FindingCategory, FindingSeverity, RectificationStatus } from './enums';
import { AuditProject } from './project.entity';
import { Records } from '../../authz/records';

/**
 * Findings are published inside their project and keyed by their position in it
 * (seq), as audit reports number their problems; the unit and report date are
 * copied from the project so per-unit pages and statistics need no join.
 */
@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Audit finding (审计发现问题)' })
@Entity({ schema: 'audit', name: 'audit_finding' })
@Unique(['projectId', 'seq'])
@Index(['unitCreditCode', 'reportDate'])
export class AuditFinding {
  @Open()
  @Field(() => ID, { description: "The hub's id of the finding; kept while the finding keeps its position in the project" })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  /** Never loaded by TypeORM: declared for the foreign key, and set by AuditProject.findings so a finding reached through its project needs no lookup. */
  @ManyToOne(() => AuditProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: AuditProject;

  /** Position in the project's findings, from 0. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Column({ name: 'report_date', type: 'date' })
  reportDate: string;

  @Open()
  @Field(() => FindingCategory)
  @Column({ type: 'varchar', length: 30 })
  category: FindingCategory;

  @Field(() => String, { nullable: true, description: 'What was found (问题描述) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 2000 })
  description: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount involved in yuan (涉及金额，元) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'numeric', precision: 15, scale: 2, nullable: true })
  amount: string | null;

  @Open()
  @Field(() => FindingSeverity)
  @Column({ type: 'varchar', length: 10 })
  severity: FindingSeverity;

  @Open()
  @Field(() => RectificationStatus)
  @Column({ name: 'rectification_status', type: 'varchar', length: 20 })
  rectificationStatus: RectificationStatus;
}
