import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FastTrack1795656575388 implements MigrationInterface {
  name = 'FastTrack1795656575388';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"inspection\".\"fast_track_clue\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"round_id\" uuid NOT NULL, \"team_id\" uuid NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"cadre_id\" uuid, \"summary\" character varying(500) NOT NULL, \"details\" text NOT NULL, \"evidence_refs\" text array NOT NULL DEFAULT '{}', \"discovered_date\" date NOT NULL, \"status\" character varying(20) NOT NULL, \"team_opinion\" text, \"commission_opinion\" text, \"transferred_at\" TIMESTAMP WITH TIME ZONE, \"problem_clue_id\" uuid, \"disposal_method\" character varying(30), \"filed_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"result\" text, \"recorded_by\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2d334ec0fb00bfcc5deaf65edcf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_881f96818214934208cde038ef\" ON \"inspection\".\"fast_track_clue\" (\"team_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_2c264b25d307dc21d5969e182e\" ON \"inspection\".\"fast_track_clue\" (\"unit_credit_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_100d384ae12eaa1956d105ba76\" ON \"inspection\".\"fast_track_clue\" (\"round_id\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"inspection\".\"fast_track_event\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"clue_id\" uuid NOT NULL, \"action\" character varying(30) NOT NULL, \"from_status\" character varying(20), \"to_status\" character varying(20) NOT NULL, \"actor_id\" uuid NOT NULL, \"actor_name\" character varying(100) NOT NULL, \"actor_agency_kind\" character varying(40) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3a5369607cd8c77675ec1f26370\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_97d8d6b8fba8802bd35df316e0\" ON \"inspection\".\"fast_track_event\" (\"clue_id\") ");
    // Nothing about a fast-track clue is ever deleted, and its steps are never rewritten: the database refuses.
    await queryRunner.query(`CREATE FUNCTION "inspection"."fast_track_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on %.% is not allowed: fast-track records are kept for good', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query('CREATE TRIGGER "fast_track_clue_no_delete" BEFORE DELETE ON "inspection"."fast_track_clue" FOR EACH ROW EXECUTE FUNCTION "inspection"."fast_track_keep"()');
    await queryRunner.query('CREATE TRIGGER "fast_track_clue_no_truncate" BEFORE TRUNCATE ON "inspection"."fast_track_clue" FOR EACH STATEMENT EXECUTE FUNCTION "inspection"."fast_track_keep"()');
    await queryRunner.query('CREATE TRIGGER "fast_track_event_append_only" BEFORE UPDATE OR DELETE ON "inspection"."fast_track_event" FOR EACH ROW EXECUTE FUNCTION "inspection"."fast_track_keep"()');
    await queryRunner.query('CREATE TRIGGER "fast_track_event_no_truncate" BEFORE TRUNCATE ON "inspection"."fast_track_event" FOR EACH STATEMENT EXECUTE FUNCTION "inspection"."fast_track_keep"()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "fast_track_event_no_truncate" ON "inspection"."fast_track_event"');
    await queryRunner.query('DROP TRIGGER "fast_track_event_append_only" ON "inspection"."fast_track_event"');
    await queryRunner.query('DROP TRIGGER "fast_track_clue_no_truncate" ON "inspection"."fast_track_clue"');
    await queryRunner.query('DROP TRIGGER "fast_track_clue_no_delete" ON "inspection"."fast_track_clue"');
    await queryRunner.query('DROP FUNCTION "inspection"."fast_track_keep"()');
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_97d8d6b8fba8802bd35df316e0\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"fast_track_event\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_100d384ae12eaa1956d105ba76\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_2c264b25d307dc21d5969e182e\"");
    await queryRunner.query("DROP INDEX \"inspection\".\"IDX_881f96818214934208cde038ef\"");
    await queryRunner.query("DROP TABLE \"inspection\".\"fast_track_clue\"");
  }
}
