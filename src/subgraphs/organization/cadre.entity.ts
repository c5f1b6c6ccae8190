import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Restricted, Open } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';

@ObjectType({ description: 'Cadre (干部): a person holding a post in a unit' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'organization', name: 'cadre' })
@Unique(['sourceAgencyId', 'externalId'])
export class Cadre extends PublishedRecord {
  @Open()
  @Field({ description: 'Name (姓名)' })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Resident ID number (公民身份号码) — RESTRICTED' })
  @Restricted()
  @Column({ name: 'resident_id', type: 'char', length: 18 })
  residentId: string;

  @Index()
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Open()
  @Field({ description: 'Post (职务)' })
  @Column({ type: 'varchar', length: 100 })
  post: string;

  @Field(() => String, { nullable: true, description: 'Rank (职级) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 50, nullable: true })
  rank: string | null;

  /** Hash of the published career history, and of the one last written: postings are rewritten only when they differ. */
  @Column({ name: 'career_hash', type: 'char', length: 64, nullable: true })
  careerHash: string | null;

  @Column({ name: 'career_written_hash', type: 'char', length: 64, nullable: true })
  careerWrittenHash: string | null;

  @Open()
  @Field({ description: 'Member of the leadership team (领导班子成员)' })
  @Column({ name: 'leadership_member', type: 'boolean', default: false })
  leadershipMember: boolean;
}
