import { registerEnumType } from 'type-graphql';

/** The member agencies of DESIGN.md §1; the kind decides which subgraph an agency owns. */
export enum AgencyKind {
  INSPECTION_OFFICE = 'INSPECTION_OFFICE',
  DISCIPLINE_COMMISSION = 'DISCIPLINE_COMMISSION',
  AUDIT_BUREAU = 'AUDIT_BUREAU',
  ORGANIZATION_DEPARTMENT = 'ORGANIZATION_DEPARTMENT',
  PETITION_BUREAU = 'PETITION_BUREAU',
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  PROCURATORATE = 'PROCURATORATE',
  COURT = 'COURT',
  LEGAL_AFFAIRS = 'LEGAL_AFFAIRS',
  HR_SOCIAL_SECURITY = 'HR_SOCIAL_SECURITY',
  STAFFING_OFFICE = 'STAFFING_OFFICE',
  FINANCE_BUREAU = 'FINANCE_BUREAU',
  MARKET_REGULATION = 'MARKET_REGULATION',
}

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  INSPECTION_OFFICE: '巡察办',
  DISCIPLINE_COMMISSION: '纪委监委',
  AUDIT_BUREAU: '审计局',
  ORGANIZATION_DEPARTMENT: '组织部',
  PETITION_BUREAU: '信访局',
  PUBLIC_SECURITY: '公安局',
  PROCURATORATE: '人民检察院',
  COURT: '人民法院',
  LEGAL_AFFAIRS: '司法局',
  HR_SOCIAL_SECURITY: '人力资源和社会保障局',
  STAFFING_OFFICE: '机构编制委员会办公室',
  FINANCE_BUREAU: '财政局',
  MARKET_REGULATION: '市场监督管理局',
};

/** Roles a principal may hold (DESIGN.md §4). */
export enum Role {
  ADMIN = 'ADMIN',
  AGENCY_OFFICER = 'AGENCY_OFFICER',
  AGENCY_SYSTEM = 'AGENCY_SYSTEM',
  INSPECTION_OFFICE = 'INSPECTION_OFFICE',
  TEAM_LEADER = 'TEAM_LEADER',
  TEAM_MEMBER = 'TEAM_MEMBER',
  /** The discipline commission's case supervision office (案件监督管理室): accepts clues transferred by inspection teams. */
  CASE_SUPERVISION = 'CASE_SUPERVISION',
}

registerEnumType(AgencyKind, { name: 'AgencyKind', description: 'Kind of member agency (成员单位类型)' });
registerEnumType(Role, { name: 'Role', description: 'Role of a principal (角色)' });
