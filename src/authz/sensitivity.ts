import { Directive, registerEnumType } from 'type-graphql';
import type { AgencyKind, Role } from '../common/agency';

/**
 * Sharing class of a field (DESIGN.md §4): OPEN 无条件共享, CONDITIONAL 有条件共享,
 * RESTRICTED 不予共享. Every field of every shared type declares one where it is
 * defined; the declaration is printed as `@sensitivity(...)` in the subgraph SDL,
 * survives composition (@composeDirective) and is what enforcement is built from.
 */
export enum SharingClass {
  OPEN = 'OPEN',
  CONDITIONAL = 'CONDITIONAL',
  RESTRICTED = 'RESTRICTED',
}

/** How a value is disguised when a grant says MASK (DESIGN.md §4). */
export enum MaskStrategy {
  CHINESE_NAME = 'CHINESE_NAME',
  RESIDENT_ID = 'RESIDENT_ID',
  MOBILE = 'MOBILE',
  REDACT_TEXT = 'REDACT_TEXT',
  AMOUNT_BUCKET = 'AMOUNT_BUCKET',
  DATE_YEAR = 'DATE_YEAR',
  PSEUDONYM = 'PSEUDONYM',
}

registerEnumType(SharingClass, {
  name: 'SharingClass',
  description: 'Sharing class of a field (共享类别)',
  valuesConfig: {
    OPEN: { description: '无条件共享: any member agency may read it' },
    CONDITIONAL: { description: '有条件共享: other agencies read it under a grant' },
    RESTRICTED: { description: '不予共享: only the owning agency reads it' },
  },
});
registerEnumType(MaskStrategy, {
  name: 'MaskStrategy',
  description: 'Masking strategy (脱敏方式)',
  valuesConfig: {
    CHINESE_NAME: { description: '姓名: keep the surname, 张**' },
    RESIDENT_ID: { description: '身份证号: first 6 and last 4 digits' },
    MOBILE: { description: '手机号: 138****1234' },
    REDACT_TEXT: { description: '文本: redacted' },
    AMOUNT_BUCKET: { description: '金额: a range' },
    DATE_YEAR: { description: '日期: the year only' },
    PSEUDONYM: { description: '假名: a stable per-agency pseudonym' },
  },
});

/** The SDL that declares the directive in every subgraph (see common/federation.ts). */
export const SENSITIVITY_SDL = `
"Sharing class of a field (共享类别), with the mask used when a grant says MASK and, for RESTRICTED, the agency kinds that co-own it and the roles inside the owning agency that read it (all when empty)"
directive @sensitivity(level: SharingClass!, mask: MaskStrategy, sharedWith: [String!], ownerRoles: [String!]) on FIELD_DEFINITION | OBJECT
`;

type FieldDecorator = (target: object, key: string | symbol, descriptor?: any) => void;

const list = (name: string, values: readonly string[]) => (values.length ? `, ${name}: [${values.map((k) => JSON.stringify(k)).join(', ')}]` : '');
const declare = (level: SharingClass, mask?: MaskStrategy, sharedWith: AgencyKind[] = [], ownerRoles: Role[] = []): FieldDecorator =>
  Directive(`@sensitivity(level: ${level}${mask ? `, mask: ${mask}` : ''}${list('sharedWith', sharedWith)}${list('ownerRoles', ownerRoles)})`);

/** 无条件共享: readable by every authenticated member agency. */
export const Open = () => declare(SharingClass.OPEN);
/** 有条件共享: readable by other agencies under an active grant covering the record's unit; `mask` is the default for MASK grants. */
export const Conditional = (mask?: MaskStrategy) => declare(SharingClass.CONDITIONAL, mask);
/**
 * 不予共享: readable only inside the owning agency — and, when `sharedWith` names
 * them, inside those agency kinds too (e.g. a fast-track clue's details: the
 * inspection team and the discipline commission). Never grantable to anyone else.
 * `ownerRoles` narrows the owning agency to those roles: an inspector's ID number is
 * for the office's staff, not for the team members who share the office's agency.
 */
export const Restricted = (opts: { sharedWith?: AgencyKind[]; ownerRoles?: Role[] } = {}) => declare(SharingClass.RESTRICTED, undefined, opts.sharedWith, opts.ownerRoles);
