import { createHash } from 'node:crypto';
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { creditCodeProblem } from '../../common/codes';
import { cadreRef, PublishedRecordInput, PublishResult, publishRecords, type FieldProblem, BatchKeyArg, unitRef } from '../../common/publish';
import { DateScalar, DecimalScalar, UUIDScalar } from '../../common/scalars';
import { dateOrderProblem, enumProblem, lengthProblem, pastDateProblem, problems } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { AuditKind, CADRE_AUDITS, FindingCategory, FindingSeverity, RectificationStatus } from './enums';
import { AuditProject } from './project.entity';

@InputType({ description: 'A problem found by an audit, as the audit bureau publishes it inside its project' })
class AuditFindingInput {
  @Field(() => FindingCategory) category: FindingCategory;
  @Field({ description: 'What was found (问题描述)' }) description: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount involved in yuan, at most 2 decimals, e.g. "1234567.89" (涉及金额)' }) amount?: string | null;
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field(() => RectificationStatus) rectificationStatus: RectificationStatus;
}

@InputType({
  description:
    'An audit project as the audit bureau publishes it. Its findings travel with it and are keyed by their position: ' +
    'republishing the project replaces the list, and a finding keeps its hub id while it keeps its position.',
})
class AuditProjectInput extends PublishedRecordInput {
  @Field() title: string;
  @Field(() => AuditKind) kind: AuditKind;
  @Field(() => DateScalar) periodStart: string;
  @Field(() => DateScalar) periodEnd: string;
  @Field(() => DateScalar, { description: 'Not before periodEnd' }) reportDate: string;
  @Field({ description: '统一社会信用代码 of the audited unit' }) auditedUnitCreditCode: string;
  @Field(() => UUIDScalar, { nullable: true, description: 'Hub id of the audited cadre; required for ECONOMIC_RESPONSIBILITY and DEPARTURE audits' })
  auditedCadreId?: string | null;
  @Field(() => [AuditFindingInput], { defaultValue: [] }) findings: AuditFindingInput[];
}

const MAX_FINDINGS = 200;

export function amountProblem(amount: string | null | undefined): string | null {
  if (amount === null || amount === undefined) return null;
  return /^\d{1,13}(\.\d{1,2})?$/.test(amount) ? null : 'must be a non-negative amount in yuan with at most 13 digits and 2 decimals';
}

/** "12" and "12.00" are the same amount: compare and hash them alike. */
export function normalAmount(amount: string | null | undefined): string | null {
  if (amount === null || amount === undefined) return null;
  const [whole, cents = ''] = amount.split('.');
  return `${BigInt(whole)}.${cents.padEnd(2, '0')}`;
}

export interface FindingFields {
  category: string;
  description: string;
  amount?: string | null;
  severity: string;
  rectificationStatus: string;
}

/** Everything a project's finding rows are made of, so an unchanged project rewrites none of them. */
export function findingsHash(unitCreditCode: string, reportDate: string, findings: FindingFields[]): string {
  const norm = findings.map((f) => [f.category, f.description.trim(), normalAmount(f.amount), f.severity, f.rectificationStatus]);
  return createHash('sha256').update(JSON.stringify([unitCreditCode, reportDate, norm])).digest('hex');
}

function projectProblems(r: AuditProjectInput): FieldProblem[] {
  return [
    ...problems(
      ['title', lengthProblem(r.title, 1, 200)],
      ['kind', enumProblem(r.kind, AuditKind)],
      ['periodStart', pastDateProblem(r.periodStart)],
      ['periodEnd', pastDateProblem(r.periodEnd) ?? dateOrderProblem(r.periodStart, r.periodEnd, 'periodStart')],
      ['reportDate', pastDateProblem(r.reportDate) ?? dateOrderProblem(r.periodEnd, r.reportDate, 'periodEnd')],
      ['auditedUnitCreditCode', creditCodeProblem(r.auditedUnitCreditCode)],
      ['auditedCadreId', !r.auditedCadreId && CADRE_AUDITS.includes(r.kind) ? `is required for ${CADRE_AUDITS.join(' and ')} audits` : null],
      ['findings', r.findings.length > MAX_FINDINGS ? `a project holds at most ${MAX_FINDINGS} findings` : null],
    ),
    ...r.findings.flatMap((f, i) =>
      problems(
        [`findings[${i}].category`, enumProblem(f.category, FindingCategory)],
        [`findings[${i}].description`, lengthProblem(f.description, 1, 2000)],
        [`findings[${i}].amount`, amountProblem(f.amount)],
        [`findings[${i}].severity`, enumProblem(f.severity, FindingSeverity)],
        [`findings[${i}].rectificationStatus`, enumProblem(f.rectificationStatus, RectificationStatus)],
      ),
    ),
  ];
}

