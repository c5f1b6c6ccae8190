import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334122188 implements MigrationInterface {
  name = 'Init1795334122188';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"organization\".\"cadre\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"name\" character varying(50) NOT NULL, \"resident_id\" character(18) NOT NULL, \"unit_id\" uuid NOT NULL, \"post\" character varying(100) NOT NULL, \"rank\" character varying(50), \"career_hash\" character(64), \"career_written_hash\" character(64), \"leadership_member\" boolean NOT NULL DEFAULT false, CONSTRAINT \"UQ_2d24d924908b121dc96ac6e4937\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_f32741f7c0b6ff1722faa6f1e1d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_0338dc244c8ed1f8e668703664\" ON \"organization\".\"cadre\" (\"unit_id\") ");
    await queryRunner.query("CREATE TABLE \"organization\".\"cadre_posting\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"cadre_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"unit_name\" character varying(200) NOT NULL, \"post\" character varying(100) NOT NULL, \"start_date\" date NOT NULL, \"end_date\" date, CONSTRAINT \"PK_5f1a24835285636a3e692134441\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_ef43c21bfa8513952b67b95bee\" ON \"organization\".\"cadre_posting\" (\"cadre_id\") ");
    await queryRunner.query("CREATE TABLE \"organization\".\"region\" (\"code\" character varying(12) NOT NULL, \"name\" character varying(100) NOT NULL, \"level\" character varying(20) NOT NULL, \"parent_code\" character varying(12), \"path\" character varying(200) NOT NULL, CONSTRAINT \"PK_74f7723fdff738f92929c0056cb\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"IDX_73a16baaad741cbb01fa629e95\" ON \"organization\".\"region\" (\"parent_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_fe5ebce493b47061fe693b660a\" ON \"organization\".\"region\" (\"path\") ");
    await queryRunner.query("CREATE TABLE \"organization\".\"inspected_unit\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"credit_code\" character(18) NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" character varying(40) NOT NULL, \"region_code\" character varying(12) NOT NULL, \"parent_unit_id\" uuid, \"authorised_headcount\" integer, \"actual_headcount\" integer, CONSTRAINT \"UQ_baafb1818904baf8b4ef2d2b580\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_76de300825f8a299c049dbac6fa\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_b98b80d0ee52756a462deb18a3\" ON \"organization\".\"inspected_unit\" (\"credit_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_129b8ef3b9e417f96adf20bd56\" ON \"organization\".\"inspected_unit\" (\"region_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_418924703e77cfdd5aad1d9016\" ON \"organization\".\"inspected_unit\" (\"parent_unit_id\") ");
    await queryRunner.query("CREATE TABLE \"organization\".\"publish_batch\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"batch_key\" character varying(200) NOT NULL, \"kind\" character varying(60) NOT NULL, \"request_hash\" character(64) NOT NULL, \"result\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_02e023802d32c2b248185b0a8b9\" UNIQUE (\"agency_id\", \"batch_key\"), CONSTRAINT \"PK_2c69e517949d177aa50f8c45541\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"organization\".\"publish_batch\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_418924703e77cfdd5aad1d9016\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_129b8ef3b9e417f96adf20bd56\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_b98b80d0ee52756a462deb18a3\"");
    await queryRunner.query("DROP TABLE \"organization\".\"inspected_unit\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_fe5ebce493b47061fe693b660a\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_73a16baaad741cbb01fa629e95\"");
    await queryRunner.query("DROP TABLE \"organization\".\"region\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_ef43c21bfa8513952b67b95bee\"");
    await queryRunner.query("DROP TABLE \"organization\".\"cadre_posting\"");
    await queryRunner.query("DROP INDEX \"organization\".\"IDX_0338dc244c8ed1f8e668703664\"");
    await queryRunner.query("DROP TABLE \"organization\".\"cadre\"");
  }
}
