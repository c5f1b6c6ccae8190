import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Restricted, Open } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { Role } from '../../common/agency';

@ObjectType({ description: 'Inspector (巡察人才库成员): a member of the talent pool teams are drawn from' })
@Entity({ schema: 'inspection', name: 'inspector' })
@Unique(['sourceAgencyId', 'externalId'])
export class Inspector extends PublishedRecord {
  @Open()
  @Field({ description: 'Name (姓名)' })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Open()
  @Field(() => [String], { description: 'Skills (专业特长), e.g. 财务, 审计, 纪检, 法律, 工程' })
  @Column({ type: 'varchar', length: 20, array: true })
  skills: string[];

  @Field(() => String, { nullable: true, description: 'Home region (籍贯/常住地行政区划代码) — CONDITIONAL' })
  @Conditional()
  @Index()
  @Column({ name: 'home_region_code', type: 'varchar', length: 12 })
  homeRegionCode: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 of the current employer (现工作单位) — CONDITIONAL' })
  @Conditional()
  @Column({ name: 'current_employer_credit_code', type: 'char', length: 18, nullable: true })
  currentEmployerCreditCode: string | null;

  @Field(() => [String], { nullable: true, description: '统一社会信用代码 of former employers (曾工作单位) — CONDITIONAL' })
  @Conditional()
  @Column({ name: 'past_employer_credit_codes', type: 'char', length: 18, array: true })
  pastEmployerCreditCodes: string[];

  /** Hub login (principal) of the inspector, when they have one: team membership and recusal reach the permission model through it. */
  @Index()
  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId: string | null;

  @Field(() => String, { nullable: true, description: "Resident ID number (公民身份号码) — RESTRICTED to the inspection office's staff" })
  @Restricted({ ownerRoles: [Role.INSPECTION_OFFICE, Role.AGENCY_OFFICER, Role.AGENCY_SYSTEM] })
  @Column({ name: 'resident_id', type: 'char', length: 18 })
  residentId: string;
}
