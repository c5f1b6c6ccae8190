import { chinaDate } from '../../common/dates';
import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { addDays, int, personName, pick, residentId } from '../../db/seed/random';
import type { SeedWorld } from '../types';
import { FindingCategory, FindingSeverity, InspectionKind, InspectionMode, RectificationStatus, RoundStatus } from './enums';
import { InspectionFinding } from './finding.entity';
import { itemsHash, teamsHash } from './hashes';
import { Inspector } from './inspector.entity';
import type { InspectionTeamInput, RectificationItemInput } from './publish.inputs';
import { RectificationItem } from './rectification-item.entity';
import { InspectionRound } from './round.entity';
import { TeamAssignment } from './team-assignment.entity';
import { TeamMember } from './team-member.entity';
import { InspectionTeam } from './team.entity';

type Rand = () => number;
type Unit = SeedWorld['units'][number];

const SKILLS = ['财务', '审计', '纪检', '法律', '工程', '组织人事', '党建', '信访', '农业农村', '国资监管'];

const FINDINGS: Record<FindingCategory, string[]> = {
  POLITICAL: [
    '贯彻落实上级决策部署不够到位，重点任务推进缓慢，部分目标未按期完成',
    '落实意识形态工作责任制不到位，阵地管理存在薄弱环节',
    '学习贯彻党的创新理论不够深入，理论学习中心组学习流于形式',
    '落实安全生产和防范化解重大风险责任不够有力，隐患排查整治不彻底',
  ],
  PARTY_BUILDING: [
    '“三会一课”制度落实不严格，部分支部会议记录不全',
    '党员发展程序不规范，部分入党材料缺失',
    '选人用人工作不够规范，干部人事档案管理不严',
    '基层党组织换届不及时，组织生活会质量不高',
    '党费收缴使用管理不规范',
  ],
  INTEGRITY: [
    '公务接待管理不规范，存在无公函接待、超标准接待问题',
    '违规发放津贴补贴，部分款项无审批手续',
    '工程项目管理不规范，存在未批先建、先施工后招标问题',
    '惠民惠农补贴资金发放审核不严，存在优亲厚友现象',
    '公务用车管理使用不规范，存在私车公养问题',
    '集体“三资”管理混乱，资产出租合同期限过长、租金偏低',
  ],
  RESPONSIBILITY: [
    '党委落实全面从严治党主体责任不到位，对班子成员监督管理偏松偏软',
    '上轮巡察、审计发现问题整改不彻底，部分问题反弹回潮',
    '“一把手”和领导班子监督制度执行不严，“三重一大”事项集体决策不规范',
    '纪检监察组织监督责任履行不力，对苗头性问题发现处置不及时',
  ],
  OTHER: [
    '财务管理制度不健全，固定资产账实不符',
    '档案管理不规范，重要文件资料缺失',
    '政府采购程序不规范，部分项目化整为零规避采购',
    '信访件办理不及时，群众反映问题答复不到位',
  ],
};

const MEASURES = [
  '召开专题民主生活会，班子成员逐一认领问题、剖析原因，制定整改方案',
  '开展专项清理，追回违规发放资金并退缴国库',
  '修订完善相关管理办法，规范审批流程',
  '对相关责任人进行约谈提醒，情节较重的移交纪检监察机关处理',
  '组织全面排查，建立问题清单、任务清单、责任清单',
  '补齐缺失材料，完善档案，举一反三开展自查',
  '重新履行招标程序，委托第三方开展工程结算审计',
  '加强党员教育管理，严格落实“三会一课”和主题党日制度',
];

const EVIDENCE = ['整改情况报告及会议纪要', '资金退缴凭证及银行回单', '新制定制度文件及印发通知', '约谈记录及处理决定', '自查台账及整改前后对比材料', '第三方审计报告'];

/** 1 → 一, 12 → 十二, 25 → 二十五: teams are numbered 第一巡察组, 第二巡察组, ... */
function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

