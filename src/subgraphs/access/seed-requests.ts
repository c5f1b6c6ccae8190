import type { DataSource } from 'typeorm';
import { GrantEffect } from '../../authz/grant-types';
import { MaskStrategy } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';
import { loadConfig } from '../../config';
import type { SeedWorld } from '../types';
import { DataRequest, DataRequestStatus } from './data-request.entity';
import { approve, grantEnd } from './data-request.workflow';
import { alignRounds } from './round-alignment';

/**
 * The demo round's data requests, answered the way providers would for the first
 * team's two units: the petition bureau approves (one unit in clear, the other
 * masked), the audit bureau approves the first unit, the discipline commission
 * declines it; the rest wait.
 */
export async function seedDemoRequests(ds: DataSource, world: SeedWorld): Promise<void> {
  const round = world.upcomingRound;
  if (!round) return;
  const config = loadConfig();
  await ds.transaction(async (m) => {
    const logins: { id: string; login: string }[] = await m.query(`SELECT id, login FROM access.principal WHERE login IN ('xcb-office', 'xfj-officer', 'sj-officer', 'jw-officer')`);
    const by = (login: string) => logins.find((p) => p.login === login)!.id;
    await alignRounds(m, [round], by('xcb-office'), config);
    const requests = await m.getRepository(DataRequest).find({ where: { roundId: round.id } });
    const [first, second] = round.teams[0].unitCreditCodes;
    const of = (kind: AgencyKind, unit: string) => requests.find((r) => r.providerAgencyKind === kind && r.unitCreditCode === unit)!;
    const validTo = grantEnd(round.endDate, config.rectificationWindowDays);
    const all = (r: DataRequest) => r.items.map((i) => ({ typeName: i.typeName, fields: i.fields, effect: GrantEffect.ALLOW, maskStrategy: null }));
    await approve(m, of(AgencyKind.PETITION_BUREAU, first), all(of(AgencyKind.PETITION_BUREAU, first)), by('xfj-officer'), validTo, null);
    const masked = of(AgencyKind.PETITION_BUREAU, second);
    const petition = masked.items.find((i) => i.typeName === 'Petition')!;
    await approve(m, masked, [{ typeName: 'Petition', fields: petition.fields, effect: GrantEffect.MASK, maskStrategy: MaskStrategy.REDACT_TEXT }], by('xfj-officer'), validTo, null);
    await approve(m, of(AgencyKind.AUDIT_BUREAU, first), all(of(AgencyKind.AUDIT_BUREAU, first)), by('sj-officer'), validTo, null);
    const declined = of(AgencyKind.DISCIPLINE_COMMISSION, first);
    Object.assign(declined, { status: DataRequestStatus.DECLINED, decidedAt: new Date(), decidedBy: by('jw-officer'), declineReason: '相关问题线索正在初核，暂缓提供' });
    await m.getRepository(DataRequest).save(declined);
  });
}
