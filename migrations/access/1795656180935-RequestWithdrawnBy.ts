import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestWithdrawnBy1795656180935 implements MigrationInterface {
  name = 'RequestWithdrawnBy1795656180935';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"access\".\"data_request\" ADD \"withdrawn_by\" uuid");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"access\".\"data_request\" DROP COLUMN \"withdrawn_by\"");
  }
}
