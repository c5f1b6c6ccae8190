import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit chains keyed with AUDIT_HMAC_KEY, one per writer (`chain`, numbered by
 * `position`), each entry naming its algorithm and key id (src/authz/audit-chain.ts).
 *
 * The rows written so far form the one unkeyed chain the gateway wrote. They are
 * kept as they are — their hashes stay the evidence they always were — and become
 * the legacy start of the "gateway" chain: verified with plain SHA-256 as before,
 * and sealed by the first keyed entry, whose MAC covers the last legacy hash.
 * Rechaining them under the key instead would rewrite audit history, and a
 * migration never holds the key anyway.
 */
export class AuditChains1795662400000 implements MigrationInterface {
  name = 'AuditChains1795662400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" ADD "chain" character varying(63), ADD "position" bigint, ADD "alg" character varying(16), ADD "key_id" character varying(16)');
    // The only UPDATE this table ever sees: by the owner, here, with its guard switched off inside this transaction.
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" DISABLE TRIGGER "disclosure_audit_no_update_delete"');
    await queryRunner.query(`UPDATE "access"."disclosure_audit" d SET "chain" = 'gateway', "position" = o.n, "alg" = 'sha256'
      FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM "access"."disclosure_audit") o WHERE o.seq = d.seq`);
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" ENABLE TRIGGER "disclosure_audit_no_update_delete"');
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" ALTER COLUMN "chain" SET NOT NULL, ALTER COLUMN "position" SET NOT NULL, ALTER COLUMN "alg" SET NOT NULL');
    await queryRunner.query(
      `ALTER TABLE "access"."disclosure_audit" ADD CONSTRAINT "CHK_disclosure_audit_alg" CHECK ("alg" IN ('sha256', 'hmac-sha256', 'hmac-sm3') AND ("alg" = 'sha256') = ("key_id" IS NULL) AND "position" >= 1)`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_disclosure_audit_chain_position" ON "access"."disclosure_audit" ("chain", "position") ');
    await queryRunner.query('CREATE INDEX "IDX_disclosure_audit_chain_seq" ON "access"."disclosure_audit" ("chain", "seq") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "access"."IDX_disclosure_audit_chain_seq"');
    await queryRunner.query('DROP INDEX "access"."IDX_disclosure_audit_chain_position"');
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" DROP CONSTRAINT "CHK_disclosure_audit_alg"');
    await queryRunner.query('ALTER TABLE "access"."disclosure_audit" DROP COLUMN "key_id", DROP COLUMN "alg", DROP COLUMN "position", DROP COLUMN "chain"');
  }
}
