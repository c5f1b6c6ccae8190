import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Open } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';

/**
 * One standing item of the collaboration catalogue (协作配合目录): what an agency of a
 * kind provides for every inspection. Items naming a type are what data requests
 * will ask for; items without one are provided outside the hub (by letter, for now).
 */
@ObjectType({ description: 'Collaboration catalogue item (协作配合目录条目): what an agency provides for every inspection' })
@Entity({ schema: 'access', name: 'collaboration_entry' })
@Index(['providerAgencyKind'])
export class CollaborationEntry {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field(() => AgencyKind, { description: 'Kind of agency that provides it (提供单位)' })
  @Column({ name: 'provider_agency_kind', type: 'varchar', length: 40 })
  providerAgencyKind: AgencyKind;

  @Open()
  @Field(() => String, { nullable: true, description: 'Shared type provided, e.g. Petition; empty: provided outside the hub' })
  @Column({ name: 'type_name', type: 'varchar', length: 60, nullable: true })
  typeName: string | null;

  @Open()
  @Field(() => [String], { description: 'CONDITIONAL fields provided; empty: all of them' })
  @Column({ type: 'text', array: true, default: '{}' })
  fields: string[];

  @Open()
  @Field({ description: 'What is provided and how (提供内容及要求)' })
  @Column({ type: 'text' })
  notes: string;

  @Open()
  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
