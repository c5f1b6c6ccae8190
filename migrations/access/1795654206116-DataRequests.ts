import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DataRequests1795654206116 implements MigrationInterface {
  name = 'DataRequests1795654206116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"data_request\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"round_id\" uuid NOT NULL, \"round_name\" character varying(200) NOT NULL, \"team_id\" character varying(100) NOT NULL, \"team_name\" character varying(100) NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"provider_agency_id\" uuid NOT NULL, \"provider_agency_kind\" character varying(40) NOT NULL, \"provider_agency_name\" character varying(100) NOT NULL, \"items\" jsonb NOT NULL, \"purpose\" text NOT NULL, \"legal_basis\" text NOT NULL, \"due_date\" date NOT NULL, \"status\" character varying(20) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"requested_by\" uuid NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decided_by\" uuid, \"decline_reason\" text, \"standing_approval_id\" uuid, \"approved\" jsonb NOT NULL DEFAULT '[]', \"withdrawn_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_0c0cc3673863867b79334686020\" UNIQUE (\"round_id\", \"team_id\", \"unit_credit_code\", \"provider_agency_id\"), CONSTRAINT \"PK_cc9c5faceb7bce9bd72ff794bbf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_9b1ad236251642af1f3a34808b\" ON \"access\".\"data_request\" (\"unit_credit_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3a4107f12b4c20b45408f7fb74\" ON \"access\".\"data_request\" (\"provider_agency_id\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"standing_approval\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, \"effect\" character varying(10) NOT NULL, \"mask_strategy\" character varying(20), \"created_by\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_acf5fa03051f601f6aecc6be29d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_1e14a29fdf310dee29d7e8563d\" ON \"access\".\"standing_approval\" (\"agency_id\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"round_plan\" (\"id\" uuid NOT NULL, \"name\" character varying(200) NOT NULL, \"status\" character varying(20) NOT NULL, \"start_date\" date NOT NULL, \"end_date\" date NOT NULL, \"synced_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_5954570e9cbdab9599cebf8bcf7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"access\".\"principal_tie\" ADD \"source\" character varying(20) NOT NULL DEFAULT 'ADMIN'");
    await queryRunner.query("ALTER TABLE \"access\".\"team_membership\" ADD \"round_id\" uuid");
    await queryRunner.query("CREATE INDEX \"IDX_2d1b57fb8d902c3fb2205de421\" ON \"access\".\"team_membership\" (\"round_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"access\".\"IDX_2d1b57fb8d902c3fb2205de421\"");
    await queryRunner.query("ALTER TABLE \"access\".\"team_membership\" DROP COLUMN \"round_id\"");
    await queryRunner.query("ALTER TABLE \"access\".\"principal_tie\" DROP COLUMN \"source\"");
    await queryRunner.query("DROP TABLE \"access\".\"round_plan\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_1e14a29fdf310dee29d7e8563d\"");
    await queryRunner.query("DROP TABLE \"access\".\"standing_approval\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_3a4107f12b4c20b45408f7fb74\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_9b1ad236251642af1f3a34808b\"");
    await queryRunner.query("DROP TABLE \"access\".\"data_request\"");
  }
}
