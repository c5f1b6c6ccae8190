import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795657988686 implements MigrationInterface {
  name = 'IdempotencyKeys1795657988686';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"inspection\".\"fast_track_clue\" ADD \"client_key\" character varying(100)");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d521e01c02bde2a2e46b46b2a4\" ON \"inspection\".\"fast_track_clue\" (\"client_key\") WHERE client_key IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_d521e01c02bde2a2e46b46b2a4\"");
    await queryRunner.query("ALTER TABLE \"inspection\".\"fast_track_clue\" DROP COLUMN \"client_key\"");
  }
}