@Resolver()
export class AuditPublishResolver {
  @Mutation(() => PublishResult, { description: 'Upsert audit projects with their findings by external id (发布审计项目及发现问题), all or nothing' })
  async publishAuditProjects(
    @Arg('records', () => [AuditProjectInput]) records: AuditProjectInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'auditProjects',
      entity: AuditProject,
      batchKey,
      items: records,
      validate: projectProblems,
      references: (r) => [...unitRef('auditedUnitCreditCode', r.auditedUnitCreditCode), ...cadreRef('auditedCadreId', r.auditedCadreId)],
      toRow: (r) => ({
        title: r.title.trim(),
        kind: r.kind,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        reportDate: r.reportDate,
        unitCreditCode: r.auditedUnitCreditCode,
        auditedCadreId: r.auditedCadreId?.toLowerCase() ?? null,
        findingsHash: findingsHash(r.auditedUnitCreditCode, r.reportDate, r.findings),
      }),
      after: async (m, ids, items) => {
        // Only projects whose findings changed are touched; rows are upserted by
        // position so a finding's hub id survives a correction of its text.
        const changed = new Set<string>(
          (
            await m.query(`SELECT id FROM audit.audit_project WHERE id = ANY($1) AND findings_hash IS DISTINCT FROM findings_written_hash`, [[...ids.values()]])
          ).map((r: { id: string }) => r.id),
        );
        if (!changed.size) return;
        const projects = items.map((i) => ({ id: ids.get(i.externalId)!, item: i })).filter((p) => changed.has(p.id));
        const rows = projects.flatMap(({ id, item }) =>
          item.findings.map((f, seq) => ({
            projectId: id,
            seq,
            unitCreditCode: item.auditedUnitCreditCode,
            reportDate: item.reportDate,
            category: f.category,
            description: f.description.trim(),
            amount: normalAmount(f.amount),
            severity: f.severity,
            rectificationStatus: f.rectificationStatus,
          })),
        );
        const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
        if (rows.length) {
          await m.query(
            `INSERT INTO audit.audit_finding (project_id, seq, unit_credit_code, report_date, category, description, amount, severity, rectification_status)
             SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::text[])
             ON CONFLICT (project_id, seq) DO UPDATE SET
               unit_credit_code = EXCLUDED.unit_credit_code, report_date = EXCLUDED.report_date, category = EXCLUDED.category,
               description = EXCLUDED.description, amount = EXCLUDED.amount, severity = EXCLUDED.severity,
               rectification_status = EXCLUDED.rectification_status`,
            [
              col('projectId'),
              col('seq'),
              col('unitCreditCode'),
              col('reportDate'),
              col('category'),
              col('description'),
              col('amount'),
              col('severity'),
              col('rectificationStatus'),
            ],
          );
        }
        // A shorter list drops the findings past its end.
        await m.query(
          `DELETE FROM audit.audit_finding f USING unnest($1::uuid[], $2::int[]) AS x(project_id, n) WHERE f.project_id = x.project_id AND f.seq >= x.n`,
          [projects.map((p) => p.id), projects.map((p) => p.item.findings.length)],
        );
        await m.query(`UPDATE audit.audit_project SET findings_written_hash = findings_hash WHERE id = ANY($1)`, [[...changed]]);
      },
    });
  }
}
