import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitParentCode1795337212663 implements MigrationInterface {
  name = 'UnitParentCode1795337212663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"organization\".\"inspected_unit\" ADD \"parent_credit_code\" character(18)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"organization\".\"inspected_unit\" DROP COLUMN \"parent_credit_code\"");
  }
}
