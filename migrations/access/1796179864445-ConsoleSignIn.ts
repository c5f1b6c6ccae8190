import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleSignIn1796179864445 implements MigrationInterface {
  name = 'ConsoleSignIn1796179864445';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access\".\"principal_credential\" (\"principal_id\" uuid NOT NULL, \"password_hash\" character varying(200) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2d47075bd8c6122e6a996664799\" PRIMARY KEY (\"principal_id\"))");
    await queryRunner.query("CREATE TABLE \"access\".\"console_session\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"token_hash\" character(64) NOT NULL, \"principal_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ended_at\" TIMESTAMP WITH TIME ZONE, \"ip\" character varying(64), CONSTRAINT \"PK_de017bbd4b96ce481ef2729ad1a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d2489983f3903a6c92782d0d0e\" ON \"access\".\"console_session\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0b8502ec4ce90f9addcad75c01\" ON \"access\".\"console_session\" (\"principal_id\") ");
    await queryRunner.query("CREATE TABLE \"access\".\"sign_in_event\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"login\" character varying(60) NOT NULL, \"principal_id\" uuid, \"outcome\" character varying(20) NOT NULL, \"ip\" character varying(64), \"user_agent\" character varying(200), \"actor_id\" uuid, CONSTRAINT \"PK_0f97b0c95ea188ec1b09bc4f88a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3ad1bb394db5021487c0340383\" ON \"access\".\"sign_in_event\" (\"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_73d731e6afbebef7e3a2b3c230\" ON \"access\".\"sign_in_event\" (\"principal_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_454038df7bc6ea4f2991098657\" ON \"access\".\"sign_in_event\" (\"login\", \"at\") ");
    // Added by hand: the sign-in log is append-only, like the disclosure audit trail.
    await queryRunner.query(`CREATE FUNCTION "access"."sign_in_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sign_in_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query('CREATE TRIGGER "sign_in_event_no_update_delete" BEFORE UPDATE OR DELETE ON "access"."sign_in_event" FOR EACH ROW EXECUTE FUNCTION "access"."sign_in_event_append_only"()');
    await queryRunner.query('CREATE TRIGGER "sign_in_event_no_truncate" BEFORE TRUNCATE ON "access"."sign_in_event" FOR EACH STATEMENT EXECUTE FUNCTION "access"."sign_in_event_append_only"()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "sign_in_event_no_truncate" ON "access"."sign_in_event"');
    await queryRunner.query('DROP TRIGGER "sign_in_event_no_update_delete" ON "access"."sign_in_event"');
    await queryRunner.query('DROP FUNCTION "access"."sign_in_event_append_only"()');
    await queryRunner.query("DROP INDEX \"access\".\"IDX_454038df7bc6ea4f2991098657\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_73d731e6afbebef7e3a2b3c230\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_3ad1bb394db5021487c0340383\"");
    await queryRunner.query("DROP TABLE \"access\".\"sign_in_event\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_0b8502ec4ce90f9addcad75c01\"");
    await queryRunner.query("DROP INDEX \"access\".\"IDX_d2489983f3903a6c92782d0d0e\"");
    await queryRunner.query("DROP TABLE \"access\".\"console_session\"");
    await queryRunner.query("DROP TABLE \"access\".\"principal_credential\"");
  }
}