function shuffle<T>(rand: Rand, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function weighted<T>(rand: Rand, options: [T, number][]): T {
  let x = rand() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    x -= w;
    if (x < 0) return value;
  }
  return options[options.length - 1][0];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const districtOf = (unit: Unit) => unit.regionCode.slice(0, 6);

interface RoundPlan {
  externalId: string;
  name: string;
  kind: InspectionKind;
  mode: InspectionMode;
  startDate: string;
  endDate: string;
  /** Share of items still not done, the older the round the fewer. */
  openShare: number;
  targets: Unit[];
  /** Units of a cross inspection are inspected by people from elsewhere. */
  cross: boolean;
}

interface SeedInspector {
  id: string;
  externalId: string;
  home: string;
  employers: Set<string>;
}

/**
 * 明湖市's talent pool, three rounds (2023 常规, 2024 专项 提级, 2025 交叉 between
 * two districts) and their findings and rectification. Teams and findings grow
 * with the number of units, so `--scale N` grows everything.
 */
export async function seedInspection(ds: DataSource, world: SeedWorld): Promise<void> {
  const rand = world.rand;
  const office = world.agencies.find((a) => a.kind === AgencyKind.INSPECTION_OFFICE);
  const districts = world.regions.filter((r) => r.level === 'DISTRICT');
  if (!office || !world.units.length || districts.length < 2) return;
  const yesterday = addDays(new Date().toISOString().slice(0, 10), -1);
  const notAfterToday = (d: string) => (d > yesterday ? yesterday : d);

  // Talent pool: spread over the districts, employed by departments, enterprises and institutions there.
  const employers = world.units.filter((u) => u.kind !== 'TOWNSHIP' && u.kind !== 'VILLAGE');
  const inspectorRows: Partial<Inspector>[] = [];
  for (let i = 0; i < 60 * world.scale; i++) {
    const home = districts[i % districts.length].code;
    const local = employers.filter((u) => districtOf(u) === home);
    const pool = local.length ? local : employers.length ? employers : world.units;
    const current = rand() < 0.9 ? pick(rand, pool).creditCode : null;
    const past = [...new Set(Array.from({ length: int(rand, 0, 2) }, () => pick(rand, rand() < 0.7 ? pool : world.units).creditCode))].filter((c) => c !== current);
    inspectorRows.push({
      name: personName(rand),
      skills: shuffle(rand, SKILLS).slice(0, int(rand, 1, 3)),
      homeRegionCode: home,
      currentEmployerCreditCode: current,
      pastEmployerCreditCodes: past,
      residentId: residentId(rand, home, int(rand, 1968, 1992), i),
      sourceAgencyId: office.id,
      externalId: `XCB-RY-${pad(i + 1, 6)}`,
    });
  }
  const inspectorIds = await bulkInsert(ds, Inspector, inspectorRows);
  const inspectors: SeedInspector[] = inspectorRows.map((r, i) => ({
    id: inspectorIds[i],
    externalId: r.externalId!,
    home: r.homeRegionCode!,
    employers: new Set([r.currentEmployerCreditCode, ...r.pastEmployerCreditCodes!].filter((c): c is string => !!c)),
  }));

  const [crossA, crossB] = [districts[0].code, districts[Math.min(4, districts.length - 1)].code];
  const crossNames = [districts[0].name, districts[Math.min(4, districts.length - 1)].name];
  const plans: RoundPlan[] = [
    {
      externalId: 'XCB-LC-2023-01',
      name: '2023年市委第一轮常规巡察',
      kind: InspectionKind.REGULAR,
      mode: InspectionMode.LOCAL,
      startDate: '2023-03-13',
      endDate: '2023-05-26',
      openShare: 0.06,
      targets: world.units.filter((u) => u.kind === 'PARTY_GOVERNMENT_DEPARTMENT' || u.kind === 'TOWNSHIP' || (u.kind === 'STATE_ENTERPRISE' && rand() < 0.3)),
      cross: false,
    },
    {
      externalId: 'XCB-LC-2024-01',
      name: '2024年乡村振兴领域专项巡察（提级巡察）',
      kind: InspectionKind.SPECIAL,
      mode: InspectionMode.ESCALATED,
      startDate: '2024-04-08',
      endDate: '2024-06-14',
      openShare: 0.15,
      targets: world.units.filter((u) => u.kind === 'TOWNSHIP' || (u.kind === 'VILLAGE' && rand() < 0.5)),
      cross: false,
    },
    {
      externalId: 'XCB-LC-2025-01',
      name: `2025年交叉巡察（${crossNames.join('、')}）`,
      kind: InspectionKind.REGULAR,
      mode: InspectionMode.CROSS,
      startDate: '2025-04-07',
      endDate: '2025-06-20',
      openShare: 0.35,
      targets: world.units.filter((u) => (districtOf(u) === crossA || districtOf(u) === crossB) && u.kind !== 'VILLAGE'),
      cross: true,
    },
  ];

  const roundRows = plans.map((p) => ({
    name: p.name,
    kind: p.kind,
    mode: p.mode,
    startDate: p.startDate,
    endDate: p.endDate,
    status: RoundStatus.COMPLETED,
    sourceAgencyId: office.id,
    externalId: p.externalId,
  }));
  const roundIds = await bulkInsert(ds, InspectionRound, roundRows);

  // Teams: 4-6 per round (times the scale), each with a leader, 3-5 members and 2-5 units.
  const teamRows: Partial<InspectionTeam>[] = [];
  const teamInputs: InspectionTeamInput[][] = plans.map(() => []);
  const teamMembers: { team: number; roundId: string; inspectorId: string; position: number }[] = [];
  const teamUnits: { team: number; roundId: string; unit: Unit; position: number }[] = [];
  plans.forEach((plan, r) => {
    const candidates = shuffle(rand, plan.targets);
    const serving = new Set<string>();
    const teams = int(rand, 4, 6) * world.scale;
    for (let t = 0; t < teams && candidates.length; t++) {
      const units = candidates.splice(0, int(rand, 2, 5));
      const codes = new Set(units.map((u) => u.creditCode));
      const unitDistricts = new Set(units.map(districtOf));
      // Recusal: nobody inspects where they work or worked; in a cross round, nobody inspects their home district.
      const eligible = shuffle(
        rand,
        inspectors.filter((i) => !serving.has(i.id) && ![...i.employers].some((c) => codes.has(c)) && !(plan.cross && unitDistricts.has(i.home))),
      );
      const people = eligible.slice(0, 1 + int(rand, 3, 5));
      if (people.length < 2) break;
      people.forEach((p) => serving.add(p.id));
      const [leader, ...members] = people;
      const team = teamRows.length;
      const name = `第${chineseNumber(t + 1)}巡察组`;
      teamRows.push({ roundId: roundIds[r], name, position: t, leaderId: leader.id });
      teamInputs[r].push({ name, leaderExternalId: leader.externalId, memberExternalIds: members.map((m) => m.externalId), unitCreditCodes: units.map((u) => u.creditCode) });
      members.forEach((m, position) => teamMembers.push({ team, roundId: roundIds[r], inspectorId: m.id, position }));
      units.forEach((unit, position) => teamUnits.push({ team, roundId: roundIds[r], unit, position }));
    }
  });
  const teamIds = await bulkInsert(ds, InspectionTeam, teamRows);
  await bulkInsert(ds, TeamMember, teamMembers.map((m) => ({ teamId: teamIds[m.team], roundId: m.roundId, inspectorId: m.inspectorId, position: m.position })));
  await bulkInsert(ds, TeamAssignment, teamUnits.map((a) => ({ teamId: teamIds[a.team], roundId: a.roundId, unitCreditCode: a.unit.creditCode, position: a.position })));
  const roundHashes = teamInputs.map(teamsHash);
  await ds.query(
    `UPDATE inspection.inspection_round r SET teams_hash = x.h, teams_written_hash = x.h FROM unnest($1::uuid[], $2::text[]) AS x(id, h) WHERE r.id = x.id`,
    [roundIds, roundHashes],
  );

  // Findings: 3-10 per inspected unit, each with 1-3 rectification items.
  const leadersByUnit = new Map<string, string[]>();
  for (const c of world.cadres) {
    if (!c.leadership) continue;
    const list = leadersByUnit.get(c.unitCreditCode);
    if (list) list.push(c.id);
    else leadersByUnit.set(c.unitCreditCode, [c.id]);
  }
  const findingRows: Partial<InspectionFinding>[] = [];
  const findingItems: RectificationItemInput[][] = [];
  const serial = new Map<string, number>();
  for (const { roundId, unit } of teamUnits) {
    const r = roundIds.indexOf(roundId);
    const plan = plans[r];
    const year = plan.startDate.slice(0, 4);
    const sameDistrict = employers.filter((u) => districtOf(u) === districtOf(unit));
    for (let f = int(rand, 3, 10); f > 0; f--) {
      const category = weighted(rand, [
        [FindingCategory.POLITICAL, 2],
        [FindingCategory.PARTY_BUILDING, 3],
        [FindingCategory.INTEGRITY, 3],
        [FindingCategory.RESPONSIBILITY, 2],
        [FindingCategory.OTHER, 1],
      ]);
      const immediate = rand() < 0.25;
      const items: RectificationItemInput[] = [];
      for (let k = int(rand, 1, 3); k > 0; k--) {
        const responsible = rand() < 0.85 || !sameDistrict.length ? unit : pick(rand, sameDistrict);
        const leaders = leadersByUnit.get(responsible.creditCode) ?? [];
        const deadline = immediate ? plan.endDate : addDays(plan.endDate, pick(rand, [30, 60, 90, 180]));
        const status = immediate
          ? pick(rand, [RectificationStatus.DONE, RectificationStatus.VERIFIED])
          : rand() < plan.openShare
            ? pick(rand, [RectificationStatus.OPEN, RectificationStatus.IN_PROGRESS])
            : weighted(rand, [
                [RectificationStatus.VERIFIED, 2],
                [RectificationStatus.DONE, 1],
              ]);
        const verified = status === RectificationStatus.VERIFIED;
        items.push({
          measures: pick(rand, MEASURES),
          responsibleUnitCreditCode: responsible.creditCode,
          responsibleCadreId: leaders.length && rand() < 0.75 ? pick(rand, leaders) : null,
          deadline,
          status,
          evidence: verified || status === RectificationStatus.DONE ? pick(rand, EVIDENCE) : null,
          verifiedDate: verified ? notAfterToday(addDays(deadline, int(rand, -20, 45))) : null,
          rulesEstablished: rand() < 0.3 ? int(rand, 1, 3) : 0,
        });
      }
      const n = (serial.get(year) ?? 0) + 1;
      serial.set(year, n);
      findingRows.push({
        roundId,
        unitCreditCode: unit.creditCode,
        category,
        description: pick(rand, FINDINGS[category]),
        severity: weighted(rand, [
          [FindingSeverity.LOW, 4],
          [FindingSeverity.MEDIUM, 4],
          [FindingSeverity.HIGH, 2],
        ]),
        immediateRectification: immediate,
        itemsHash: itemsHash(items),
        itemsWrittenHash: itemsHash(items),
        sourceAgencyId: office.id,
        externalId: `XCB-WT-${year}-${pad(n, 6)}`,
      });
      findingItems.push(items);
    }
  }
  const findingIds = await bulkInsert(ds, InspectionFinding, findingRows);
  await bulkInsert(
    ds,
    RectificationItem,
    findingItems.flatMap((items, f) =>
      items.map((i, seq) => ({
        findingId: findingIds[f],
        seq,
        measures: i.measures,
        responsibleUnitCreditCode: i.responsibleUnitCreditCode,
        responsibleCadreId: i.responsibleCadreId ?? null,
        deadline: i.deadline,
        recordedStatus: i.status,
        evidence: i.evidence ?? null,
        verifiedDate: i.verifiedDate ?? null,
        rulesEstablished: i.rulesEstablished,
      })),
    ),
  );
  world.upcomingRound = await seedUpcomingRound(ds, world, office.id, inspectors, districts[1].code);
}

/**
 * A round being prepared now (巡前): four townships of one district, two teams from
 * elsewhere with no ties to them. Access opens its data requests when it seeds, so
 * the demo shows an inbox and a dossier in every state.
 */
async function seedUpcomingRound(ds: DataSource, world: SeedWorld, officeId: string, inspectors: SeedInspector[], district: string): Promise<SeedWorld['upcomingRound']> {
  const units = world.units.filter((u) => u.kind === 'TOWNSHIP' && districtOf(u) === district).slice(0, 4);
  const codes = new Set(units.map((u) => u.creditCode));
  const people = inspectors.filter((i) => i.home !== district && ![...i.employers].some((c) => codes.has(c))).slice(0, 8);
  if (units.length < 4 || people.length < 8) return undefined;
  const today = chinaDate();
  const round = { name: '2026年第二轮交叉巡察（巡前准备）', kind: InspectionKind.REGULAR, mode: InspectionMode.CROSS, startDate: addDays(today, 14), endDate: addDays(today, 60), status: RoundStatus.PLANNED };
  const teams = [0, 1].map((t) => ({
    name: `第${chineseNumber(t + 1)}巡察组`,
    leader: people[t * 4],
    members: people.slice(t * 4 + 1, t * 4 + 4),
    units: units.slice(t * 2, t * 2 + 2).map((u) => u.creditCode),
  }));
  const inputs = teams.map((t) => ({ name: t.name, leaderExternalId: t.leader.externalId, memberExternalIds: t.members.map((m) => m.externalId), unitCreditCodes: t.units }));
  const [roundId] = await bulkInsert(ds, InspectionRound, [{ ...round, sourceAgencyId: officeId, externalId: 'XCB-LC-2026-02', teamsHash: teamsHash(inputs), teamsWrittenHash: teamsHash(inputs) }]);
  const teamIds = await bulkInsert(ds, InspectionTeam, teams.map((t, position) => ({ roundId, name: t.name, position, leaderId: t.leader.id })));
  await bulkInsert(ds, TeamMember, teams.flatMap((t, i) => t.members.map((m, position) => ({ teamId: teamIds[i], roundId, inspectorId: m.id, position }))));
  await bulkInsert(ds, TeamAssignment, teams.flatMap((t, i) => t.units.map((unitCreditCode, position) => ({ teamId: teamIds[i], roundId, unitCreditCode, position }))));
  // No member has a demo login: the grants its requests bring change what nobody else sees.
  return { id: roundId, name: round.name, status: round.status, startDate: round.startDate, endDate: round.endDate, teams: teams.map((t, i) => ({ id: teamIds[i], name: t.name, unitCreditCodes: t.units, members: [] })) };
}
