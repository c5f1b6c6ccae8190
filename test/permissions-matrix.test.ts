import { createHmac } from 'node:crypto';
import { residentIdCheckChar } from '../src/common/codes';
import { gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { collapsed, denials } from './support/denials';

/**
 * Issue 3, "What it must show" 1: every demo role × every sensitive field of every
 * type, over HTTP, against an oracle written here from DESIGN.md §4 and the grants
 * in the database (not from src/authz/policy.ts, so a wrong implementation fails).
 *
 * Records are published by their owners into six units chosen so every rule is
 * exercised: the team unit the recused member worked for (recusal by employer), a
 * team unit the office's LISTED Sanction grant covers, a team unit it does not
 * (TEAM_UNITS vs LISTED_UNITS), a unit outside the team (ALL_UNITS grants only),
 * and units in the two members' home regions (recusal by region).
 */

const PRINCIPALS = [
  // Officer and system of every demo agency: the five owners and the eight that own nothing here.
  ...['xfj', 'jw', 'sj', 'zzb', 'xcb', 'gaj', 'jcy', 'fy', 'sfj', 'rsj', 'bb', 'czj', 'scjg'].flatMap((c) => [`${c}-officer`, `${c}-system`]),
  'xcb-office',
  'xcb-leader',
  'xcb-member',
  'xcb-member-recused',
  'admin',
  // gaj holds no grant at all; jcy holds the extra grants this file creates (PRINCIPAL and AGENCY subjects).
];

/** Owner agency kind per type (and per field for Cadre, whose fields come from several subgraphs). */
const TYPE_OWNER: Record<string, string> = {
  Petition: 'PETITION_BUREAU',
  PublicOpinionItem: 'PETITION_BUREAU',
  ProblemClue: 'DISCIPLINE_COMMISSION',
  Sanction: 'DISCIPLINE_COMMISSION',
  StationedGroup: 'DISCIPLINE_COMMISSION',
  AuditProject: 'AUDIT_BUREAU',
  AuditFinding: 'AUDIT_BUREAU',
  AuditStats: 'AUDIT_BUREAU',
  InspectionFinding: 'INSPECTION_OFFICE',
  RectificationItem: 'INSPECTION_OFFICE',
  Inspector: 'INSPECTION_OFFICE',
  InspectionTeam: 'INSPECTION_OFFICE',
  FastTrackClue: 'INSPECTION_OFFICE',
};
/** RESTRICTED fields read inside the owning agency by these roles only: an inspector's ID number is for the office's staff, not its teams. */
const OWNER_ROLES: Record<string, string[]> = { 'Inspector.residentId': ['INSPECTION_OFFICE', 'AGENCY_OFFICER', 'AGENCY_SYSTEM'] };
/** RESTRICTED fields co-owned by other agency kinds (sharedWith): a fast-track clue is the team's and the commission's. */
const SHARED_WITH: Record<string, string[]> = { FastTrackClue: ['DISCIPLINE_COMMISSION'] };
/** Types whose list is for some agencies only; everyone else is refused the list itself. */
const LIST_FOR: Record<string, string[]> = { FastTrackClue: ['INSPECTION_OFFICE', 'DISCIPLINE_COMMISSION'] };
const CADRE_OWNER: Record<string, string> = {
  rank: 'ORGANIZATION_DEPARTMENT',
  residentId: 'ORGANIZATION_DEPARTMENT',
  auditProjects: 'AUDIT_BUREAU',
  sanctions: 'DISCIPLINE_COMMISSION',
  petitions: 'PETITION_BUREAU',
};
const ownerOf = (type: string, field: string) => (type === 'Cadre' ? CADRE_OWNER[field] : TYPE_OWNER[type]);

/** Record types whose rows a caller sees only where it owns them or a grant on the type covers the unit. */
const ROW_SCOPED = new Set(['Petition', 'PublicOpinionItem', 'ProblemClue', 'Sanction', 'AuditProject', 'AuditFinding', 'InspectionFinding', 'RectificationItem']);

/** The sensitive fields this matrix reads, per type; must be every CONDITIONAL/RESTRICTED field of the catalog. */
const PLAN: Record<string, string[]> = {
  Petition: ['reporterName', 'reporterPhone', 'reporterIdNumber', 'summary', 'content', 'conclusion', 'subjectCadre'],
  PublicOpinionItem: ['title', 'summary'],
  ProblemClue: ['summary', 'details', 'subjectCadre'],
  Sanction: ['reason', 'cadre'],
  AuditProject: ['title', 'auditedCadre'],
  AuditFinding: ['description', 'amount'],
  AuditStats: ['totalAmount'],
  InspectionFinding: ['description'],
  RectificationItem: ['measures', 'evidence', 'verificationNote'],
  Inspector: ['homeRegionCode', 'currentEmployerCreditCode', 'pastEmployerCreditCodes', 'residentId'],
  StationedGroup: ['notes'],
  InspectionTeam: ['recusalFlags'],
  FastTrackClue: ['cadreId', 'summary', 'details', 'evidenceRefs', 'teamOpinion', 'commissionOpinion', 'result'],
  Cadre: ['rank', 'residentId', 'auditProjects', 'sanctions', 'petitions'],
};
/** Types that say which of their fields are masked (maskedFields); entity types shared across subgraphs do not. */
const WITH_MASKED_FIELDS = Object.keys(PLAN).filter((t) => !['Cadre', 'InspectionTeam', 'FastTrackClue'].includes(t));

interface GrantRow {
  id: string;
  subject_kind: string;
  subject_value: string;
  type_name: string;
  fields: string[];
  effect: 'ALLOW' | 'MASK';
  mask_strategy: string | null;
  scope_kind: string;
  unit_credit_codes: string[];
  valid_from: Date;
  valid_to: Date | null;
  revoked_at: Date | null;
}

interface Who {
  login: string;
  id: string;
  agencyId: string;
  agencyKind: string;
  roles: string[];
  tiedUnits: string[];
  homeRegions: string[];
  teams: string[];
  teamUnits: string[];
}

interface Applied {
  id: string;
  typeName: string;
  fields: string[];
  effect: 'ALLOW' | 'MASK';
  mask: string | null;
  units: string[] | null;
}

type Outcome = { effect: 'ALLOW' } | { effect: 'MASK'; strategy: string } | { effect: 'DENY' };
/** The unit(s) a record concerns: one, several, or none. */
type Unit = string | string[] | null;
const list = (u: Unit): string[] => (u === null ? [] : typeof u === 'string' ? [u] : u);

const pgArray = (v: unknown): string[] => (Array.isArray(v) ? v : String(v).replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/** The independent oracle: DESIGN.md §4 spelled out once more. */
class Oracle {
  constructor(
    private readonly who: Who,
    private readonly grants: Applied[],
    private readonly defaultMask: (type: string, field: string) => string | null,
  ) {}

  static grantsFor(who: Who, rows: GrantRow[], now = new Date()): Applied[] {
    return rows
      .filter((g) => !g.revoked_at && new Date(g.valid_from) <= now && (!g.valid_to || new Date(g.valid_to) > now))
      .filter(
        (g) =>
          (g.subject_kind === 'AGENCY' && g.subject_value === who.agencyId) ||
          (g.subject_kind === 'PRINCIPAL' && g.subject_value === who.id) ||
          (g.subject_kind === 'ROLE' && who.roles.includes(g.subject_value)) ||
          (g.subject_kind === 'TEAM' && who.teams.includes(g.subject_value)),
      )
      .map((g) => ({
        id: g.id,
        typeName: g.type_name,
        fields: pgArray(g.fields),
        effect: g.effect,
        mask: g.mask_strategy,
        units: g.scope_kind === 'ALL_UNITS' ? null : g.scope_kind === 'LISTED_UNITS' ? pgArray(g.unit_credit_codes) : who.teamUnits,
      }));
  }

  /** A record concerning several units (a stationed group, an inspector's employers) is recused when any of them is. */
  recused(unit: Unit): boolean {
    return list(unit).some((u) => this.who.tiedUnits.includes(u) || this.who.homeRegions.includes(u.slice(2, 8)));
  }

  /** A unit-limited grant covers a record when it covers every unit the record concerns. */
  private covers(g: Applied, unit: Unit) {
    return g.units === null || (list(unit).length > 0 && list(unit).every((u) => g.units!.includes(u)));
  }

  visible(type: string, unit: Unit): boolean {
    // Team leaders and members list only their own teams' fast-track clues; the matrix team has no demo logins.
    if (type === 'FastTrackClue' && this.who.agencyKind === 'INSPECTION_OFFICE' && !this.who.roles.some((r) => ['ADMIN', 'INSPECTION_OFFICE', 'AGENCY_OFFICER', 'AGENCY_SYSTEM'].includes(r))) return false;
    if (LIST_FOR[type]) return LIST_FOR[type].includes(this.who.agencyKind);
    if (!ROW_SCOPED.has(type)) return true;
    if (this.recused(unit)) return false;
    if (TYPE_OWNER[type] === this.who.agencyKind) return true;
    return this.grants.some((g) => g.typeName === type && this.covers(g, unit));
  }

  decide(type: string, field: string, level: string, unit: Unit): Outcome {
    if (level === 'OPEN') return { effect: 'ALLOW' };
    if (this.recused(unit)) return { effect: 'DENY' };
    if (ownerOf(type, field) === this.who.agencyKind) {
      const roles = OWNER_ROLES[`${type}.${field}`];
      return { effect: roles && !this.who.roles.some((r) => roles.includes(r)) ? 'DENY' : 'ALLOW' };
    }
    if (level === 'RESTRICTED') return { effect: SHARED_WITH[type]?.includes(this.who.agencyKind) ? 'ALLOW' : 'DENY' };
    const covering = this.grants.filter((g) => g.typeName === type && (g.fields.length === 0 || g.fields.includes(field)) && this.covers(g, unit));
    if (covering.some((g) => g.effect === 'ALLOW')) return { effect: 'ALLOW' };
    const mask = covering.find((g) => g.effect === 'MASK');
    if (mask) return { effect: 'MASK', strategy: (mask.mask ?? this.defaultMask(type, field))! };
    return { effect: 'DENY' };
  }
}

/**
 * The masks the demo and this file's grants use, as DESIGN.md §4 describes them. A pseudonym is
 * stable per requesting agency: an HMAC of the value keyed by the hub's masking secret and the agency.
 */
function masked(strategy: string, value: unknown, pseudonymKey: { secret: string; agencyId: string }): unknown {
  switch (strategy) {
    case 'REDACT_TEXT':
      return '[已脱敏]';
    case 'PSEUDONYM':
      return `PSN-${createHmac('sha256', pseudonymKey.secret).update(`${pseudonymKey.agencyId}\u0000${String(value).trim().toUpperCase()}`).digest('hex').slice(0, 12)}`;
    case 'AMOUNT_BUCKET': {
      const n = Math.trunc(Math.abs(Number(value)));
      const label = n >= 1e8 ? '≥1亿' : n >= 1e7 ? '1000万-1亿' : n >= 1e6 ? '100万-1000万' : n >= 1e5 ? '10万-100万' : n >= 1e4 ? '1万-10万' : '<1万';
      return Number(value) < 0 ? `-${label}` : label;
    }
    default:
      throw new Error(`the matrix does not expect mask ${strategy}`);
  }
}

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY).toISOString().slice(0, 10);
const rid = (serial: number) => {
  const first17 = `99010319790304${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

/** One record of the fixture: where it lives and what its sensitive fields hold. */
interface Rec {
  type: string;
  id: string;
  unit: Unit;
  values: Record<string, unknown>;
}

const UNIT_SELECTION = `
  creditCode
  petitions(first: 5) { nodes { __typename id reporterName reporterPhone reporterIdNumber summary content conclusion subjectCadre { id } } }
  publicOpinions(first: 5) { nodes { __typename id title summary } }
  clues(first: 5) { nodes { __typename id summary details subjectCadre { id } } }
  sanctions(first: 5) { nodes { __typename id reason cadre { id } } }
  auditProjects(first: 5) { nodes { __typename id title auditedCadre { id } } }
  auditFindings(first: 5) { nodes { __typename id description amount } }
  auditStats { totalAmount }
  inspections { round { id } findings { __typename id description rectificationItems { __typename id measures evidence verificationNote } } }`;

const MASKED_SELECTION = `
  creditCode
  petitions(first: 5) { nodes { __typename id maskedFields } }
  publicOpinions(first: 5) { nodes { __typename id maskedFields } }
  clues(first: 5) { nodes { __typename id maskedFields } }
  sanctions(first: 5) { nodes { __typename id maskedFields } }
  auditProjects(first: 5) { nodes { __typename id maskedFields } }
  auditFindings(first: 5) { nodes { __typename id maskedFields } }
  auditStats { maskedFields }
  inspections { findings { __typename id maskedFields rectificationItems { __typename id maskedFields } } }`;

/** Every place in the response where an object of this type and id appears, as GraphQL response paths. */
function locate(data: unknown, type: string, id: string): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.__typename === type && o.id === id) out.push(path);
      for (const [k, x] of Object.entries(o)) walk(x, [...path, k]);
    }
  };
  walk(data, []);
  return out;
}
const at = (data: unknown, path: (string | number)[]) => path.reduce<any>((v, k) => (v == null ? undefined : v[k]), data);

describe('permission matrix over HTTP (issue 3, item 1): each demo role × each sensitive field', () => {
  let hub: TestHub;
  let units: { rec: string; t2: string; t3: string; out: string; r5: string; r7: string };
  let unitList: string[];
  const recs: Rec[] = [];
  let cadreOut: string;
  let inspectorId: string;
  let roundId: string;
  let groupId: string;
  const levels = new Map<string, string>();
  const tally = new Map<string, number>();
  const defaults = new Map<string, string | null>();
  const owners = new Map<string, string | null>();
  const who = new Map<string, Who>();
  let grantRows: GrantRow[];
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);

  const publish = async (login: string, mutation: string, inputType: string, records: unknown[]) => {
    const res = await gql(hub.url, await hub.token(login), `mutation($r: [${inputType}!]!) { ${mutation}(records: $r) { created } }`, { r: records });
    if (res.errors) throw new Error(`${mutation} failed: ${JSON.stringify(res.errors)}`);
  };

  beforeAll(async () => {
    // The matrix is about permissions, not query cost: one request per principal reads every record.
    hub = await startTestHub({ config: { limits: { depth: 12, cost: 10_000_000, aliases: 30, tokens: 5000 } } });

    // ---- units -------------------------------------------------------------------------
    const [{ unit_credit_codes }] = await sql('access', 'SELECT unit_credit_codes FROM access.team_membership LIMIT 1');
    const team = pgArray(unit_credit_codes);
    const [{ code: tied }] = await sql('access', `SELECT t.code FROM access.principal_tie t JOIN access.principal p ON p.id = t.principal_id WHERE p.login = 'xcb-member-recused' AND t.kind <> 'HOME_REGION'`);
    expect(team).toContain(tied);
    const [sanctionGrant] = await sql('access', `SELECT unit_credit_codes FROM access."grant" WHERE type_name = 'Sanction' AND scope_kind = 'LISTED_UNITS'`);
    const listed = pgArray(sanctionGrant.unit_credit_codes);
    const pick = async (region: string) =>
      (
        await sql('organization', `SELECT credit_code FROM organization.inspected_unit WHERE kind = 'TOWNSHIP' AND substr(credit_code, 3, 6) = $1 AND NOT (credit_code = ANY($2)) ORDER BY credit_code LIMIT 1`, [
          region,
          team,
        ])
      )[0].credit_code.trim() as string;
    units = {
      rec: tied,
      t2: team.find((u) => u !== tied && listed.includes(u))!,
      t3: team.find((u) => u !== tied && !listed.includes(u))!,
      out: await pick('990102'),
      r5: await pick('990105'),
      r7: await pick('990107'),
    };
    unitList = Object.values(units);
    expect(new Set(unitList).size).toBe(6);

    // ---- records, published by their owners ---------------------------------------------
    const cadres = unitList.map((u, i) => ({
      externalId: `T-PM-C${i}`,
      name: `矩阵干部${'甲乙丙丁戊己'[i]}`,
      residentId: rid(i + 1),
      unitCreditCode: u,
      post: '镇长',
      rank: '正科级',
      leadershipMember: true,
    }));
    await publish('zzb-system', 'publishCadres', 'CadreInput', cadres);
    const cadreIds: string[] = [];
    for (const [i, c] of cadres.entries()) {
      const [{ id }] = await sql('organization', 'SELECT id FROM organization.cadre WHERE external_id = $1', [c.externalId]);
      cadreIds.push(id);
      // A cadre's unit is the unit it holds its post in: grants and recusal apply to it like to any record there.
      recs.push({ type: 'Cadre', id, unit: unitList[i], values: { rank: c.rank, residentId: c.residentId } });
      if (unitList[i] === units.out) cadreOut = id;
    }

    const petitions = unitList.map((u, i) => ({
      externalId: `T-PM-P${i}`,
      channel: 'LETTER',
      receivedDate: isoDay(-1),
      anonymous: false,
      reporterName: '欧阳明华',
      reporterPhone: `1390000000${i}`,
      reporterIdNumber: rid(100 + i),
      unitCreditCode: u,
      cadreId: cadreIds[i],
      category: 'INTEGRITY_DISCIPLINE',
      summary: `矩阵测试信访摘要${i}`,
      content: `矩阵测试信访全文${i}`,
      status: 'CONCLUDED',
      conclusion: `矩阵测试办理结果${i}`,
      concludedDate: isoDay(-1),
    }));
    const opinions = unitList.map((u, i) => ({
      externalId: `T-PM-O${i}`,
      unitCreditCode: u,
      source: '矩阵测试网',
      publishedDate: isoDay(-1),
      title: `网络舆情标题${i}`,
      summary: `网络舆情摘要${i}`,
      sentiment: 'NEGATIVE',
    }));
    const clues = unitList.map((u, i) => ({
      externalId: `T-PM-X${i}`,
      source: 'PETITION',
      subjectUnitCreditCode: u,
      subjectCadreId: cadreIds[i],
      summary: `矩阵测试线索摘要${i}`,
      details: `矩阵测试线索详情${i}`,
      receivedDate: isoDay(-1),
      disposalMethod: null,
      status: 'RECEIVED',
    }));
    const sanctions = unitList.map((u, i) => ({
      externalId: `T-PM-S${i}`,
      cadreId: cadreIds[i],
      unitCreditCode: u,
      kind: 'PARTY',
      level: 'WARNING',
      decidedDate: isoDay(-1),
      reason: `矩阵测试处分事由${i}`,
    }));
    const projects = unitList.map((u, i) => ({
      externalId: `T-PM-A${i}`,
      title: `矩阵测试经济责任审计${i}`,
      kind: 'ECONOMIC_RESPONSIBILITY',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      reportDate: isoDay(-1),
      auditedUnitCreditCode: u,
      auditedCadreId: cadreIds[i],
      findings: [{ category: 'FUND_MISUSE', description: `矩阵测试审计问题${i}`, amount: `12345${i}.78`, severity: 'MEDIUM', rectificationStatus: 'IN_PROGRESS' }],
    }));
    await publish('xfj-system', 'publishPetitions', 'PetitionInput', petitions);
    await publish('xfj-system', 'publishPublicOpinions', 'PublicOpinionInput', opinions);
    await publish('jw-system', 'publishClues', 'ClueInput', clues);
    await publish('jw-system', 'publishSanctions', 'SanctionInput', sanctions);
    await publish('jw-system', 'publishStationedGroups', 'StationedGroupInput', [
      { externalId: 'T-PM-G', name: '矩阵测试派驻组', leaderName: '陈立新', notes: '矩阵测试监督工作情况', supervisedUnitCreditCodes: [units.out] },
    ]);
    await publish('sj-system', 'publishAuditProjects', 'AuditProjectInput', projects);
    await publish('xcb-system', 'publishInspectors', 'InspectorInput', [
      { externalId: 'T-PM-I', name: '矩阵巡察员', skills: ['矩阵测试'], homeRegionCode: '990103', currentEmployerCreditCode: units.out, pastEmployerCreditCodes: [units.t3], residentId: rid(300) },
    ]);
    await publish('xcb-system', 'publishRounds', 'InspectionRoundInput', [
      {
        externalId: 'T-PM-R',
        name: '矩阵测试巡察轮次',
        kind: 'SPECIAL',
        mode: 'LOCAL',
        startDate: isoDay(-10),
        endDate: isoDay(30),
        status: 'IN_PROGRESS',
        // The inspector worked at t3: the team carries a recusal flag (CONDITIONAL, the office's).
        teams: [{ name: '矩阵测试组', leaderExternalId: 'T-PM-I', memberExternalIds: [], unitCreditCodes: [units.t3] }],
      },
    ]);
    await publish(
      'xcb-system',
      'publishFindings',
      'InspectionFindingInput',
      unitList.map((u, i) => ({
        externalId: `T-PM-F${i}`,
        roundExternalId: 'T-PM-R',
        unitCreditCode: u,
        category: 'INTEGRITY',
        description: `矩阵测试巡察问题${i}`,
        severity: 'MEDIUM',
        immediateRectification: false,
        rectificationItems: [{ measures: `矩阵测试整改措施${i}`, responsibleUnitCreditCode: u, deadline: isoDay(60), status: 'DONE', evidence: `矩阵测试佐证${i}`, rulesEstablished: 1 }],
      })),
    );

    const idOf = async (source: string, table: string, externalId: string) => (await sql(source, `SELECT id FROM ${table} WHERE external_id = $1`, [externalId]))[0].id as string;
    for (const [i, u] of unitList.entries()) {
      const cadre = { id: cadreIds[i] };
      const p = petitions[i];
      recs.push({ type: 'Petition', id: await idOf('petition', 'petition.petition', p.externalId), unit: u, values: { reporterName: p.reporterName, reporterPhone: p.reporterPhone, reporterIdNumber: p.reporterIdNumber, summary: p.summary, content: p.content, conclusion: p.conclusion, subjectCadre: cadre } });
      const o = opinions[i];
      recs.push({ type: 'PublicOpinionItem', id: await idOf('petition', 'petition.public_opinion_item', o.externalId), unit: u, values: { title: o.title, summary: o.summary } });
      const c = clues[i];
      recs.push({ type: 'ProblemClue', id: await idOf('discipline', 'discipline.problem_clue', c.externalId), unit: u, values: { summary: c.summary, details: c.details, subjectCadre: cadre } });
      const s = sanctions[i];
      recs.push({ type: 'Sanction', id: await idOf('discipline', 'discipline.sanction', s.externalId), unit: u, values: { reason: s.reason, cadre } });
      const a = projects[i];
      const projectId = await idOf('audit', 'audit.audit_project', a.externalId);
      recs.push({ type: 'AuditProject', id: projectId, unit: u, values: { title: a.title, auditedCadre: cadre } });
      const [f] = await sql('audit', 'SELECT id FROM audit.audit_finding WHERE project_id = $1', [projectId]);
      recs.push({ type: 'AuditFinding', id: f.id, unit: u, values: { description: a.findings[0].description, amount: a.findings[0].amount } });
      const inspectionFindingId = await idOf('inspection', 'inspection.inspection_finding', `T-PM-F${i}`);
      recs.push({ type: 'InspectionFinding', id: inspectionFindingId, unit: u, values: { description: `矩阵测试巡察问题${i}` } });
      const [item] = await sql('inspection', 'SELECT id FROM inspection.rectification_item WHERE finding_id = $1', [inspectionFindingId]);
      recs.push({ type: 'RectificationItem', id: item.id, unit: u, values: { measures: `矩阵测试整改措施${i}`, evidence: `矩阵测试佐证${i}`, verificationNote: null } });
    }
    inspectorId = await idOf('inspection', 'inspection.inspector', 'T-PM-I');
    // An inspector's ties concern the units they work and worked for.
    recs.push({ type: 'Inspector', id: inspectorId, unit: [units.out, units.t3], values: { homeRegionCode: '990103', currentEmployerCreditCode: units.out, pastEmployerCreditCodes: [units.t3], residentId: rid(300) } });
    roundId = await idOf('inspection', 'inspection.inspection_round', 'T-PM-R');
    const [teamRow] = await sql('inspection', 'SELECT id FROM inspection.inspection_team WHERE round_id = $1', [roundId]);
    const reasons = [...(units.t3.slice(2, 8) === '990103' ? ['HOME_REGION'] : []), 'PAST_EMPLOYER'];
    // A team's recusal flags concern the units it inspects.
    recs.push({ type: 'InspectionTeam', id: teamRow.id, unit: [units.t3], values: { recusalFlags: [{ unitCreditCode: units.t3, reasons, overridden: false }] } });
    // A fast-track clue about the unit the recused member is tied to (inserted directly: recording needs a team login, see fast-track.test).
    const clue = { cadreId: cadreIds[0], summary: '矩阵测试线索摘要', details: '矩阵测试线索详情', evidenceRefs: ['矩阵-ZJ-1'], teamOpinion: '矩阵测试组意见', commissionOpinion: '矩阵测试纪委意见', result: '矩阵测试办理结果' };
    const [{ id: clueId }] = await sql(
      'inspection',
      `INSERT INTO inspection.fast_track_clue (round_id, team_id, unit_credit_code, cadre_id, summary, details, evidence_refs, discovered_date, status, team_opinion, commission_opinion, result, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REVIEWED', $9, $10, $11, $12) RETURNING id`,
      [roundId, teamRow.id, units.rec, clue.cadreId, clue.summary, clue.details, clue.evidenceRefs, isoDay(-1), clue.teamOpinion, clue.commissionOpinion, clue.result, await hub.principalId('admin')],
    );
    recs.push({ type: 'FastTrackClue', id: clueId, unit: units.rec, values: clue });
    groupId = await idOf('discipline', 'discipline.stationed_group', 'T-PM-G');
    // A group's notes concern the units it supervises.
    recs.push({ type: 'StationedGroup', id: groupId, unit: [units.out], values: { notes: '矩阵测试监督工作情况' } });

    // ---- grants beyond the demo ones: a PRINCIPAL subject with a default mask on LISTED units,
    // an AGENCY subject on a field of an entity without units (ALL_UNITS), a PSEUDONYM mask
    // (CHINESE_NAME, RESIDENT_ID and MOBILE fit only fields declared to hold names, ID numbers and phones).
    const jcy = await sql('access', `SELECT id FROM access.agency WHERE code = 'jcy'`);
    await grant(hub, { subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('jcy-officer'), typeName: 'AuditProject', fields: ['title'], effect: 'MASK', scopeKind: 'LISTED_UNITS', unitCreditCodes: [units.out, units.t3], purpose: '矩阵测试：默认脱敏' });
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: jcy[0].id, typeName: 'Cadre', fields: ['rank'], effect: 'ALLOW', scopeKind: 'ALL_UNITS', purpose: '矩阵测试：职级' });
    // Cadre.sanctions is resolved where only the cadre's id is known: it can be granted for all units only.
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: jcy[0].id, typeName: 'Cadre', fields: ['sanctions'], effect: 'ALLOW', scopeKind: 'ALL_UNITS', purpose: '矩阵测试：干部处分' });
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: jcy[0].id, typeName: 'PublicOpinionItem', fields: ['title'], effect: 'MASK', maskStrategy: 'PSEUDONYM', scopeKind: 'LISTED_UNITS', unitCreditCodes: [units.out, units.r7], purpose: '矩阵测试：假名' });

    // ---- who is who, and every grant, straight from the database -----------------------
    const people = await sql('access', `SELECT p.id, p.login, p.roles, p.agency_id, a.kind FROM access.principal p JOIN access.agency a ON a.id = p.agency_id WHERE p.login = ANY($1)`, [PRINCIPALS]);
    const ties = await sql('access', 'SELECT principal_id, kind, code FROM access.principal_tie');
    const teams = await sql('access', 'SELECT principal_id, team_id, unit_credit_codes FROM access.team_membership WHERE valid_from <= now() AND valid_to > now()');
    for (const p of people) {
      const mine = ties.filter((t: { principal_id: string }) => t.principal_id === p.id);
      const memberships = teams.filter((t: { principal_id: string }) => t.principal_id === p.id);
      who.set(p.login, {
        login: p.login,
        id: p.id,
        agencyId: p.agency_id,
        agencyKind: p.kind,
        roles: pgArray(p.roles),
        tiedUnits: mine.filter((t: { kind: string }) => t.kind !== 'HOME_REGION').map((t: { code: string }) => t.code.trim()),
        homeRegions: mine.filter((t: { kind: string }) => t.kind === 'HOME_REGION').map((t: { code: string }) => t.code.trim()),
        teams: memberships.map((t: { team_id: string }) => t.team_id),
        teamUnits: [...new Set<string>(memberships.flatMap((t: { unit_credit_codes: unknown }) => pgArray(t.unit_credit_codes)))],
      });
    }
    expect([...who.keys()].sort()).toEqual([...PRINCIPALS].sort());
    grantRows = await sql('access', 'SELECT * FROM access."grant"');

    const catalog = await gql(hub.url, await hub.token('gaj-officer'), '{ catalog { typeName fieldName sensitivity defaultMask ownerAgencyKind } }');
    for (const e of catalog.data.catalog) {
      levels.set(`${e.typeName}.${e.fieldName}`, e.sensitivity);
      defaults.set(`${e.typeName}.${e.fieldName}`, e.defaultMask);
      owners.set(`${e.typeName}.${e.fieldName}`, e.ownerAgencyKind);
    }
  }, 120_000);
  afterAll(() => hub?.stop());

  const oracleFor = (login: string) => {
    const w = who.get(login)!;
    return new Oracle(w, Oracle.grantsFor(w, grantRows), (t, f) => defaults.get(`${t}.${f}`) ?? null);
  };

  it('the demo grants are the ones the matrix is about, and the fixture covers recusal, TEAM_UNITS, LISTED_UNITS and ALL_UNITS', () => {
    const shape = (g: GrantRow) => `${g.subject_kind}:${g.type_name}:${pgArray(g.fields).join('+') || '*'}:${g.effect}:${g.mask_strategy ?? ''}:${g.scope_kind}`;
    // Grants answering the demo round's data requests go to teams without demo logins (see data-requests and dossier tests).
    const demo = grantRows.filter((g) => !/^矩阵测试/.test(String((g as unknown as { purpose: string }).purpose)) && !(g as unknown as { request_ref: string | null }).request_ref);
    expect(demo.map(shape).sort()).toEqual(
      [
        'TEAM:Petition:*:ALLOW::TEAM_UNITS',
        'TEAM:ProblemClue:summary:MASK:REDACT_TEXT:TEAM_UNITS',
        'AGENCY:Petition:summary:MASK:REDACT_TEXT:ALL_UNITS',
        'AGENCY:ProblemClue:summary:MASK:REDACT_TEXT:ALL_UNITS',
        'AGENCY:AuditFinding:amount:MASK:AMOUNT_BUCKET:ALL_UNITS',
        'ROLE:Sanction:reason:ALLOW::LISTED_UNITS',
      ].sort(),
    );
    const recused = oracleFor('xcb-member-recused');
    expect([units.rec, units.r5].every((u) => recused.recused(u))).toBe(true);
    expect([units.t2, units.t3, units.out, units.r7].some((u) => recused.recused(u))).toBe(false);
    expect(oracleFor('xcb-member').recused(units.r7)).toBe(true);
    expect(who.get('xcb-leader')!.teamUnits).toEqual(expect.arrayContaining([units.rec, units.t2, units.t3]));
    expect(who.get('xcb-leader')!.teamUnits).not.toContain(units.out);
  });

  it('reads every CONDITIONAL and RESTRICTED field of the catalog, with the owners DESIGN.md names', () => {
    const sensitive = [...levels.entries()].filter(([, l]) => l !== 'OPEN').map(([k]) => k);
    const planned = Object.entries(PLAN).flatMap(([t, fs]) => fs.map((f) => `${t}.${f}`));
    expect(planned.sort()).toEqual(sensitive.sort());
    for (const k of planned) {
      const [t, f] = k.split('.');
      expect({ field: k, owner: owners.get(k) }).toEqual({ field: k, owner: ownerOf(t, f) });
    }
  });

  const query = (selection: string, cadre: string, extra: string) => `query Matrix(${unitList.map((_, i) => `$u${i}: String!`).join(', ')}, $cadre: UUID!, $round: UUID!) {
    round(id: $round) { teams { __typename id ${extra === 'masked' ? '' : 'recusalFlags { unitCreditCode reasons overridden }'} } }
    ${extra === 'masked' ? '' : `fastTrackClues(first: 50) { nodes { __typename id ${PLAN.FastTrackClue.join(' ')} } }`}
    ${unitList.map((_, i) => `u${i}: unitByCreditCode(creditCode: $u${i}) { ${selection} }`).join('\n')}
    ${cadre}
    inspectors(first: 5, skill: "矩阵测试") { nodes { __typename id ${extra === 'masked' ? 'maskedFields' : PLAN.Inspector.join(' ')} } }
    stationedGroups { __typename id ${extra === 'masked' ? 'maskedFields' : 'notes'} }
  }`;
  const variables = () => ({ ...Object.fromEntries(unitList.map((u, i) => [`u${i}`, u])), cadre: cadreOut, round: roundId });

  it.each(PRINCIPALS)('%s gets exactly the value, mask, FORBIDDEN or absence the rules give, field by field', async (login) => {
    const oracle = oracleFor(login);
    const cadre = `cadre(id: $cadre) { __typename id rank residentId auditProjects { id } sanctions { id } petitions(first: 5) { totalCount nodes { id } } }`;
    const res: GqlResult = await gql(hub.url, await hub.token(login), query(UNIT_SELECTION, cadre, ''), variables());
    expect(res.status).toBe(200);
    for (const e of res.errors ?? []) expect({ path: e.path, code: e.extensions?.code }).toEqual({ path: e.path, code: 'FORBIDDEN' });
    const problems: string[] = [];
    // Denials come as one error per field path (list indices collapsed) and reason, counting the records.
    const expectedDenied = new Map<string, number>();
    const denied = denials(res);

    const check = (rec: Rec, field: string, paths: (string | number)[][]) => {
      const level = levels.get(`${rec.type}.${field}`)!;
      const want = oracle.decide(rec.type, field, level, rec.unit);
      const kind = want.effect === 'MASK' ? `MASK:${want.strategy}` : `${want.effect}:${level}`;
      tally.set(kind, (tally.get(kind) ?? 0) + paths.length);
      for (const base of paths) {
        const path = [...base, field];
        const got = at(res.data, path);
        const key = collapsed(path);
        const label = `${rec.type}.${field} @${rec.unit ?? '-'} ${want.effect}`;
        if (want.effect === 'DENY') {
          expectedDenied.set(key, (expectedDenied.get(key) ?? 0) + 1);
          if (got !== null) problems.push(`${label}: expected null, got ${JSON.stringify(got)}`);
          if (!denied[key]) problems.push(`${label}: expected a FORBIDDEN error at ${key}`);
        } else {
          const value = want.effect === 'MASK' ? masked(want.strategy, rec.values[field], { secret: hub.config.internalSecret, agencyId: who.get(login)!.agencyId }) : rec.values[field];
          if (JSON.stringify(got) !== JSON.stringify(value)) problems.push(`${label}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
        }
      }
    };

    const located = new Map(recs.map((r) => [r, r.type === 'Cadre' ? [] : locate(res.data, r.type, r.id)]));
    for (const rec of recs) {
      if (rec.type === 'Cadre') continue;
      const paths = located.get(rec)!;
      const visible = oracle.visible(rec.type, rec.unit);
      if (!visible) {
        tally.set(`HIDDEN:${rec.type}`, (tally.get(`HIDDEN:${rec.type}`) ?? 0) + 1);
        if (paths.length) problems.push(`${rec.type} @${rec.unit}: must not be visible, found at ${paths.map((p) => p.join('.')).join(', ')}`);
        continue;
      }
      if (!paths.length) {
        problems.push(`${rec.type} @${rec.unit}: must be visible, not found`);
        continue;
      }
      for (const field of PLAN[rec.type]) check(rec, field, paths);
    }

    // Cadre: fields from four subgraphs on one entity without a unit.
    const cadreRec = recs.find((r) => r.type === 'Cadre' && r.id === cadreOut)!;
    const sanctionOut = recs.find((r) => r.type === 'Sanction' && r.unit === units.out)!;
    const projectOut = recs.find((r) => r.type === 'AuditProject' && r.unit === units.out)!;
    const petitionOut = recs.find((r) => r.type === 'Petition' && r.unit === units.out)!;
    // The cadre's lists hold only the records the caller may see.
    cadreRec.values.sanctions = oracle.visible('Sanction', units.out) ? [{ id: sanctionOut.id }] : [];
    cadreRec.values.auditProjects = oracle.visible('AuditProject', units.out) ? [{ id: projectOut.id }] : [];
    cadreRec.values.petitions = oracle.visible('Petition', units.out) ? { totalCount: 1, nodes: [{ id: petitionOut.id }] } : { totalCount: 0, nodes: [] };
    for (const field of PLAN.Cadre) check(cadreRec, field, [['cadre']]);

    // AuditStats: figures over the unit's findings; the sum is the owner's alone.
    for (const [i, u] of unitList.entries()) {
      const [{ total }] = await hub.sources.get('audit')!.query('SELECT coalesce(sum(amount), 0.00)::text AS total FROM audit.audit_finding WHERE unit_credit_code = $1', [u]);
      check({ type: 'AuditStats', id: '', unit: u, values: { totalAmount: total } }, 'totalAmount', [[`u${i}`, 'auditStats']]);
    }

    // Every error on this file's records is one the oracle expects there, counting at least its denials (lists may hold other records too).
    for (const e of res.errors ?? []) {
      const path = e.path ?? [];
      const ours = [...located.values()].some((ps) => ps.some((p) => p.every((x, j) => path[j] === x)));
      if ((ours || path[0] === 'cadre') && !expectedDenied.has(collapsed(path))) problems.push(`unexpected error at ${path.join('.')}: ${e.message}`);
    }
    for (const [key, n] of expectedDenied) if (!(denied[key] >= n)) problems.push(`${key}: ${n} records denied, the errors count ${denied[key] ?? 0}`);
    expect(problems).toEqual([]);
  });

  it('exercised every outcome: clear values, each mask, denials of both classes, hidden rows of every scoped type', () => {
    for (const kind of ['ALLOW:CONDITIONAL', 'ALLOW:RESTRICTED', 'DENY:CONDITIONAL', 'DENY:RESTRICTED', 'MASK:REDACT_TEXT', 'MASK:AMOUNT_BUCKET', 'MASK:PSEUDONYM', ...[...ROW_SCOPED].map((t) => `HIDDEN:${t}`)]) {
      expect({ kind, seen: (tally.get(kind) ?? 0) > 0 }).toEqual({ kind, seen: true });
    }
  });

  describe('maskedFields says which values are masked (feature (a))', () => {
    it.each(PRINCIPALS)('%s: maskedFields lists exactly the fields masked for it on each record', async (login) => {
      const oracle = oracleFor(login);
      const res = await gql(hub.url, await hub.token(login), query(MASKED_SELECTION, 'cadre(id: $cadre) { id }', 'masked'), variables());
      expect(res.errors).toBeUndefined();
      const problems: string[] = [];
      for (const rec of recs) {
        if (!WITH_MASKED_FIELDS.includes(rec.type) || !oracle.visible(rec.type, rec.unit)) continue;
        const conditional = [...levels.entries()].filter(([k, l]) => l === 'CONDITIONAL' && k.startsWith(`${rec.type}.`)).map(([k]) => k.split('.')[1]);
        const want = conditional.filter((f) => oracle.decide(rec.type, f, 'CONDITIONAL', rec.unit).effect === 'MASK').sort();
        for (const path of locate(res.data, rec.type, rec.id)) {
          const got = [...((at(res.data, [...path, 'maskedFields']) as string[] | undefined) ?? ['<missing>'])].sort();
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${rec.type} @${rec.unit}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
        }
      }
      for (const i of unitList.keys()) expect(res.data[`u${i}`].auditStats.maskedFields).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});
