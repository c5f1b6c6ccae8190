import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Open } from '../../authz/sensitivity';

export enum DisclosureEffect {
  ALLOW = 'ALLOW',
  MASK = 'MASK',
  OWNER = 'OWNER',
}
registerEnumType(DisclosureEffect, {
  name: 'DisclosureEffect',
  description: 'How sensitive data was disclosed (披露方式)',
  valuesConfig: {
    ALLOW: { description: 'In clear, under a grant' },
    MASK: { description: 'Masked, under a grant' },
    OWNER: { description: "The owning agency read its own CONDITIONAL/RESTRICTED data" },
  },
});

/**
 * One disclosure of CONDITIONAL or RESTRICTED data (披露审计): append-only (the
 * database refuses UPDATE, DELETE and TRUNCATE) and hash-chained in `seq` order:
 * hash = sha256(prev_hash + canonical JSON of the content), see authz/audit-chain.ts.
 * The GIN indexes are created by the migration (TypeORM cannot generate them).
 */
@ObjectType('DisclosureAuditEntry', { description: 'An entry of the disclosure audit trail (数据披露审计记录)' })
@Entity({ schema: 'access', name: 'disclosure_audit' })
@Index(['principalId', 'seq'])
@Index(['agencyId', 'seq'])
@Index('IDX_disclosure_audit_unit_credit_codes', { synchronize: false })
@Index('IDX_disclosure_audit_record_ids', { synchronize: false })
export class DisclosureAudit {
  @Open()
  @Field(() => ID, { description: 'Position in the chain (the entry number audit:verify reports)' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Open()
  @Field(() => ID)
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  id: string;

  @Open()
  @Field(() => GraphQLDateTimeISO, { description: 'When the response was written' })
  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Open()
  @Field({ description: 'Request id (x-request-id) of the response' })
  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  @Open()
  @Field(() => ID)
  @Column({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @Open()
  @Field(() => ID)
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Open()
  @Field(() => String, { nullable: true })
  @Column({ name: 'operation_name', type: 'text', nullable: true })
  operationName: string | null;

  @Open()
  @Field({ description: 'sha256 (hex) of the query text' })
  @Column({ name: 'operation_hash', type: 'char', length: 64 })
  operationHash: string;

  @Open()
  @Field({ description: 'GraphQL type of the records, e.g. Petition' })
  @Column({ name: 'type_name', type: 'text' })
  typeName: string;

  @Open()
  @Field(() => [String])
  @Column({ name: 'record_ids', type: 'text', array: true })
  recordIds: string[];

  @Open()
  @Field(() => [String])
  @Column({ type: 'text', array: true })
  fields: string[];

  @Open()
  @Field(() => [String], { description: 'Credit codes of the units the records belong to' })
  @Column({ name: 'unit_credit_codes', type: 'text', array: true })
  unitCreditCodes: string[];

  @Open()
  @Field(() => DisclosureEffect)
  @Column({ type: 'varchar', length: 10 })
  effect: DisclosureEffect;

  @Open()
  @Field(() => ID, { nullable: true, description: 'Grant the disclosure relied on; empty for OWNER' })
  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId: string | null;

  @Open()
  @Field({ description: 'Hash of the previous entry (64 zeros for the first)' })
  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Open()
  @Field()
  @Column({ type: 'char', length: 64 })
  hash: string;
}
