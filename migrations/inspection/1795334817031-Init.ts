import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334817031 implements MigrationInterface {
  name = 'Init1795334817031';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"inspection\".\"inspection_finding\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"round_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"category\" character varying(30) NOT NULL, \"description\" text NOT NULL, \"severity\" character varying(10) NOT NULL, \"immediate_rectification\" boolean NOT NULL DEFAULT false, \"items_hash\" character(64), \"items_written_hash\" character(64), CONSTRAINT \"UQ_0061f2e47ea15830704d33b4440\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_8a5a31d52f66dd3a7ba987e2639\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_943138c5b518570ef7515c3a99\" ON \"inspection\".\"inspection_finding\" (\"round_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_b72a629e15863303d6cdf6c146\" ON \"inspection\".\"inspection_finding\" (\"unit_credit_code\", \"round_id\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"inspector\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"name\" character varying(50) NOT NULL, \"skills\" character varying(20) array NOT NULL, \"home_region_code\" character varying(12) NOT NULL, \"current_employer_credit_code\" character(18), \"past_employer_credit_codes\" character(18) array NOT NULL, \"resident_id\" character(18) NOT NULL, CONSTRAINT \"UQ_0b7224202a17019d00e6fe22e4b\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_089010107f03ba3889d9162b735\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f6ceb6bea3e6bfe78ae3d2e456\" ON \"inspection\".\"inspector\" (\"home_region_code\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"rectification_item\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"finding_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"measures\" text NOT NULL, \"responsible_unit_credit_code\" character(18) NOT NULL, \"responsible_cadre_id\" uuid, \"deadline\" date NOT NULL, \"status\" character varying(20) NOT NULL, \"evidence\" text, \"verified_date\" date, \"rules_established\" integer NOT NULL DEFAULT '0', CONSTRAINT \"UQ_a8445e40f76a02ec0b40385fba7\" UNIQUE (\"finding_id\", \"seq\"), CONSTRAINT \"PK_1c2942382602f6aef2a7be098b9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_bfd91b6bcdd09611c21db4f526\" ON \"inspection\".\"rectification_item\" (\"responsible_unit_credit_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d7f6b35b22d5755bd027d2d8ae\" ON \"inspection\".\"rectification_item\" (\"responsible_cadre_id\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"inspection_round\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"name\" character varying(200) NOT NULL, \"kind\" character varying(20) NOT NULL, \"mode\" character varying(20) NOT NULL, \"start_date\" date NOT NULL, \"end_date\" date NOT NULL, \"status\" character varying(20) NOT NULL, \"teams_hash\" character(64), \"teams_written_hash\" character(64), CONSTRAINT \"UQ_03f446f80d204d7a624c3a62d51\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_eb53dd0ac80835576fb4cbd4cf9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3674afe87b1235fce1523c674e\" ON \"inspection\".\"inspection_round\" (\"start_date\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"team_assignment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"team_id\" uuid NOT NULL, \"round_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"UQ_83a3fc2d946185f2f8ad4fd6074\" UNIQUE (\"round_id\", \"unit_credit_code\"), CONSTRAINT \"PK_5e39b2f06bad3e76f17f7f800ac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3e27e96230d851ed636abb6c3e\" ON \"inspection\".\"team_assignment\" (\"team_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_bc004affa0c9970cafad0c0483\" ON \"inspection\".\"team_assignment\" (\"unit_credit_code\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"inspection_team\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"round_id\" uuid NOT NULL, \"name\" character varying(100) NOT NULL, \"position\" integer NOT NULL, \"leader_id\" uuid NOT NULL, CONSTRAINT \"UQ_c5985b8494b215fa18e1410b77e\" UNIQUE (\"round_id\", \"name\"), CONSTRAINT \"PK_a515e6784e5aaca1aca5b63c605\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"inspection\".\"team_member\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"team_id\" uuid NOT NULL, \"round_id\" uuid NOT NULL, \"inspector_id\" uuid NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"UQ_1f3f6bba3d6c0ed04d11a27a4c1\" UNIQUE (\"round_id\", \"inspector_id\"), CONSTRAINT \"PK_649680684d72a20d279641469c5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_a1b5b4f5fa1b7f890d0a278748\" ON \"inspection\".\"team_member\" (\"team_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_833d3eeaa52a07344d8504294c\" ON \"inspection\".\"team_member\" (\"inspector_id\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"publish_batch\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"batch_key\" character varying(200) NOT NULL, \"kind\" character varying(60) NOT NULL, \"request_hash\" character(64) NOT NULL, \"result\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_02e023802d32c2b248185b0a8b9\" UNIQUE (\"agency_id\", \"batch_key\"), CONSTRAINT \"PK_2c69e517949d177aa50f8c45541\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"inspection\".\"publish_batch\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_833d3eeaa52a07344d8504294c\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_a1b5b4f5fa1b7f890d0a278748\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"team_member\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"inspection_team\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_bc004affa0c9970cafad0c0483\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_3e27e96230d851ed636abb6c3e\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"team_assignment\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_3674afe87b1235fce1523c674e\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"inspection_round\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_d7f6b35b22d5755bd027d2d8ae\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_bfd91b6bcdd09611c21db4f526\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"rectification_item\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_f6ceb6bea3e6bfe78ae3d2e456\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"inspector\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_b72a629e15863303d6cdf6c146\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_943138c5b518570ef7515c3a99\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"inspection_finding\"");
  }
}
