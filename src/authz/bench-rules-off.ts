import type { Units } from './records';
import { PolicyEvaluator, type Decision, type FieldPolicy } from './policy';

/**
 * Benchmark-only (`benchWithoutEnforcement`): the field rules' allow/deny verdicts are
 * not applied, and nothing else changes. Decisions are still evaluated, because masking
 * and the disclosure audit need them: a MASK still masks and is logged with its grant,
 * and a value a rule would deny is served and logged as disclosed without a grant.
 */
export class RulesOffPolicy extends PolicyEvaluator {
  override decide(field: FieldPolicy, units: Units): Decision {
    const d = super.decide(field, units);
    return d.effect === 'DENY' ? { effect: 'ALLOW', basis: 'GRANT', grantId: null } : d;
  }
}
