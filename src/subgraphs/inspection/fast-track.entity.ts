import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Records } from '../../authz/records';
import { Open, Restricted, SharingClass } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';
import { DisposalMethod } from '../../common/disposal';
import { DateScalar } from '../../common/scalars';

/** Where a clue found during a round stands on the fast track (绿色通道). */
export enum FastTrackStatus {
  RECORDED = 'RECORDED',
  REVIEWED = 'REVIEWED',
  TRANSFERRED = 'TRANSFERRED',
  DISPOSED = 'DISPOSED',
  FILED = 'FILED',
  CLOSED = 'CLOSED',
}
registerEnumType(FastTrackStatus, {
  name: 'FastTrackStatus',
  description: 'Fast-track clue status (绿色通道线索状态)',
  valuesConfig: {
    RECORDED: { description: '巡察组已登记，待联席研判' },
    REVIEWED: { description: '联席研判完成（巡察组与纪委监委均已提出意见）' },
    TRANSFERRED: { description: '案件监督管理室已接收移交' },
    DISPOSED: { description: '已按四种方式处置' },
    FILED: { description: '已立案' },
    CLOSED: { description: '已办结，结果反馈巡察办' },
  },
});


const SHARED = [AgencyKind.DISCIPLINE_COMMISSION];

/**
 * A clue an inspection team found during a round, on its way to the discipline
 * commission. The details are the team's and the commission's alone (RESTRICTED,
 * shared with the commission). Never deleted: the database refuses it.
 */
// The list is for the office and the commission (checked where it is asked); the unit is known so recusal applies field by field.
@Records(SharingClass.OPEN, 'unitCreditCode')
@ObjectType({ description: 'Fast-track clue (绿色通道问题线索): found by an inspection team, reviewed jointly, transferred to the discipline commission' })
@Entity({ schema: 'inspection', name: 'fast_track_clue' })
@Index(['roundId', 'status'])
export class FastTrackClue {
  @Open() @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Open() @Field(() => ID) @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Open() @Field(() => ID) @Index() @Column({ name: 'team_id', type: 'uuid' }) teamId: string;
  @Open() @Field({ description: '统一社会信用代码 of the unit' }) @Index() @Column({ name: 'unit_credit_code', type: 'char', length: 18 }) unitCreditCode: string;
  @Restricted({ sharedWith: SHARED }) @Field(() => ID, { nullable: true, description: 'Cadre concerned (被反映人), if any — RESTRICTED to the team and the commission' })
  @Column({ name: 'cadre_id', type: 'uuid', nullable: true })
  cadreId: string | null;
  @Restricted({ sharedWith: SHARED }) @Field(() => String, { nullable: true, description: 'Summary (线索摘要) — RESTRICTED to the team and the commission' }) @Column({ type: 'varchar', length: 500 }) summary: string;
  @Restricted({ sharedWith: SHARED }) @Field(() => String, { nullable: true, description: 'Details (线索详情) — RESTRICTED to the team and the commission' }) @Column({ type: 'text' }) details: string;
  @Restricted({ sharedWith: SHARED }) @Field(() => [String], { nullable: true, description: 'Evidence references (证据材料编号) — RESTRICTED to the team and the commission' })
  @Column({ name: 'evidence_refs', type: 'text', array: true, default: '{}' })
  evidenceRefs: string[];
  @Open() @Field(() => DateScalar, { description: 'Found on (发现日期)' }) @Column({ name: 'discovered_date', type: 'date' }) discoveredDate: string;
  @Open() @Field(() => FastTrackStatus) @Column({ type: 'varchar', length: 20 }) status: FastTrackStatus;
  @Restricted({ sharedWith: SHARED }) @Field(() => String, { nullable: true, description: "Team's opinion in joint review (巡察组意见)" })
  @Column({ name: 'team_opinion', type: 'text', nullable: true })
  teamOpinion: string | null;
  @Restricted({ sharedWith: SHARED }) @Field(() => String, { nullable: true, description: "Commission's opinion in joint review (纪委监委意见)" })
  @Column({ name: 'commission_opinion', type: 'text', nullable: true })
  commissionOpinion: string | null;
  @Open() @Field(() => Date, { nullable: true, description: 'Transferred at (移交时间)' }) @Column({ name: 'transferred_at', type: 'timestamptz', nullable: true }) transferredAt: Date | null;
  @Open() @Field(() => ID, { nullable: true, description: 'The problem clue it became in the discipline subgraph' }) @Column({ name: 'problem_clue_id', type: 'uuid', nullable: true }) problemClueId: string | null;
  @Open() @Field(() => DisposalMethod, { nullable: true }) @Column({ name: 'disposal_method', type: 'varchar', length: 30, nullable: true }) disposalMethod: DisposalMethod | null;
  @Open() @Field(() => Date, { nullable: true, description: 'Case filed at (立案时间)' }) @Column({ name: 'filed_at', type: 'timestamptz', nullable: true }) filedAt: Date | null;
  @Open() @Field(() => Date, { nullable: true, description: 'Closed at (办结时间)' }) @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Restricted({ sharedWith: SHARED }) @Field(() => String, { nullable: true, description: 'Result fed back to the inspection office (办理结果)' }) @Column({ type: 'text', nullable: true }) result: string | null;
  @Open() @Field(() => ID, { description: 'Principal who recorded it' }) @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  /** The recorder's idempotency key: a retried recording returns the clue already recorded. */
  @Index({ unique: true, where: 'client_key IS NOT NULL' })
  @Column({ name: 'client_key', type: 'varchar', length: 100, nullable: true })
  clientKey: string | null;
  @Open() @Field() @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Every step of a fast-track clue: who, which agency, when, from which state to which. Append-only. */
@ObjectType({ description: 'A step of a fast-track clue (线索流转记录)' })
@Entity({ schema: 'inspection', name: 'fast_track_event' })
export class FastTrackEvent {
  @Open() @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'clue_id', type: 'uuid' }) clueId: string;
  @Open() @Field({ description: 'RECORD, TEAM_OPINION, COMMISSION_OPINION, TRANSFER, DISPOSE, FILE, CLOSE' }) @Column({ type: 'varchar', length: 30 }) action: string;
  @Open() @Field(() => FastTrackStatus, { nullable: true }) @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true }) fromStatus: FastTrackStatus | null;
  @Open() @Field(() => FastTrackStatus) @Column({ name: 'to_status', type: 'varchar', length: 20 }) toStatus: FastTrackStatus;
  @Open() @Field(() => ID) @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Open() @Field() @Column({ name: 'actor_name', type: 'varchar', length: 100 }) actorName: string;
  @Open() @Field(() => AgencyKind) @Column({ name: 'actor_agency_kind', type: 'varchar', length: 40 }) actorAgencyKind: AgencyKind;
  @Open() @Field() @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}
