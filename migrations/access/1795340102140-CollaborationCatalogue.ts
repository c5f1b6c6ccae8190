import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollaborationCatalogue1795340102140 implements MigrationInterface {
  name = 'CollaborationCatalogue1795340102140';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"collaboration_entry\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"provider_agency_kind\" character varying(40) NOT NULL, \"type_name\" character varying(60), \"fields\" text array NOT NULL DEFAULT '{}', \"notes\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_57e42dced7878d72d89bd706675\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_a5cc7c550c74a8e2cafce4284c\" ON \"access\".\"collaboration_entry\" (\"provider_agency_kind\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"access\".\"IDX_a5cc7c550c74a8e2cafce4284c\"");
    await queryRunner.query("DROP TABLE \"access\".\"collaboration_entry\"");
  }
}
