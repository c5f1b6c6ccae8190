import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { addDays, dateBetween, int, pick } from '../../db/seed/random';
import { UnitKind } from '../organization/enums';
import type { SeedWorld } from '../types';
import { AuditKind, CADRE_AUDITS, FindingCategory, FindingSeverity, RectificationStatus } from './enums';
import { AuditFinding } from './finding.entity';
import { AuditProject } from './project.entity';
import { findingsHash } from './publish.resolver';

const SPECIAL_FUNDS = ['乡村振兴衔接资金', '农村危房改造补助资金', '义务教育薄弱环节改善资金', '高标准农田建设资金', '城镇老旧小区改造资金', '河道综合治理资金', '困难群众救助补助资金'];

const DESCRIPTIONS: Record<FindingCategory, string[]> = {
  FUND_MISUSE: ['挤占挪用专项资金用于弥补日常公用经费', '超范围、超标准列支公务接待费', '以虚假发票套取财政资金发放津补贴', '违规向关联企业出借资金，未按期收回'],
  IRREGULAR_PROCUREMENT: ['化整为零规避政府采购', '未履行招投标程序直接指定施工单位', '采购项目验收流于形式，部分设备未按合同交付', '工程变更未经审批，结算金额超出合同价'],
  ASSET_LOSS: ['国有资产出租未经评估，租金明显低于市场价', '固定资产账实不符，部分设备去向不明', '股权转让未经评估备案，低价转让国有股权', '应收款项长期挂账未清理，存在坏账风险'],
  BUDGET_VIOLATION: ['无预算、超预算列支经费', '年底突击花钱，集中支付次年费用', '非税收入未及时足额上缴国库', '结余资金未按规定收回统筹使用'],
  PERFORMANCE: ['项目建成后长期闲置，未发挥效益', '专项资金拨付滞后，资金沉淀闲置', '绩效目标设置不合理，未开展绩效自评', '惠民项目推进缓慢，未按期完成建设任务'],
  OTHER: ['“三重一大”事项未经集体决策', '会计核算不规范，原始凭证不完整', '内部控制制度不健全，关键岗位未轮岗', '上次审计发现问题整改不到位'],
};

const CATEGORIES_BY_KIND: Record<AuditKind, FindingCategory[]> = {
  ECONOMIC_RESPONSIBILITY: [FindingCategory.FUND_MISUSE, FindingCategory.IRREGULAR_PROCUREMENT, FindingCategory.ASSET_LOSS, FindingCategory.BUDGET_VIOLATION, FindingCategory.OTHER],
  DEPARTURE: [FindingCategory.FUND_MISUSE, FindingCategory.ASSET_LOSS, FindingCategory.OTHER, FindingCategory.BUDGET_VIOLATION],
  BUDGET_EXECUTION: [FindingCategory.BUDGET_VIOLATION, FindingCategory.BUDGET_VIOLATION, FindingCategory.FUND_MISUSE, FindingCategory.PERFORMANCE, FindingCategory.OTHER],
  SPECIAL_FUND: [FindingCategory.FUND_MISUSE, FindingCategory.PERFORMANCE, FindingCategory.PERFORMANCE, FindingCategory.IRREGULAR_PROCUREMENT],
};

const KINDS = [AuditKind.ECONOMIC_RESPONSIBILITY, AuditKind.ECONOMIC_RESPONSIBILITY, AuditKind.DEPARTURE, AuditKind.BUDGET_EXECUTION, AuditKind.BUDGET_EXECUTION, AuditKind.SPECIAL_FUND];
const SEVERITIES = [FindingSeverity.LOW, FindingSeverity.LOW, FindingSeverity.LOW, FindingSeverity.MEDIUM, FindingSeverity.MEDIUM, FindingSeverity.HIGH];
/** Reports in the records stop here, whatever the clock says. */
const LAST_REPORT = '2026-10-31';

