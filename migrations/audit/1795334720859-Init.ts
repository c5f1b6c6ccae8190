import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334720859 implements MigrationInterface {
  name = 'Init1795334720859';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit\".\"audit_project\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source_agency_id\" uuid NOT NULL, \"external_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"title\" character varying(200) NOT NULL, \"kind\" character varying(30) NOT NULL, \"period_start\" date NOT NULL, \"period_end\" date NOT NULL, \"report_date\" date NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"audited_cadre_id\" uuid, \"findings_hash\" character(64) NOT NULL, \"findings_written_hash\" character(64), CONSTRAINT \"UQ_0e021fa0639ccca2c220100296c\" UNIQUE (\"source_agency_id\", \"external_id\"), CONSTRAINT \"PK_edf678f5d56765b0cf0764cc8c7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e837347b21a2f8ae2666475a97\" ON \"audit\".\"audit_project\" (\"audited_cadre_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3f8fa984b0bc91d0a70895dca1\" ON \"audit\".\"audit_project\" (\"unit_credit_code\", \"report_date\") ");
    await queryRunner.query("CREATE TABLE \"audit\".\"audit_finding\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"project_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"unit_credit_code\" character(18) NOT NULL, \"report_date\" date NOT NULL, \"category\" character varying(30) NOT NULL, \"description\" character varying(2000) NOT NULL, \"amount\" numeric(15,2), \"severity\" character varying(10) NOT NULL, \"rectification_status\" character varying(20) NOT NULL, CONSTRAINT \"UQ_ebfd580e92a6b2c526e59f1942f\" UNIQUE (\"project_id\", \"seq\"), CONSTRAINT \"PK_704e81a6e4b2c621fecb4ec37be\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_8b086f05d24fb6434f50adc18c\" ON \"audit\".\"audit_finding\" (\"unit_credit_code\", \"report_date\") ");
    await queryRunner.query("CREATE TABLE \"audit\".\"publish_batch\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"batch_key\" character varying(200) NOT NULL, \"kind\" character varying(60) NOT NULL, \"request_hash\" character(64) NOT NULL, \"result\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_02e023802d32c2b248185b0a8b9\" UNIQUE (\"agency_id\", \"batch_key\"), CONSTRAINT \"PK_2c69e517949d177aa50f8c45541\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"audit\".\"audit_finding\" ADD CONSTRAINT \"FK_a9fb7a4e991c500cabeb7fbe74c\" FOREIGN KEY (\"project_id\") REFERENCES \"audit\".\"audit_project\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"audit\".\"audit_finding\" DROP CONSTRAINT \"FK_a9fb7a4e991c500cabeb7fbe74c\"");
    await queryRunner.query("DROP TABLE \"audit\".\"publish_batch\"");
    await queryRunner.query("DROP INDEX \"audit\".\"IDX_8b086f05d24fb6434f50adc18c\"");
    await queryRunner.query("DROP TABLE \"audit\".\"audit_finding\"");
    await queryRunner.query("DROP INDEX \"audit\".\"IDX_3f8fa984b0bc91d0a70895dca1\"");
    await queryRunner.query("DROP INDEX \"audit\".\"IDX_e837347b21a2f8ae2666475a97\"");
    await queryRunner.query("DROP TABLE \"audit\".\"audit_project\"");
  }
}
