import { Field, InputType } from 'type-graphql';
import { GrantEffect, GrantScopeKind, GrantSubjectKind } from '../../authz/grant-types';
import { MaskStrategy } from '../../authz/sensitivity';

@InputType({ description: 'A new grant (新建授权)' })
export class GrantInput {
  @Field(() => GrantSubjectKind) subjectKind: GrantSubjectKind;
  @Field({ description: 'Agency id, role name, team id or principal id' }) subjectValue: string;
  @Field({ description: 'Type whose CONDITIONAL fields are granted, e.g. Petition' }) typeName: string;
  @Field(() => [String], { defaultValue: [], description: 'CONDITIONAL fields; empty: all of them' }) fields: string[];
  @Field(() => GrantEffect) effect: GrantEffect;
  @Field(() => MaskStrategy, { nullable: true }) maskStrategy?: MaskStrategy | null;
  @Field(() => GrantScopeKind) scopeKind: GrantScopeKind;
  @Field(() => [String], { defaultValue: [] }) unitCreditCodes: string[];
  @Field(() => Date, { nullable: true, description: 'Default: now' }) validFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Default: until revoked' }) validTo?: Date | null;
  @Field({ description: 'Purpose (用途)' }) purpose: string;
  @Field(() => String, { nullable: true }) requestRef?: string | null;
}

@InputType({ description: 'Narrowing of a grant: fewer fields, fewer units, an earlier end, or MASK instead of ALLOW (收窄授权)' })
export class NarrowGrantInput {
  @Field(() => [String], { nullable: true, description: 'A subset of the current fields' }) fields?: string[] | null;
  @Field(() => GrantScopeKind, { nullable: true }) scopeKind?: GrantScopeKind | null;
  @Field(() => [String], { nullable: true, description: 'For LISTED_UNITS: a subset of the units now covered' }) unitCreditCodes?: string[] | null;
  @Field(() => Date, { nullable: true, description: 'An earlier end' }) validTo?: Date | null;
  @Field(() => GrantEffect, { nullable: true, description: 'MASK only (ALLOW → MASK)' }) effect?: GrantEffect | null;
  @Field(() => MaskStrategy, { nullable: true }) maskStrategy?: MaskStrategy | null;
}

