import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { AuditKind } from './enums';
import { Conditional, MaskStrategy, Open, SharingClass } from '../../authz/sensitivity';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Audit project (审计项目): one audit of one unit, with the problems it found' })
@Entity({ schema: 'audit', name: 'audit_project' })
@Unique(['sourceAgencyId', 'externalId'])
@Index(['unitCreditCode', 'reportDate'])
export class AuditProject extends PublishedRecord {
  @Conditional(MaskStrategy.REDACT_TEXT)
  @Field(() => String, { nullable: true, description: 'Title (项目名称) — CONDITIONAL: titles of economic-responsibility audits name the cadre' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Open()
  @Field(() => AuditKind)
  @Column({ type: 'varchar', length: 30 })
  kind: AuditKind;

  @Open()
  @Field(() => DateScalar, { description: 'First day of the audited period (审计期间起)' })
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Open()
  @Field(() => DateScalar, { description: 'Last day of the audited period (审计期间止)' })
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Open()
  @Field(() => DateScalar, { description: 'Date of the audit report (审计报告日期)' })
  @Column({ name: 'report_date', type: 'date' })
  reportDate: string;

  /** Units by credit code, as audit reports cite them: the unit may reach the hub later than the audit. */
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Index()
  @Column({ name: 'audited_cadre_id', type: 'uuid', nullable: true })
  auditedCadreId: string | null;

  /** Hash of the published findings (with the unit and report date they inherit), and of the ones last written: findings are rewritten only when they differ. */
  @Column({ name: 'findings_hash', type: 'char', length: 64 })
  findingsHash: string;

  @Column({ name: 'findings_written_hash', type: 'char', length: 64, nullable: true })
  findingsWrittenHash: string | null;
}
