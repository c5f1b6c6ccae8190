import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334831425 implements MigrationInterface {
  name = 'Init1795334831425';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"discipline\".\"problem_clue\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"source\" character varying(20) NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"subject_cadre_id\" uuid, \"summary\" character varying(500) NOT NULL, \"details\" text, \"received_date\" date NOT NULL, \"disposal_method\" character varying(30), \"status\" character varying(20) NOT NULL, \"filed_date\" date, \"closed_date\" date, CONSTRAINT \"UQ_2249bd20687f1169ef3fbad9000\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_f096c3328beaa2bf878817eba2f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_46998f05531df8483b44777679\" ON \"discipline\".\"problem_clue\" (\"unit_credit_code\", \"received_date\") ");
    await queryRunner.query("CREATE TABLE \"discipline\".\"sanction\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"cadre_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"kind\" character varying(20) NOT NULL, \"level\" character varying(30) NOT NULL, \"decided_date\" date NOT NULL, \"reason\" character varying(1000) NOT NULL, CONSTRAINT \"UQ_afcbfa5cdb223be0fe35344bd75\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_8e0d7d8cef573a237bb11a61c8a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_1f9c8b49d861b44bd26395e6c8\" ON \"discipline\".\"sanction\" (\"cadre_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9df5124fd9647b93ee168d32d1\" ON \"discipline\".\"sanction\" (\"unit_credit_code\", \"decided_date\") ");
    await queryRunner.query("CREATE TABLE \"discipline\".\"stationed_group\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"name\" character varying(100) NOT NULL, \"leader_name\" character varying(50) NOT NULL, \"notes\" text, \"supervised_units_hash\" character(64) NOT NULL, CONSTRAINT \"UQ_ca576fcdf6bcc4da6ebc1eb442f\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_c6bd8a92e5b8d28ea84f97d74ca\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"discipline\".\"stationed_group_unit\" (\"group_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, CONSTRAINT \"PK_528ab9c76d984383aeae4df6109\" PRIMARY KEY (\"group_id\", \"unit_credit_code\"))");
    await queryRunner.query("CREATE INDEX \"IDX_cfced5ffe5cb86a1eb87915396\" ON \"discipline\".\"stationed_group_unit\" (\"unit_credit_code\") ");
    await queryRunner.query("CREATE TABLE \"discipline\".\"publish_batch\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"batch_key\" character varying(200) NOT NULL, \"kind\" character varying(60) NOT NULL, \"request_hash\" character(64) NOT NULL, \"result\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_02e023802d32c2b248185b0a8b9\" UNIQUE (\"agency_id\", \"batch_key\"), CONSTRAINT \"PK_2c69e517949d177aa50f8c45541\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"discipline\".\"publish_batch\"");
    await queryRunner.query("DROP INDEX \"discipline\".\"IDX_cfced5ffe5cb86a1eb87915396\"");
    await queryRunner.query("DROP TABLE \"discipline\".\"stationed_group_unit\"");
    await queryRunner.query("DROP TABLE \"discipline\".\"stationed_group\"");
    await queryRunner.query("DROP INDEX \"discipline\".\"IDX_9df5124fd9647b93ee168d32d1\"");
    await queryRunner.query("DROP INDEX \"discipline\".\"IDX_1f9c8b49d861b44bd26395e6c8\"");
    await queryRunner.query("DROP TABLE \"discipline\".\"sanction\"");
    await queryRunner.query("DROP INDEX \"discipline\".\"IDX_46998f05531df8483b44777679\"");
    await queryRunner.query("DROP TABLE \"discipline\".\"problem_clue\"");
  }
}
