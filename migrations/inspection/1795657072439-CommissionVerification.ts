import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommissionVerification1795657072439 implements MigrationInterface {
  name = 'CommissionVerification1795657072439';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" ADD \"commission_verified_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" ADD \"commission_verified_by\" uuid");
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" ADD \"verification_note\" text");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" DROP COLUMN \"verification_note\"");
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" DROP COLUMN \"commission_verified_by\"");
    await queryRunner.query("ALTER TABLE \"inspection\".\"rectification_item\" DROP COLUMN \"commission_verified_at\"");
  }
}
