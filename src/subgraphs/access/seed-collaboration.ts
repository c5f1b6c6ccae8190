import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { CollaborationEntry } from './collaboration.entity';

/**
 * What each of the 12 agencies provides for every inspection, after the
 * collaboration arrangements the source reports describe (情况函 to 12 agencies).
 * Items naming a type are shared through the hub; the others still go by letter.
 */
const ENTRIES: Omit<CollaborationEntry, 'id' | 'updatedAt'>[] = [
  { providerAgencyKind: AgencyKind.DISCIPLINE_COMMISSION, typeName: 'ProblemClue', fields: [], notes: '通报被巡察单位政治生态状况、有关举报情况及问题线索处置情况' },
  { providerAgencyKind: AgencyKind.DISCIPLINE_COMMISSION, typeName: 'Sanction', fields: [], notes: '提供被巡察单位干部近年受党纪政务处分情况' },
  { providerAgencyKind: AgencyKind.DISCIPLINE_COMMISSION, typeName: 'StationedGroup', fields: [], notes: '派驻纪检监察组通报日常监督中发现的问题' },
  { providerAgencyKind: AgencyKind.PETITION_BUREAU, typeName: 'Petition', fields: ['summary', 'conclusion'], notes: '提供涉及被巡察单位及其领导班子成员的信访举报及办理情况（信访人身份信息不予提供）' },
  { providerAgencyKind: AgencyKind.PETITION_BUREAU, typeName: 'PublicOpinionItem', fields: [], notes: '提供涉及被巡察单位的网络舆情信息' },
  { providerAgencyKind: AgencyKind.AUDIT_BUREAU, typeName: 'AuditProject', fields: [], notes: '提供被巡察单位近年经济责任审计、专项审计报告' },
  { providerAgencyKind: AgencyKind.AUDIT_BUREAU, typeName: 'AuditFinding', fields: [], notes: '提供审计发现问题及整改情况' },
  { providerAgencyKind: AgencyKind.ORGANIZATION_DEPARTMENT, typeName: 'Cadre', fields: ['rank'], notes: '提供被巡察单位领导班子及成员情况、干部选拔任用情况' },
  { providerAgencyKind: AgencyKind.PUBLIC_SECURITY, typeName: null, fields: [], notes: '通报涉及被巡察单位及其干部的违法犯罪案件情况' },
  { providerAgencyKind: AgencyKind.PROCURATORATE, typeName: null, fields: [], notes: '通报涉及被巡察单位的职务犯罪及公益诉讼案件情况' },
  { providerAgencyKind: AgencyKind.COURT, typeName: null, fields: [], notes: '通报涉及被巡察单位的诉讼案件及执行情况' },
  { providerAgencyKind: AgencyKind.LEGAL_AFFAIRS, typeName: null, fields: [], notes: '通报被巡察单位行政执法监督、规范性文件备案审查情况' },
  { providerAgencyKind: AgencyKind.HR_SOCIAL_SECURITY, typeName: null, fields: [], notes: '提供被巡察单位人员招录、职称评审及社会保险基金管理情况' },
  { providerAgencyKind: AgencyKind.STAFFING_OFFICE, typeName: null, fields: [], notes: '提供被巡察单位机构设置、编制核定及使用情况' },
  { providerAgencyKind: AgencyKind.FINANCE_BUREAU, typeName: null, fields: [], notes: '提供被巡察单位预算执行及专项资金拨付情况' },
  { providerAgencyKind: AgencyKind.MARKET_REGULATION, typeName: null, fields: [], notes: '提供涉及被巡察单位的投诉举报及行政处罚情况' },
];

export async function seedCollaboration(ds: DataSource): Promise<void> {
  await bulkInsert(ds, CollaborationEntry, ENTRIES);
}
