import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AGENCY_KIND_LABELS, AgencyKind, Role } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import type { SeedWorld } from '../types';
import { Agency } from './agency.entity';
import { Principal, PrincipalKind } from './principal.entity';
import { hashApiKey } from './resolver';

export const CITY_NAME = '明湖市';
export const CITY_CODE = '990100';

/** Login code of each demo agency; principals are `<code>-officer`, `<code>-system`. */
export const AGENCY_CODES: Record<AgencyKind, string> = {
  INSPECTION_OFFICE: 'xcb',
  DISCIPLINE_COMMISSION: 'jw',
  AUDIT_BUREAU: 'sj',
  ORGANIZATION_DEPARTMENT: 'zzb',
  PETITION_BUREAU: 'xfj',
  PUBLIC_SECURITY: 'gaj',
  PROCURATORATE: 'jcy',
  COURT: 'fy',
  LEGAL_AFFAIRS: 'sfj',
  HR_SOCIAL_SECURITY: 'rsj',
  STAFFING_OFFICE: 'bb',
  FINANCE_BUREAU: 'czj',
  MARKET_REGULATION: 'scjg',
};

const agencyName = (kind: AgencyKind) =>
  kind === AgencyKind.INSPECTION_OFFICE ? `中共${CITY_NAME}委巡察工作领导小组办公室` : kind === AgencyKind.DISCIPLINE_COMMISSION ? `${CITY_NAME}纪委监委` : `${CITY_NAME}${AGENCY_KIND_LABELS[kind]}`;

/** The inspection office's demo people: an admin, office staff, a team leader and two members. */
const INSPECTION_PEOPLE: { login: string; name: string; roles: Role[] }[] = [
  { login: 'admin', name: '平台管理员', roles: [Role.ADMIN] },
  { login: 'xcb-office', name: '林晓岚', roles: [Role.INSPECTION_OFFICE] },
  { login: 'xcb-leader', name: '周志远', roles: [Role.TEAM_LEADER] },
  { login: 'xcb-member', name: '苏文静', roles: [Role.TEAM_MEMBER] },
  { login: 'xcb-member-recused', name: '韩立群', roles: [Role.TEAM_MEMBER] },
];

export async function seedAccess(ds: DataSource, world: SeedWorld): Promise<void> {
  const kinds = Object.values(AgencyKind);
  const agencyRows = kinds.map((kind) => ({ code: AGENCY_CODES[kind], name: agencyName(kind), kind, regionCode: CITY_CODE }));
  const agencyIds = await bulkInsert(ds, Agency, agencyRows);
  world.agencies = agencyRows.map((a, i) => ({ id: agencyIds[i], kind: a.kind, name: a.name }));

  const principals: Partial<Principal>[] = [];
  world.apiKeys = {};
  world.agencies.forEach((agency) => {
    const code = AGENCY_CODES[agency.kind];
    const apiKey = `xh_demo_${code}_${randomBytes(24).toString('base64url')}`;
    world.apiKeys![`${code}-system`] = apiKey;
    principals.push(
      { login: `${code}-officer`, name: `${agency.name}联络员`, kind: PrincipalKind.USER, agencyId: agency.id, roles: [Role.AGENCY_OFFICER], active: true },
      { login: `${code}-system`, name: `${agency.name}数据交换系统`, kind: PrincipalKind.SYSTEM, agencyId: agency.id, roles: [Role.AGENCY_SYSTEM], apiKeyHash: hashApiKey(apiKey), active: true },
    );
  });
  const office = world.agencies.find((a) => a.kind === AgencyKind.INSPECTION_OFFICE)!;
  for (const p of INSPECTION_PEOPLE) principals.push({ ...p, kind: PrincipalKind.USER, agencyId: office.id, active: true });
  const commission = world.agencies.find((a) => a.kind === AgencyKind.DISCIPLINE_COMMISSION)!;
  principals.push({ login: 'jw-case', name: '纪委监委案件监督管理室', kind: PrincipalKind.USER, agencyId: commission.id, roles: [Role.AGENCY_OFFICER, Role.CASE_SUPERVISION], active: true });
  await bulkInsert(ds, Principal, principals);
}
