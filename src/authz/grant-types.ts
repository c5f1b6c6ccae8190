import { registerEnumType } from 'type-graphql';
import type { MaskStrategy } from './sensitivity';

/** Who a grant is for (授权对象). */
export enum GrantSubjectKind {
  AGENCY = 'AGENCY',
  ROLE = 'ROLE',
  TEAM = 'TEAM',
  PRINCIPAL = 'PRINCIPAL',
}

export enum GrantEffect {
  ALLOW = 'ALLOW',
  MASK = 'MASK',
}

/** Which units' records a grant covers (授权范围). */
export enum GrantScopeKind {
  ALL_UNITS = 'ALL_UNITS',
  LISTED_UNITS = 'LISTED_UNITS',
  /** Units assigned to the subject's inspection team in a round active now. */
  TEAM_UNITS = 'TEAM_UNITS',
}

registerEnumType(GrantSubjectKind, {
  name: 'GrantSubjectKind',
  description: 'Who a grant is for (授权对象)',
  valuesConfig: { AGENCY: { description: '单位' }, ROLE: { description: '角色' }, TEAM: { description: '巡察组' }, PRINCIPAL: { description: '个人或系统' } },
});
registerEnumType(GrantEffect, {
  name: 'GrantEffect',
  description: 'What a grant allows (授权效果)',
  valuesConfig: { ALLOW: { description: '原文可见' }, MASK: { description: '脱敏后可见' } },
});
registerEnumType(GrantScopeKind, {
  name: 'GrantScopeKind',
  description: 'Which units a grant covers (授权范围)',
  valuesConfig: {
    ALL_UNITS: { description: '全部单位' },
    LISTED_UNITS: { description: '指定单位' },
    TEAM_UNITS: { description: '本巡察组在进行中轮次的被巡察单位' },
  },
});

/**
 * A grant as the gateway hands it to subgraphs inside the signed identity: already
 * filtered to the caller (subject matches, not revoked), with TEAM_UNITS resolved
 * to the caller's team units. Subgraphs check the window again with their own clock.
 */
export interface ActiveGrant {
  id: string;
  typeName: string;
  /** Empty: every CONDITIONAL field of the type. */
  fields: string[];
  effect: GrantEffect;
  /** For MASK: the strategy; null means each field's declared default mask. */
  mask: MaskStrategy | null;
  /** null: all units; otherwise the credit codes covered. */
  units: string[] | null;
  validFrom: string;
  validTo: string | null;
}

/** Why the caller may not see a unit's CONDITIONAL data (回避). */
export interface Recusal {
  /** Credit codes of units the caller works or worked for. */
  units: string[];
  /** 6-digit region codes of the caller's home region; matched against a unit's credit code. */
  regions: string[];
}
