import type { Decision } from './policy';
import { unitList, type Units } from './records';

/** What a subgraph disclosed in one request, grouped by (type, effect, grant). */
export interface DisclosureGroup {
  typeName: string;
  effect: 'ALLOW' | 'MASK' | 'OWNER';
  grantId: string | null;
  recordIds: string[];
  fields: string[];
  unitCreditCodes: string[];
}

export class DisclosureLog {
  private readonly groups = new Map<string, { typeName: string; effect: DisclosureGroup['effect']; grantId: string | null; records: Set<string>; fields: Set<string>; units: Set<string> }>();

  /** Notes a CONDITIONAL or RESTRICTED value that left the subgraph (allowed or masked). */
  add(typeName: string, fieldName: string, recordId: string | null, units: Units, d: Decision): void {
    if (d.effect === 'DENY' || (d.effect === 'ALLOW' && d.basis === 'OPEN')) return;
    const effect = d.effect === 'MASK' ? 'MASK' : d.basis === 'OWNER' ? 'OWNER' : 'ALLOW';
    const key = `${typeName}|${effect}|${d.grantId ?? ''}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { typeName, effect, grantId: d.grantId, records: new Set(), fields: new Set(), units: new Set() };
      this.groups.set(key, g);
    }
    if (recordId) g.records.add(recordId);
    g.fields.add(fieldName);
    if (typeof units === 'string') g.units.add(units);
    else for (const u of unitList(units)) g.units.add(u);
  }

  get size(): number {
    return this.groups.size;
  }

  toJSON(): DisclosureGroup[] {
    return [...this.groups.values()].map((g) => ({
      typeName: g.typeName,
      effect: g.effect,
      grantId: g.grantId,
      recordIds: [...g.records],
      fields: [...g.fields],
      unitCreditCodes: [...g.units],
    }));
  }
}
