import { registerEnumType } from 'type-graphql';

export enum RegionLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

export enum UnitKind {
  PARTY_GOVERNMENT_DEPARTMENT = 'PARTY_GOVERNMENT_DEPARTMENT',
  STATE_ENTERPRISE = 'STATE_ENTERPRISE',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'City 市, district/county 区县, township 乡镇街道, village 村社区' });
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'Kind of inspected unit (被巡察单位类型)',
  valuesConfig: {
    PARTY_GOVERNMENT_DEPARTMENT: { description: '党政机关部门' },
    STATE_ENTERPRISE: { description: '国有企业' },
    PUBLIC_INSTITUTION: { description: '事业单位' },
    TOWNSHIP: { description: '乡镇（街道）党委' },
    VILLAGE: { description: '村（社区）党组织' },
  },
});
