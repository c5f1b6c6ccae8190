import { registerEnumType } from 'type-graphql';

export enum ClueSource {
  PETITION = 'PETITION',
  INSPECTION = 'INSPECTION',
  AUDIT = 'AUDIT',
  SUPERVISION = 'SUPERVISION',
  CASE = 'CASE',
  OTHER = 'OTHER',
}

export { DisposalMethod } from '../../common/disposal';

export enum ClueStatus {
  RECEIVED = 'RECEIVED',
  DISPOSING = 'DISPOSING',
  FILED = 'FILED',
  CLOSED = 'CLOSED',
}

export enum SanctionKind {
  PARTY = 'PARTY',
  GOVERNMENT = 'GOVERNMENT',
}

/** Party sanctions (党纪处分) and government sanctions (政务处分) in one list; a level belongs to one kind. */
export enum SanctionLevel {
  WARNING = 'WARNING',
  SERIOUS_WARNING = 'SERIOUS_WARNING',
  REMOVAL_FROM_PARTY_POST = 'REMOVAL_FROM_PARTY_POST',
  PROBATION = 'PROBATION',
  EXPULSION = 'EXPULSION',
  GOV_WARNING = 'GOV_WARNING',
  DEMERIT = 'DEMERIT',
  MAJOR_DEMERIT = 'MAJOR_DEMERIT',
  DEMOTION = 'DEMOTION',
  DISMISSAL_FROM_POST = 'DISMISSAL_FROM_POST',
  EXPULSION_FROM_OFFICE = 'EXPULSION_FROM_OFFICE',
}

/** Levels of each kind, mildest first. */
export const LEVELS_BY_KIND: Record<SanctionKind, SanctionLevel[]> = {
  PARTY: [SanctionLevel.WARNING, SanctionLevel.SERIOUS_WARNING, SanctionLevel.REMOVAL_FROM_PARTY_POST, SanctionLevel.PROBATION, SanctionLevel.EXPULSION],
  GOVERNMENT: [
    SanctionLevel.GOV_WARNING,
    SanctionLevel.DEMERIT,
    SanctionLevel.MAJOR_DEMERIT,
    SanctionLevel.DEMOTION,
    SanctionLevel.DISMISSAL_FROM_POST,
    SanctionLevel.EXPULSION_FROM_OFFICE,
  ],
};

registerEnumType(ClueSource, {
  name: 'ClueSource',
  description: 'Where a problem clue came from (线索来源)',
  valuesConfig: {
    PETITION: { description: '信访举报' },
    INSPECTION: { description: '巡察移交' },
    AUDIT: { description: '审计移送' },
    SUPERVISION: { description: '监督检查' },
    CASE: { description: '审查调查' },
    OTHER: { description: '其他' },
  },
});
registerEnumType(ClueStatus, {
  name: 'ClueStatus',
  description: 'Where a problem clue stands (线索办理状态)',
  valuesConfig: {
    RECEIVED: { description: '已受理' },
    DISPOSING: { description: '处置中' },
    FILED: { description: '已立案' },
    CLOSED: { description: '已办结' },
  },
});
registerEnumType(SanctionKind, {
  name: 'SanctionKind',
  description: 'Party or government sanction (处分类别)',
  valuesConfig: {
    PARTY: { description: '党纪处分' },
    GOVERNMENT: { description: '政务处分' },
  },
});
registerEnumType(SanctionLevel, {
  name: 'SanctionLevel',
  description: 'Sanction level (处分种类); the first five are party sanctions, the rest government sanctions',
  valuesConfig: {
    WARNING: { description: '警告（党纪）' },
    SERIOUS_WARNING: { description: '严重警告' },
    REMOVAL_FROM_PARTY_POST: { description: '撤销党内职务' },
    PROBATION: { description: '留党察看' },
    EXPULSION: { description: '开除党籍' },
    GOV_WARNING: { description: '警告（政务）' },
    DEMERIT: { description: '记过' },
    MAJOR_DEMERIT: { description: '记大过' },
    DEMOTION: { description: '降级' },
    DISMISSAL_FROM_POST: { description: '撤职' },
    EXPULSION_FROM_OFFICE: { description: '开除' },
  },
});
