import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795657988071 implements MigrationInterface {
  name = 'IdempotencyKeys1795657988071';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_835c919ddb2b2ee259307b39d6\" ON \"access\".\"standing_approval\" (\"agency_id\", \"entry_id\") WHERE revoked_at IS NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"access\".\"IDX_835c919ddb2b2ee259307b39d6\"");
  }
}
