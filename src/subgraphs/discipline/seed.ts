import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { addDays, int, personName, pick } from '../../db/seed/random';
import type { SeedWorld } from '../types';
import { ProblemClue } from './clue.entity';
import { ClueSource, ClueStatus, DisposalMethod, SanctionKind, SanctionLevel } from './enums';
import { Sanction } from './sanction.entity';
import { StationedGroup, StationedGroupUnit } from './stationed-group.entity';
import { supervisedUnitsHash } from './validation';

type Rand = () => number;
type Seeded<T> = Partial<T> & { sourceAgencyId: string; externalId: string };

const FIRST_DAY = '2019-01-01';
// Seeded records describe the past even when the demo runs on an earlier clock.
const LAST_DAY = [addDays(new Date().toISOString().slice(0, 10), -1), '2026-10-31'].sort()[0];

/** Picks by weight: `[[value, weight], ...]`. */
function weighted<T>(rand: Rand, options: [T, number][]): T {
  let r = rand() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) if ((r -= w) < 0) return value;
  return options[options.length - 1][0];
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const dayIn = (rand: Rand, from: string, to: string) => addDays(from, Math.floor(rand() * (days(from, to) + 1)));
const serial = (n: number) => String(n).padStart(6, '0');

const SOURCES: [ClueSource, number][] = [
  [ClueSource.PETITION, 45],
  [ClueSource.INSPECTION, 20],
  [ClueSource.SUPERVISION, 15],
  [ClueSource.AUDIT, 8],
  [ClueSource.CASE, 7],
  [ClueSource.OTHER, 5],
];
// Shares reported by district commissions: most clues go to talk/letter inquiry.
const METHODS: [DisposalMethod, number][] = [
  [DisposalMethod.TALK_LETTER_INQUIRY, 55],
  [DisposalMethod.PRELIMINARY_VERIFICATION, 25],
  [DisposalMethod.CLOSE, 15],
  [DisposalMethod.SHELVE, 5],
];
const SOURCE_LABELS: Record<ClueSource, string> = {
  PETITION: '群众来信举报',
  INSPECTION: '区委第二巡察组移交',
  AUDIT: '审计局移送',
  SUPERVISION: '日常监督发现',
  CASE: '审查调查中发现',
  OTHER: '其他途径',
};
/** Allegations, with the discipline a sanction for them cites and whether money is involved. */
const ISSUES: { text: string; rule: string; money: boolean }[] = [
  { text: '违规收受管理服务对象礼品礼金', rule: '违反中央八项规定精神', money: true },
  { text: '利用职务便利为亲属承揽工程项目', rule: '违反廉洁纪律', money: true },
  { text: '违规发放津贴补贴', rule: '违反中央八项规定精神', money: true },
  { text: '公款吃喝、违规接待', rule: '违反中央八项规定精神', money: true },
  { text: '在项目审批中吃拿卡要', rule: '违反群众纪律', money: false },
  { text: '违规借用管理服务对象车辆', rule: '违反廉洁纪律', money: false },
  { text: '截留挪用惠民补贴资金', rule: '违反群众纪律', money: true },
  { text: '违规插手工程招投标', rule: '违反廉洁纪律', money: true },
  { text: '超标准使用办公用房', rule: '违反中央八项规定精神', money: false },
  { text: '落实整改工作敷衍应付、搞形式主义', rule: '违反工作纪律', money: false },
  { text: '违规操办婚丧喜庆事宜', rule: '违反廉洁纪律', money: true },
  { text: '优亲厚友、违规确定低保对象', rule: '违反群众纪律', money: false },
  { text: '违规兼职取酬', rule: '违反廉洁纪律', money: true },
  { text: '集体资产处置不规范、低价出租', rule: '违反工作纪律', money: true },
];
/** How a closed clue ended, by disposal method (and whether a case was filed). */
const OUTCOMES: Record<DisposalMethod, string[]> = {
  TALK_LETTER_INQUIRY: ['经谈话函询，本人如实说明情况，予以采信了结', '经谈话函询，反映问题基本属实，予以批评教育'],
  PRELIMINARY_VERIFICATION: ['经初步核实，反映问题查无实据，予以了结', '经初步核实，反映问题部分属实，予以诫勉谈话'],
  SHELVE: ['暂存期间未发现新的问题线索，予以了结'],
  CLOSE: ['反映问题不具体、无可查性，予以了结'],
};
const FILED_OUTCOME = '经初步核实，涉嫌违纪违法，予以立案审查调查';

