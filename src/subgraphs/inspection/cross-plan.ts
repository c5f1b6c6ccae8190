import { regionPrefix } from '../../common/codes';
import { InspectionMode } from './enums';
import { ownCounties, recusalReasons, unitCounty, type Ties } from './recusal';

export interface PlanTeam {
  id: string;
  name: string;
  people: (Ties & { name: string })[];
}

export interface CrossPlan {
  assignments: { teamId: string; unitCreditCode: string }[];
  uncovered: { unitCreditCode: string; reasons: string[] }[];
  loads: { teamId: string; units: number }[];
}

/**
 * Proposes who inspects what in a cross inspection (交叉巡察): no team inspects a
 * county it belongs to, no member is tied to the unit, and units are spread so the
 * busiest team has as few as possible. Units with the fewest possible teams are
 * placed first; each goes to the least loaded eligible team. A unit no team may
 * take is returned with the reason each team was ruled out.
 */
export function planCross(zone: string[], teams: PlanTeam[], units: string[]): CrossPlan {
  const load = new Map(teams.map((t) => [t.id, 0]));
  const uncovered: CrossPlan['uncovered'] = [];
  const candidates: { unit: string; eligible: PlanTeam[] }[] = [];
  const counties = new Map(teams.map((t) => [t.id, ownCounties(t.people)]));
  for (const unit of [...new Set(units)].sort()) {
    const county = unitCounty(unit);
    if (!zone.some((z) => county.startsWith(regionPrefix(z)))) {
      uncovered.push({ unitCreditCode: unit, reasons: [`单位注册地 ${county} 不在协作片区 ${zone.join('、')} 内`] });
      continue;
    }
    const reasons: string[] = [];
    const eligible = teams.filter((t) => {
      if (counties.get(t.id)!.has(county)) {
        reasons.push(`${t.name}：本组人员来自该区县 ${county}，不得巡察本地`);
        return false;
      }
      const tied = t.people.filter((p) => recusalReasons(p, unit, InspectionMode.CROSS).length);
      if (tied.length) {
        reasons.push(`${t.name}：${tied.map((p) => p.name).join('、')} 需回避`);
        return false;
      }
      return true;
    });
    if (!teams.length) reasons.push('本轮尚无巡察组');
    if (eligible.length) candidates.push({ unit, eligible });
    else uncovered.push({ unitCreditCode: unit, reasons });
  }
  candidates.sort((a, b) => a.eligible.length - b.eligible.length || a.unit.localeCompare(b.unit));
  const assignments: CrossPlan['assignments'] = [];
  for (const c of candidates) {
    // Stable choice: least loaded, then the team's order in the round.
    const team = c.eligible.reduce((best, t) => (load.get(t.id)! < load.get(best.id)! ? t : best));
    load.set(team.id, load.get(team.id)! + 1);
    assignments.push({ teamId: team.id, unitCreditCode: c.unit });
  }
  return { assignments, uncovered, loads: teams.map((t) => ({ teamId: t.id, units: load.get(t.id)! })) };
}