/** Yuan with cents as an exact string: mostly thousands to hundreds of thousands, some in the millions. */
function amount(rand: () => number): string {
  const cents = rand() < 0.15 ? int(rand, 100_000_000, 2_000_000_000) : int(rand, 500_000, 80_000_000);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Older reports have had longer to be rectified. */
function rectification(rand: () => number, reportDate: string): RectificationStatus {
  const r = rand();
  if (reportDate < '2024-01-01') return r < 0.9 ? RectificationStatus.RECTIFIED : RectificationStatus.IN_PROGRESS;
  if (reportDate < '2025-07-01') return r < 0.6 ? RectificationStatus.RECTIFIED : r < 0.9 ? RectificationStatus.IN_PROGRESS : RectificationStatus.NOT_STARTED;
  return r < 0.2 ? RectificationStatus.RECTIFIED : r < 0.6 ? RectificationStatus.IN_PROGRESS : RectificationStatus.NOT_STARTED;
}

/** Townships are audited most often (their leaders rotate), village branches least. */
const AUDIT_CHANCE: Partial<Record<string, number>> = { [UnitKind.TOWNSHIP]: 0.55, [UnitKind.VILLAGE]: 0.2 };

/** About a third of the units have been audited once or twice since 2019, with 1-6 findings per audit. */
export async function seedAudit(ds: DataSource, world: SeedWorld): Promise<void> {
  const rand = world.rand;
  const bureau = world.agencies.find((a) => a.kind === AgencyKind.AUDIT_BUREAU)!;
  const leadersByUnit = new Map<string, SeedWorld['cadres']>();
  for (const c of world.cadres) {
    if (!c.leadership) continue;
    const list = leadersByUnit.get(c.unitId);
    if (list) list.push(c);
    else leadersByUnit.set(c.unitId, [c]);
  }

  type Finding = Omit<AuditFinding, 'id' | 'projectId'>;
  const projects: Partial<AuditProject>[] = [];
  const findings: Finding[][] = [];
  for (const unit of world.units) {
    if (rand() >= (AUDIT_CHANCE[unit.kind] ?? 0.35)) continue;
    const count = int(rand, 1, 2);
    for (let p = 0; p < count; p++) {
      const leaders = leadersByUnit.get(unit.id) ?? [];
      let kind = pick(rand, KINDS);
      if (!leaders.length && CADRE_AUDITS.includes(kind)) kind = AuditKind.BUDGET_EXECUTION;
      const cadre = CADRE_AUDITS.includes(kind) ? pick(rand, leaders) : null;

      const startYear = int(rand, 2019, 2024);
      const periodStart = kind === AuditKind.DEPARTURE ? dateBetween(rand, startYear, startYear) : `${startYear}-01-01`;
      const endYear = kind === AuditKind.BUDGET_EXECUTION ? startYear : Math.min(startYear + int(rand, 1, 3), 2025);
      // A departure audit covers the term up to the day the cadre left.
      const periodEnd = kind === AuditKind.DEPARTURE ? dateBetween(rand, endYear, endYear) : `${endYear}-12-31`;
      const reportDate = [addDays(periodEnd, int(rand, 45, 280)), LAST_REPORT].sort()[0];
      const title =
        kind === AuditKind.ECONOMIC_RESPONSIBILITY
          ? `${unit.name}${cadre!.name}同志${startYear}年至${endYear}年任职期间经济责任审计`
          : kind === AuditKind.DEPARTURE
            ? `${unit.name}${cadre!.name}同志离任经济责任审计`
            : kind === AuditKind.BUDGET_EXECUTION
              ? `${unit.name}${startYear}年度预算执行情况审计`
              : `${unit.name}${startYear}年至${endYear}年${pick(rand, SPECIAL_FUNDS)}专项审计`;

      const list: Finding[] = [];
      const n = int(rand, 1, 6);
      for (let f = 0; f < n; f++) {
        const category = pick(rand, CATEGORIES_BY_KIND[kind]);
        const withAmount = category !== FindingCategory.OTHER || rand() < 0.3;
        list.push({
          seq: f,
          unitCreditCode: unit.creditCode,
          reportDate,
          category,
          description: pick(rand, DESCRIPTIONS[category]),
          amount: withAmount ? amount(rand) : null,
          severity: pick(rand, SEVERITIES),
          rectificationStatus: rectification(rand, reportDate),
        });
      }
      const hash = findingsHash(unit.creditCode, reportDate, list);
      projects.push({
        title,
        kind,
        periodStart,
        periodEnd,
        reportDate,
        unitCreditCode: unit.creditCode,
        auditedCadreId: cadre?.id ?? null,
        findingsHash: hash,
        findingsWrittenHash: hash,
        sourceAgencyId: bureau.id,
        externalId: `SJ-${reportDate.slice(0, 4)}-${String(projects.length + 1).padStart(6, '0')}`,
      });
      findings.push(list);
    }
  }
  const projectIds = await bulkInsert(ds, AuditProject, projects);
  await bulkInsert(
    ds,
    AuditFinding,
    findings.flatMap((list, i) => list.map((f) => ({ ...f, projectId: projectIds[i] }))),
  );
}