interface ClueSeed {
  status: ClueStatus;
  disposalMethod: DisposalMethod | null;
  filedDate: string | null;
  closedDate: string | null;
}

/** The course of one clue from its receipt; anything that would happen after LAST_DAY has not happened yet. */
function clueCourse(rand: Rand, received: string): ClueSeed {
  if (days(received, LAST_DAY) < 30 && rand() < 0.5) return { status: ClueStatus.RECEIVED, disposalMethod: null, filedDate: null, closedDate: null };
  const method = weighted(rand, METHODS);
  let filed: string | null = null;
  let closed: string | null;
  switch (method) {
    case DisposalMethod.PRELIMINARY_VERIFICATION:
      if (rand() < 0.85) {
        filed = addDays(received, int(rand, 30, 120));
        closed = addDays(filed, int(rand, 60, 300));
      } else closed = addDays(received, int(rand, 30, 150));
      break;
    case DisposalMethod.TALK_LETTER_INQUIRY:
      if (rand() < 0.05) filed = addDays(received, int(rand, 40, 150));
      closed = addDays(filed ?? received, int(rand, 20, 90));
      break;
    case DisposalMethod.SHELVE:
      closed = rand() < 0.4 ? addDays(received, int(rand, 180, 500)) : null;
      break;
    default:
      closed = addDays(received, int(rand, 5, 30));
  }
  if (filed && filed > LAST_DAY) return { status: ClueStatus.DISPOSING, disposalMethod: method, filedDate: null, closedDate: null };
  if (!closed || closed > LAST_DAY) return { status: filed ? ClueStatus.FILED : ClueStatus.DISPOSING, disposalMethod: method, filedDate: filed, closedDate: null };
  return { status: ClueStatus.CLOSED, disposalMethod: method, filedDate: filed, closedDate: closed };
}

const PARTY_LEVELS: [SanctionLevel, number][] = [
  [SanctionLevel.WARNING, 45],
  [SanctionLevel.SERIOUS_WARNING, 30],
  [SanctionLevel.REMOVAL_FROM_PARTY_POST, 8],
  [SanctionLevel.PROBATION, 10],
  [SanctionLevel.EXPULSION, 7],
];
const GOVERNMENT_LEVELS: [SanctionLevel, number][] = [
  [SanctionLevel.GOV_WARNING, 35],
  [SanctionLevel.DEMERIT, 30],
  [SanctionLevel.MAJOR_DEMERIT, 15],
  [SanctionLevel.DEMOTION, 8],
  [SanctionLevel.DISMISSAL_FROM_POST, 7],
  [SanctionLevel.EXPULSION_FROM_OFFICE, 5],
];

/** Departments a stationed group supervises together (综合监督单位), with what it watches most. */
const CLUSTERS = [
  { members: ['发展和改革局', '财政局', '市场监督管理局', '城市建设投资集团', '水务集团', '交通投资'], focus: '经济运行和国有资产监管' },
  { members: ['教育局', '卫生健康委员会', '医疗保障局', '民政局'], focus: '民生领域资金使用和政策落实' },
  { members: ['自然资源局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局'], focus: '工程建设项目和资源审批' },
];
const ORDINALS = '一二三四五六七八九十';
const DEPARTMENT_KINDS = new Set(['PARTY_GOVERNMENT_DEPARTMENT', 'STATE_ENTERPRISE']);

