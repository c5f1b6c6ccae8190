import { registerEnumType } from 'type-graphql';
import { ENUM_LABELS } from './labels';

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

/** Chinese names of the agency kinds, from the one label dictionary. */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = ENUM_LABELS.AgencyKind;

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
