import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecusalAndLogins1795654317679 implements MigrationInterface {
  name = 'RecusalAndLogins1795654317679';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"inspection\".\"recusal_override\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"team_id\" uuid NOT NULL, \"inspector_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"justification\" text NOT NULL, \"created_by\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_3d57ee1386d059d1bc1a3fb7e8c\" UNIQUE (\"team_id\", \"inspector_id\", \"unit_credit_code\"), CONSTRAINT \"PK_19c2c4f102eee82985b1ca94e8e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"inspection\".\"inspector\" ADD \"principal_id\" uuid");
    await queryRunner.query("CREATE INDEX \"IDX_6762f581b0dc8efeabd5fb3eab\" ON \"inspection\".\"inspector\" (\"principal_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_6762f581b0dc8efeabd5fb3eab\"");
    await queryRunner.query("ALTER TABLE \"inspection\".\"inspector\" DROP COLUMN \"principal_id\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"recusal_override\"");
  }
}
