import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
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
 * database refuses UPDATE, DELETE and TRUNCATE, and the hub's role may only SELECT
 * and INSERT) and chained per writer (`chain`, numbered by `position`) with a MAC
 * whose key the database never holds, see authz/audit-chain.ts. `seq` orders all
 * chains together for the admin query. The GIN indexes are created by the
 * migration (TypeORM cannot generate them).
 */
@ObjectType('DisclosureAuditEntry', { description: 'An entry of the disclosure audit trail (数据披露审计记录)' })
@Entity({ schema: 'access', name: 'disclosure_audit' })
@Index(['principalId', 'seq'])
@Index(['agencyId', 'seq'])
@Index('IDX_disclosure_audit_chain_position', ['chain', 'position'], { unique: true })
@Index('IDX_disclosure_audit_chain_seq', ['chain', 'seq'])
@Index('IDX_disclosure_audit_unit_credit_codes', { synchronize: false })
@Index('IDX_disclosure_audit_record_ids', { synchronize: false })
@Check('CHK_disclosure_audit_alg', `"alg" IN ('sha256', 'hmac-sha256', 'hmac-sm3') AND ("alg" = 'sha256') = ("key_id" IS NULL) AND "position" >= 1`)
export class DisclosureAudit {
  @Open()
  @Field(() => ID, { description: 'Order of all entries of every chain (the admin query pages by it)' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Open()
  @Field({ description: 'The chain the entry belongs to (审计链): "gateway", or a subgraph writing its own' })
  @Column({ type: 'varchar', length: 63 })
  chain: string;

  @Open()
  @Field(() => ID, { description: 'Position in its chain, from 1 (what audit:verify names)' })
  @Column({ type: 'bigint' })
  position: string;

  @Open()
  @Field({ description: 'How `hash` is computed: hmac-sha256, hmac-sm3, or sha256 (unkeyed entries written before keyed chains)' })
  @Column({ type: 'varchar', length: 16 })
  alg: string;

  @Open()
  @Field(() => String, { nullable: true, description: 'Fingerprint of the audit key of the MAC (never the key); empty for unkeyed entries' })
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId: string | null;

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
  @Field({ description: 'Hash of the previous entry of the chain (64 zeros for the first)' })
  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Open()
  @Field({ description: 'MAC (or legacy hash) of the entry, hex' })
  @Column({ type: 'char', length: 64 })
  hash: string;
}
