import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795335032010 implements MigrationInterface {
  name = 'Init1795335032010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"petition\".\"petition\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"channel\" character varying(20) NOT NULL, \"received_date\" date NOT NULL, \"anonymous\" boolean NOT NULL, \"reporter_name\" character varying(50), \"reporter_phone\" character varying(11), \"reporter_id_number\" character(18), \"unit_credit_code\" character(18) NOT NULL, \"cadre_id\" uuid, \"category\" character varying(40) NOT NULL, \"summary\" character varying(500) NOT NULL, \"content\" text NOT NULL, \"status\" character varying(20) NOT NULL, \"conclusion\" text, \"concluded_date\" date, CONSTRAINT \"UQ_fa8879244b14210f0dc3a3babcf\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_469bc03ae1fe441954bcb2e6a0c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_4d331be5f244e15b01ecd5c7af\" ON \"petition\".\"petition\" (\"cadre_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_6156085e046966e497b6d216e1\" ON \"petition\".\"petition\" (\"unit_credit_code\", \"received_date\") ");
    await queryRunner.query("CREATE TABLE \"petition\".\"public_opinion_item\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"unit_credit_code\" character(18) NOT NULL, \"source\" character varying(100) NOT NULL, \"published_date\" date NOT NULL, \"title\" character varying(200) NOT NULL, \"summary\" character varying(1000) NOT NULL, \"sentiment\" character varying(10) NOT NULL, CONSTRAINT \"UQ_4c25d82c10ef4caf1831c22be26\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_f2c7e5e1cbd391a78bd66339da7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_80aaa85d7a17bd54be4d6f2a0a\" ON \"petition\".\"public_opinion_item\" (\"unit_credit_code\", \"published_date\") ");
    await queryRunner.query("CREATE TABLE \"petition\".\"publish_batch\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"batch_key\" character varying(200) NOT NULL, \"kind\" character varying(60) NOT NULL, \"request_hash\" character(64) NOT NULL, \"result\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_02e023802d32c2b248185b0a8b9\" UNIQUE (\"agency_id\", \"batch_key\"), CONSTRAINT \"PK_2c69e517949d177aa50f8c45541\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"petition\".\"publish_batch\"");
    await queryRunner.query("DROP INDEX \"petition\".\"IDX_80aaa85d7a17bd54be4d6f2a0a\"");
    await queryRunner.query("DROP TABLE \"petition\".\"public_opinion_item\"");
    await queryRunner.query("DROP INDEX \"petition\".\"IDX_6156085e046966e497b6d216e1\"");
    await queryRunner.query("DROP INDEX \"petition\".\"IDX_4d331be5f244e15b01ecd5c7af\"");
    await queryRunner.query("DROP TABLE \"petition\".\"petition\"");
  }
}
