import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334126122 implements MigrationInterface {
  name = 'Init1795334126122';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"agency\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"code\" character varying(40) NOT NULL, \"name\" character varying(100) NOT NULL, \"kind\" character varying(40) NOT NULL, \"region_code\" character varying(12) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_fbda24d0286deca69d0b8d30f10\" UNIQUE (\"code\"), CONSTRAINT \"PK_ab1244724d1c216e9720635a2e5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"access\".\"principal\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"login\" character varying(60) NOT NULL, \"name\" character varying(100) NOT NULL, \"kind\" character varying(10) NOT NULL, \"agency_id\" uuid NOT NULL, \"roles\" text array NOT NULL DEFAULT '{}', \"api_key_hash\" character(64), \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_2a95d768cd7f7ae7cb9a597b405\" UNIQUE (\"login\"), CONSTRAINT \"PK_b3ff9fc87cb26d8e16f1cc56745\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3228b9e88f16c5b95ba5995b36\" ON \"access\".\"principal\" (\"agency_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_103a91bf3132ecb973b398d1b0\" ON \"access\".\"principal\" (\"api_key_hash\") WHERE api_key_hash IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"access\".\"IDX_103a91bf3132ecb973b398d1b0\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_3228b9e88f16c5b95ba5995b36\"");
    await queryRunner.query("DROP TABLE \"access\".\"principal\"");
    await queryRunner.query("DROP TABLE \"access\".\"agency\"");
  }
}
