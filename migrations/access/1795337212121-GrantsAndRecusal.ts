import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrantsAndRecusal1795337212121 implements MigrationInterface {
  name = 'GrantsAndRecusal1795337212121';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"grant_change\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"grant_id\" uuid NOT NULL, \"action\" character varying(10) NOT NULL, \"changed_by\" uuid NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"before\" jsonb, \"after\" jsonb NOT NULL, CONSTRAINT \"PK_d0e8c9e46d3c2e2e203a1daf104\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2ce09685cc36fe01e764b22769\" ON \"access\".\"grant_change\" (\"grant_id\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"grant\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"subject_kind\" character varying(20) NOT NULL, \"subject_value\" character varying(100) NOT NULL, \"type_name\" character varying(60) NOT NULL, \"fields\" text array NOT NULL DEFAULT '{}', \"effect\" character varying(10) NOT NULL, \"mask_strategy\" character varying(20), \"scope_kind\" character varying(20) NOT NULL, \"unit_credit_codes\" text array NOT NULL DEFAULT '{}', \"valid_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE, \"purpose\" text NOT NULL, \"request_ref\" character varying(100), \"created_by\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_by\" uuid, CONSTRAINT \"PK_451b51b02b610d55f542c542aa2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_06540098be95a8ed4c32894280\" ON \"access\".\"grant\" (\"subject_kind\", \"subject_value\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"principal_tie\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"principal_id\" uuid NOT NULL, \"kind\" character varying(20) NOT NULL, \"code\" character varying(18) NOT NULL, CONSTRAINT \"PK_7bccd722eb745659ee0dad4afe5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_ef9015fd65ac93774e1c7f82b9\" ON \"access\".\"principal_tie\" (\"principal_id\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"team_membership\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"principal_id\" uuid NOT NULL, \"team_id\" character varying(100) NOT NULL, \"valid_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"unit_credit_codes\" text array NOT NULL DEFAULT '{}', CONSTRAINT \"PK_b4f8962cc9081c5d30e78cecefc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_13bb1a79e22d6d245ea3321138\" ON \"access\".\"team_membership\" (\"principal_id\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"seed_state\" (\"id\" SERIAL NOT NULL, \"scale\" integer NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_8c19dedc7c54288efa9f734b230\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"access\".\"seed_state\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_13bb1a79e22d6d245ea3321138\"");
    await queryRunner.query("DROP TABLE \"access\".\"team_membership\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_ef9015fd65ac93774e1c7f82b9\"");
    await queryRunner.query("DROP TABLE \"access\".\"principal_tie\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_06540098be95a8ed4c32894280\"");
    await queryRunner.query("DROP TABLE \"access\".\"grant\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_2ce09685cc36fe01e764b22769\"");
    await queryRunner.query("DROP TABLE \"access\".\"grant_change\"");
  }
}
