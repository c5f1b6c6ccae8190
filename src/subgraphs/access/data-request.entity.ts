import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { GrantEffect } from '../../authz/grant-types';
import { MaskStrategy, Open } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';
import { DateScalar } from '../../common/scalars';

export enum DataRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  /** The round was cancelled, or the unit left the team, before or after an answer: its grants are revoked. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(DataRequestStatus, {
  name: 'DataRequestStatus',
  description: 'Where a data request stands (协查请求状态)',
  valuesConfig: {
    PENDING: { description: '待答复' },
    APPROVED: { description: '已同意（已生成授权）' },
    DECLINED: { description: '已拒绝' },
    WITHDRAWN: { description: '已撤回（轮次取消或调整）' },
  },
});

@ObjectType({ description: 'What a data request asks for: one catalogue item (协作配合目录条目)' })
export class RequestedItem {
  @Open() @Field(() => ID, { description: 'Catalogue item it comes from' }) entryId: string;
  @Open() @Field() typeName: string;
  @Open() @Field(() => [String], { description: 'CONDITIONAL fields asked for; empty: all of them' }) fields: string[];
  @Open() @Field() notes: string;
}

@ObjectType({ description: 'What a provider agreed to share for one type, and the grant that carries it' })
export class ApprovedItem {
  @Open() @Field() typeName: string;
  @Open() @Field(() => [String], { description: 'Fields shared; empty: all requested ones' }) fields: string[];
  @Open() @Field(() => GrantEffect) effect: GrantEffect;
  @Open() @Field(() => MaskStrategy, { nullable: true }) maskStrategy: MaskStrategy | null;
  @Open() @Field(() => ID) grantId: string;
}

/**
 * The digital 情况函: one request per (round, team, target unit, provider agency),
 * fanned out from the collaboration catalogue when the round is published. An
 * approval turns into grants for the team on that unit, valid until the round's end
 * plus the rectification window.
 */
@ObjectType({ description: 'Data request (协查请求): what an inspection asks one agency to share about one unit' })
@Entity({ schema: 'access', name: 'data_request' })
@Unique(['roundId', 'teamId', 'unitCreditCode', 'providerAgencyId'])
@Index(['providerAgencyId', 'status'])
export class DataRequest {
  @Open() @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;

  @Open() @Field(() => ID) @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Open() @Field({ description: 'Round name (轮次)' }) @Column({ name: 'round_name', type: 'varchar', length: 200 }) roundName: string;
  @Open() @Field(() => ID, { description: 'Inspection team the data is for (巡察组)' }) @Column({ name: 'team_id', type: 'varchar', length: 100 }) teamId: string;
  @Open() @Field() @Column({ name: 'team_name', type: 'varchar', length: 100 }) teamName: string;
  @Open() @Field({ description: '统一社会信用代码 of the unit asked about' }) @Index() @Column({ name: 'unit_credit_code', type: 'char', length: 18 }) unitCreditCode: string;

  @Open() @Field(() => ID) @Column({ name: 'provider_agency_id', type: 'uuid' }) providerAgencyId: string;
  @Open() @Field(() => AgencyKind) @Column({ name: 'provider_agency_kind', type: 'varchar', length: 40 }) providerAgencyKind: AgencyKind;
  @Open() @Field() @Column({ name: 'provider_agency_name', type: 'varchar', length: 100 }) providerAgencyName: string;

  @Open() @Field(() => [RequestedItem]) @Column({ type: 'jsonb' }) items: RequestedItem[];
  @Open() @Field({ description: 'Purpose (用途)' }) @Column({ type: 'text' }) purpose: string;
  @Open() @Field({ description: 'Legal basis (依据)' }) @Column({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  @Open() @Field(() => DateScalar, { description: 'Answer due by (答复期限)' }) @Column({ name: 'due_date', type: 'date' }) dueDate: string;

  @Open() @Field(() => DataRequestStatus) @Column({ type: 'varchar', length: 20 }) status: DataRequestStatus;
  @Open() @Field({ description: 'Requested at (发起时间)' }) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Open() @Field(() => ID, { description: 'Principal who published the round' }) @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  @Open() @Field(() => Date, { nullable: true }) @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Open() @Field(() => ID, { nullable: true, description: 'Principal who approved or declined' }) @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Open() @Field(() => String, { nullable: true, description: 'Why it was declined (拒绝理由)' }) @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason: string | null;
  @Open() @Field(() => ID, { nullable: true, description: 'Standing approval that answered it at once, if any (常态化授权)' })
  @Column({ name: 'standing_approval_id', type: 'uuid', nullable: true })
  standingApprovalId: string | null;
  @Open() @Field(() => [ApprovedItem]) @Column({ type: 'jsonb', default: () => "'[]'" }) approved: ApprovedItem[];
  @Open() @Field(() => Date, { nullable: true }) @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Open() @Field(() => ID, { nullable: true, description: 'Principal whose change of the round withdrew it' }) @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true }) withdrawnBy: string | null;
}

/**
 * An agency's standing "yes" to a catalogue item: every request for it, in every
 * round, is approved the moment it is made (with the mask given here).
 */
@ObjectType({ description: 'Standing approval (常态化授权): a catalogue item an agency approves for every round in advance' })
@Entity({ schema: 'access', name: 'standing_approval' })
@Index(['agencyId'])
// One standing approval in force per agency and item, even when two officers set it at once.
@Index(['agencyId', 'entryId'], { unique: true, where: 'revoked_at IS NULL' })
export class StandingApproval {
  @Open() @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Open() @Field(() => ID) @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Open() @Field(() => ID) @Column({ name: 'entry_id', type: 'uuid' }) entryId: string;
  @Open() @Field(() => GrantEffect) @Column({ type: 'varchar', length: 10 }) effect: GrantEffect;
  @Open() @Field(() => MaskStrategy, { nullable: true }) @Column({ name: 'mask_strategy', type: 'varchar', length: 20, nullable: true }) maskStrategy: MaskStrategy | null;
  @Open() @Field(() => ID) @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Open() @Field() @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Open() @Field(() => Date, { nullable: true }) @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}

/** What access knows of a round: enough to date grants and to withdraw them when it is cancelled. */
@Entity({ schema: 'access', name: 'round_plan' })
export class RoundPlan {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ name: 'synced_at', type: 'timestamptz' }) syncedAt: Date;
}
