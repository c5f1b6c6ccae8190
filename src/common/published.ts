import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Open } from '../authz/sensitivity';

/**
 * Columns every record published by an agency carries: the hub's own id, and the
 * (agency, external id) pair publishing is idempotent on. Subclasses add
 * `@Unique(['sourceAgencyId', 'externalId'])`.
 */
@ObjectType('PublishedRecordBase')
export abstract class PublishedRecord {
  @Open()
  @Field(() => ID, { description: "The hub's id of the record" })
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ name: 'source_agency_id', type: 'uuid' }) sourceAgencyId: string;
  @Column({ name: 'external_id', type: 'varchar', length: 100 }) externalId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