export async function seedDiscipline(ds: DataSource, world: SeedWorld): Promise<void> {
  const rand = world.rand;
  const jw = world.agencies.find((a) => a.kind === AgencyKind.DISCIPLINE_COMMISSION);
  if (!jw) return;
  const cadresByUnit = new Map<string, SeedWorld['cadres']>();
  for (const c of world.cadres) {
    const list = cadresByUnit.get(c.unitCreditCode);
    if (list) list.push(c);
    else cadresByUnit.set(c.unitCreditCode, [c]);
  }

  // Clues: a bit under half of the units have any, one to six each.
  const clues: Seeded<ProblemClue>[] = [];
  for (const unit of world.units) {
    if (rand() >= 0.45) continue;
    const cadres = cadresByUnit.get(unit.creditCode) ?? [];
    for (let n = int(rand, 1, 6); n > 0; n--) {
      const received = dayIn(rand, FIRST_DAY, LAST_DAY);
      const source = weighted(rand, SOURCES);
      // Most clues name a person, leaders more often than staff.
      const pool = rand() < 0.7 ? cadres.filter((c) => c.leadership) : cadres;
      const subject = cadres.length && rand() < 0.75 ? pick(rand, pool.length ? pool : cadres) : null;
      const issue = pick(rand, ISSUES);
      const course = clueCourse(rand, received);
      const who = subject ? subject.name : `${unit.name}有关人员`;
      const outcome = course.filedDate ? FILED_OUTCOME : course.status === ClueStatus.CLOSED ? pick(rand, OUTCOMES[course.disposalMethod!]) : '';
      clues.push({
        source,
        unitCreditCode: unit.creditCode,
        subjectCadreId: subject?.id ?? null,
        summary: `反映${who}${issue.text}问题`,
        details: `${SOURCE_LABELS[source]}：${Number(received.slice(0, 4)) - int(rand, 0, 3)}年以来，${who}${issue.text}${issue.money ? `，涉及金额约${int(rand, 1, 80)}万元` : ''}。${outcome ? `${outcome}。` : ''}`,
        receivedDate: received,
        ...course,
        sourceAgencyId: jw.id,
        externalId: `XS-${received.slice(0, 4)}-${serial(clues.length + 1)}`,
      });
    }
  }
  await bulkInsert(ds, ProblemClue, clues);

  // Sanctions: about 3% of cadres, mostly the milder levels.
  const sanctions: Seeded<Sanction>[] = [];
  for (const cadre of world.cadres) {
    if (rand() >= 0.03) continue;
    const kind = rand() < 0.6 ? SanctionKind.PARTY : SanctionKind.GOVERNMENT;
    const level = weighted(rand, kind === SanctionKind.PARTY ? PARTY_LEVELS : GOVERNMENT_LEVELS);
    const decided = dayIn(rand, FIRST_DAY, LAST_DAY);
    const cause = pick(rand, ISSUES);
    sanctions.push({
      cadreId: cadre.id,
      unitCreditCode: cadre.unitCreditCode,
      kind,
      level,
      decidedDate: decided,
      reason: `${cause.rule}，${cause.text}。`,
      sourceAgencyId: jw.id,
      externalId: `CF-${decided.slice(0, 4)}-${serial(sanctions.length + 1)}`,
    });
  }
  await bulkInsert(ds, Sanction, sanctions);

  // Stationed groups: each area's first cluster, then the second, ... about eight per scale,
  // so every district has one over its economic departments and enterprises.
  const areaName = (code: string) => world.regions.find((r) => r.code === code)?.name ?? '';
  const areas = [...new Set(world.units.filter((u) => DEPARTMENT_KINDS.has(u.kind)).map((u) => u.regionCode))];
  const perArea = new Map<string, number>();
  const groups: { row: Seeded<StationedGroup>; codes: string[] }[] = [];
  const target = 8 * world.scale;
  for (const cluster of CLUSTERS) {
    for (const area of areas) {
      if (groups.length >= target) break;
      const members = world.units.filter((u) => u.regionCode === area && DEPARTMENT_KINDS.has(u.kind) && cluster.members.some((m) => u.name.includes(m))).slice(0, 8);
      if (members.length < 3) continue;
      const codes = members.map((u) => u.creditCode);
      const ordinal = perArea.get(area) ?? 0;
      perArea.set(area, ordinal + 1);
      groups.push({
        codes,
        row: {
          name: `${areaName(area)}纪委监委派驻第${ORDINALS[ordinal % ORDINALS.length]}纪检监察组`,
          leaderName: personName(rand),
          notes: `${int(rand, 2019, 2024)}年以来，围绕${cluster.focus}开展日常监督，发现问题${int(rand, 8, 40)}个，督促整改${int(rand, 5, 30)}个，向委机关移交问题线索${int(rand, 1, 12)}条。`,
          supervisedUnitsHash: supervisedUnitsHash(codes),
          sourceAgencyId: jw.id,
          externalId: `PZZ-${String(groups.length + 1).padStart(4, '0')}`,
        },
      });
    }
  }
  const groupIds = await bulkInsert(ds, StationedGroup, groups.map((g) => g.row));
  const links = groups.flatMap((g, i) => g.codes.map((unitCreditCode) => ({ groupId: groupIds[i], unitCreditCode })));
  for (let i = 0; i < links.length; i += 1000) {
    await ds.createQueryBuilder().insert().into(StationedGroupUnit).values(links.slice(i, i + 1000)).execute();
  }
}
