import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishLog1796208900781 implements MigrationInterface {
  name = 'PublishLog1796208900781';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"petition\".\"publish_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"principal_id\" uuid NOT NULL, \"kind\" character varying(60) NOT NULL, \"batch_key\" character varying(200), \"accepted\" boolean NOT NULL, \"received\" integer NOT NULL, \"created\" integer NOT NULL DEFAULT '0', \"updated\" integer NOT NULL DEFAULT '0', \"unchanged\" integer NOT NULL DEFAULT '0', \"error_count\" integer NOT NULL DEFAULT '0', \"record_errors\" jsonb NOT NULL DEFAULT '[]', \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_442d959c96ed0d42a13c1e6638b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2f7b4bfca11e17841ef91520cd\" ON \"petition\".\"publish_log\" (\"agency_id\", \"at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"petition\".\"IDX_2f7b4bfca11e17841ef91520cd\"");
    await queryRunner.query("DROP TABLE \"petition\".\"publish_log\"");
  }
}
