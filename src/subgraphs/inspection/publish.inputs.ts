import { Field, InputType, Int } from 'type-graphql';
import { PublishedRecordInput } from '../../common/publish';
import { DateScalar, UUIDScalar } from '../../common/scalars';
import { FindingCategory, FindingSeverity, InspectionKind, InspectionMode, RectificationStatus, RoundStatus } from './enums';

@InputType({ description: 'A member of the talent pool (巡察人才库成员) as the inspection office publishes it' })
export class InspectorInput extends PublishedRecordInput {
  @Field() name: string;
  @Field(() => [String], { defaultValue: [], description: 'Skills (专业特长), e.g. 财务, 审计, 纪检, 法律, 工程' }) skills: string[];
  @Field({ description: '行政区划代码 of the home region' }) homeRegionCode: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 of the current employer' }) currentEmployerCreditCode?: string | null;
  @Field(() => [String], { defaultValue: [], description: '统一社会信用代码 of former employers' }) pastEmployerCreditCodes: string[];
  @Field({ description: '公民身份号码, 18 characters with check digit' }) residentId: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the principal the inspector logs in as: their team grants and recusal follow it' }) principalId?: string | null;
}

@InputType({ description: 'A team (巡察组) inside its round; inspectors are named by their external ids in the talent pool' })
export class InspectionTeamInput {
  @Field({ description: 'Unique within the round, e.g. 第一巡察组' }) name: string;
  @Field({ description: 'External id of the leader (组长), already published with publishInspectors' }) leaderExternalId: string;
  @Field(() => [String], { defaultValue: [], description: 'External ids of the other members (组员)' }) memberExternalIds: string[];
  @Field(() => [String], { defaultValue: [], description: '统一社会信用代码 of the units the team inspects' }) unitCreditCodes: string[];
}

@InputType({ description: 'An inspection round (巡察轮次) with its teams, as the inspection office publishes it' })
export class InspectionRoundInput extends PublishedRecordInput {
  @Field() name: string;
  @Field(() => InspectionKind) kind: InspectionKind;
  @Field(() => InspectionMode) mode: InspectionMode;
  @Field(() => DateScalar) startDate: string;
  @Field(() => DateScalar) endDate: string;
  @Field(() => RoundStatus) status: RoundStatus;
  @Field(() => [InspectionTeamInput], { defaultValue: [], description: 'The complete list of teams: teams left out are removed' }) teams: InspectionTeamInput[];
}

@InputType({ description: 'A rectification item (整改事项) inside its finding' })
export class RectificationItemInput {
  @Field() measures: string;
  @Field() responsibleUnitCreditCode: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the responsible cadre' }) responsibleCadreId?: string | null;
  @Field(() => DateScalar) deadline: string;
  @Field(() => RectificationStatus, { description: 'OPEN, IN_PROGRESS, DONE or VERIFIED (OVERDUE is derived from the deadline)' }) status: RectificationStatus;
  @Field(() => String, { nullable: true, description: 'Required once VERIFIED' }) evidence?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Required for, and only for, VERIFIED items' }) verifiedDate?: string | null;
  @Field(() => Int, { defaultValue: 0 }) rulesEstablished: number;
}

@InputType({ description: 'A finding (巡察发现问题) with its rectification items, as the inspection office publishes it' })
export class InspectionFindingInput extends PublishedRecordInput {
  @Field({ description: 'External id of a round already published, in progress or completed' }) roundExternalId: string;
  @Field() unitCreditCode: string;
  @Field(() => FindingCategory) category: FindingCategory;
  @Field() description: string;
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field({ defaultValue: false }) immediateRectification: boolean;
  @Field(() => [RectificationItemInput], { defaultValue: [], description: 'The complete list of items: items left out are removed' })
  rectificationItems: RectificationItemInput[];
}
