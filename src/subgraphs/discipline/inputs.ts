import { Field, InputType } from 'type-graphql';
import { PublishedRecordInput } from '../../common/publish';
import { DateScalar, UUIDScalar } from '../../common/scalars';
import { ClueSource, ClueStatus, DisposalMethod, SanctionKind, SanctionLevel } from './enums';

@InputType({ description: 'A problem clue as the discipline commission publishes it (发布问题线索)' })
export class ClueInput extends PublishedRecordInput {
  @Field(() => ClueSource) source: ClueSource;
  @Field({ description: '统一社会信用代码 of the unit the clue concerns' }) subjectUnitCreditCode: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the cadre the clue concerns, if one is named' }) subjectCadreId?: string | null;
  @Field({ description: 'Summary, at most 500 characters' }) summary: string;
  @Field(() => String, { nullable: true, description: 'Details, at most 5000 characters' }) details?: string | null;
  @Field(() => DateScalar) receivedDate: string;
  @Field(() => DisposalMethod, { nullable: true, description: 'Required unless status is RECEIVED' }) disposalMethod?: DisposalMethod | null;
  @Field(() => ClueStatus) status: ClueStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Required when FILED; a CLOSED clue that was filed keeps it' }) filedDate?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Required when CLOSED, and only then' }) closedDate?: string | null;
}

@InputType({ description: 'A sanction as the discipline commission publishes it (发布处分信息)' })
export class SanctionInput extends PublishedRecordInput {
  @Field(() => UUIDScalar, { description: 'Hub id of the cadre sanctioned' }) cadreId: string;
  @Field({ description: '统一社会信用代码 of the unit the cadre served in' }) unitCreditCode: string;
  @Field(() => SanctionKind) kind: SanctionKind;
  @Field(() => SanctionLevel, { description: 'Must be a level of the given kind' }) level: SanctionLevel;
  @Field(() => DateScalar) decidedDate: string;
  @Field({ description: 'Reason, at most 1000 characters' }) reason: string;
}

@InputType({ description: 'A stationed discipline group as the discipline commission publishes it (发布派驻纪检监察组)' })
export class StationedGroupInput extends PublishedRecordInput {
  @Field() name: string;
  @Field() leaderName: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters' }) notes?: string | null;
  @Field(() => [String], { description: '统一社会信用代码 of every unit supervised; replaces the previous list' }) supervisedUnitCreditCodes: string[];
}
