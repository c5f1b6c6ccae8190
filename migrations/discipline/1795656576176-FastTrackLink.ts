import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FastTrackLink1795656576176 implements MigrationInterface {
  name = 'FastTrackLink1795656576176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"discipline\".\"problem_clue\" ADD \"fast_track_clue_id\" uuid");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_3e4931383bb7c37cd27599dc9e\" ON \"discipline\".\"problem_clue\" (\"fast_track_clue_id\") WHERE fast_track_clue_id IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"discipline\".\"IDX_3e4931383bb7c37cd27599dc9e\"");
    await queryRunner.query("ALTER TABLE \"discipline\".\"problem_clue\" DROP COLUMN \"fast_track_clue_id\"");
  }
}
