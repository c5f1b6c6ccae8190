import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureAudit1795337642527 implements MigrationInterface {
  name = 'DisclosureAudit1795337642527';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"disclosure_audit\" (\"seq\" BIGSERIAL NOT NULL, \"id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"request_id\" text NOT NULL, \"principal_id\" uuid NOT NULL, \"agency_id\" uuid NOT NULL, \"operation_name\" text, \"operation_hash\" character(64) NOT NULL, \"type_name\" text NOT NULL, \"record_ids\" text array NOT NULL, \"fields\" text array NOT NULL, \"unit_credit_codes\" text array NOT NULL, \"effect\" character varying(10) NOT NULL, \"grant_id\" uuid, \"prev_hash\" character(64) NOT NULL, \"hash\" character(64) NOT NULL, CONSTRAINT \"PK_a0f282d7da9dd6765abea529a1b\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_593d72a5d814d3183b6873acd7\" ON \"access\".\"disclosure_audit\" (\"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_be5f6cc17dd96b1b2e9a72f7f1\" ON \"access\".\"disclosure_audit\" (\"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e0e94df41255afdca8a5c300b2\" ON \"access\".\"disclosure_audit\" (\"agency_id\", \"seq\") ");
    await queryRunner.query("CREATE INDEX \"IDX_6cd0db1ed4aac389ed4a4e2f49\" ON \"access\".\"disclosure_audit\" (\"principal_id\", \"seq\") ");
    // Added by hand (TypeORM generates neither GIN indexes nor triggers); the entity declares the indexes with synchronize: false.
    await queryRunner.query('CREATE INDEX "IDX_disclosure_audit_unit_credit_codes" ON "access"."disclosure_audit" USING GIN ("unit_credit_codes")');
    await queryRunner.query('CREATE INDEX "IDX_disclosure_audit_record_ids" ON "access"."disclosure_audit" USING GIN ("record_ids")');
    // Append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(`CREATE FUNCTION "access"."disclosure_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'disclosure_audit is append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query('CREATE TRIGGER "disclosure_audit_no_update_delete" BEFORE UPDATE OR DELETE ON "access"."disclosure_audit" FOR EACH ROW EXECUTE FUNCTION "access"."disclosure_audit_append_only"()');
    await queryRunner.query('CREATE TRIGGER "disclosure_audit_no_truncate" BEFORE TRUNCATE ON "access"."disclosure_audit" FOR EACH STATEMENT EXECUTE FUNCTION "access"."disclosure_audit_append_only"()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "disclosure_audit_no_truncate" ON "access"."disclosure_audit"');
    await queryRunner.query('DROP TRIGGER "disclosure_audit_no_update_delete" ON "access"."disclosure_audit"');
    await queryRunner.query('DROP FUNCTION "access"."disclosure_audit_append_only"()');
    await queryRunner.query('DROP INDEX "access"."IDX_disclosure_audit_record_ids"');
    await queryRunner.query('DROP INDEX "access"."IDX_disclosure_audit_unit_credit_codes"');
    await queryRunner.query("DROP INDEX \"access\".\"IDX_6cd0db1ed4aac389ed4a4e2f49\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_e0e94df41255afdca8a5c300b2\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_be5f6cc17dd96b1b2e9a72f7f1\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_593d72a5d814d3183b6873acd7\"");
    await queryRunner.query("DROP TABLE \"access\".\"disclosure_audit\"");
  }
}
