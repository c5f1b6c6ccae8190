import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GrantEffect, GrantScopeKind, GrantSubjectKind } from '../../authz/grant-types';
import { MaskStrategy, Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Grant (授权): read access to CONDITIONAL fields of a type, for a subject, in a scope and window' })
@Entity({ schema: 'access', name: 'grant' })
@Index(['subjectKind', 'subjectValue'])
export class Grant {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field(() => GrantSubjectKind)
  @Column({ name: 'subject_kind', type: 'varchar', length: 20 })
  subjectKind: GrantSubjectKind;

  @Open()
  @Field({ description: 'Agency id, role name, team id or principal id, by subjectKind' })
  @Column({ name: 'subject_value', type: 'varchar', length: 100 })
  subjectValue: string;

  @Open()
  @Field({ description: 'GraphQL type the grant covers, e.g. Petition' })
  @Column({ name: 'type_name', type: 'varchar', length: 60 })
  typeName: string;

  @Open()
  @Field(() => [String], { description: 'CONDITIONAL fields covered; empty: all of them' })
  @Column({ type: 'text', array: true, default: '{}' })
  fields: string[];

  @Open()
  @Field(() => GrantEffect)
  @Column({ type: 'varchar', length: 10 })
  effect: GrantEffect;

  @Open()
  @Field(() => MaskStrategy, { nullable: true, description: "For MASK: the strategy; empty: each field's default mask" })
  @Column({ name: 'mask_strategy', type: 'varchar', length: 20, nullable: true })
  maskStrategy: MaskStrategy | null;

  @Open()
  @Field(() => GrantScopeKind)
  @Column({ name: 'scope_kind', type: 'varchar', length: 20 })
  scopeKind: GrantScopeKind;

  @Open()
  @Field(() => [String], { description: 'For LISTED_UNITS: credit codes of the units covered' })
  @Column({ name: 'unit_credit_codes', type: 'text', array: true, default: '{}' })
  unitCreditCodes: string[];

  @Open()
  @Field()
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Open()
  @Field(() => Date, { nullable: true, description: 'End of validity; empty: until revoked' })
  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Open()
  @Field({ description: 'Purpose (用途), e.g. the inspection it serves' })
  @Column({ type: 'text' })
  purpose: string;

  @Open()
  @Field(() => String, { nullable: true, description: 'Data request (协查请求) the grant came from' })
  @Column({ name: 'request_ref', type: 'varchar', length: 100, nullable: true })
  requestRef: string | null;

  @Open()
  @Field(() => ID)
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Open()
  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Open()
  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;
}
