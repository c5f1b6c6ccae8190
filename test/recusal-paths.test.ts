import { agencyId, codes, gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { PUBLISH_INSPECTORS, PUBLISH_ROUNDS, daysFromToday, residentId } from './support/rounds';
import { denials } from './support/denials';

/**
 * Issue 9, leak 1: recusal (回避) applies on every path, also to records that carry no
 * unit column of their own — a stationed group (the units it supervises), audit figures
 * (their unit), an inspector (the units they worked for), a team's recusal flags (the
 * units it inspects) and the fields petition, discipline and audit add to a cadre (the
 * cadre's unit, asked of organization). Each is read twice with the same grants: by the
 * member tied to the unit (refused) and by a member who is not (served).
 */
describe('recusal on records without a unit column (issue 9, leak 1)', () => {
  let hub: TestHub;
  let tied: string; // the unit xcb-member-recused is tied to for this file
  let groupId: string; // a stationed group supervising it
  let otherGroupId: string; // one that does not
  let cadreId: string; // a cadre serving in it
  let otherCadreId: string; // a cadre serving elsewhere
  let teamId: string; // a team inspecting it
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const as = async (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, await hub.token(login), query, variables);
  // Denials are one error per field path (list indices collapsed) and reason.
  const forbiddenAt = (res: GqlResult) => Object.keys(denials(res)).sort();

  beforeAll(async () => {
    hub = await startTestHub();
    [{ unit: tied, group: groupId }] = await sql('discipline', `SELECT trim(unit_credit_code) AS unit, group_id AS group FROM discipline.stationed_group_unit ORDER BY unit_credit_code LIMIT 1`);
    [{ id: otherGroupId }] = await sql('discipline', 'SELECT id FROM discipline.stationed_group g WHERE NOT EXISTS (SELECT 1 FROM discipline.stationed_group_unit gu WHERE gu.group_id = g.id AND gu.unit_credit_code = $1) LIMIT 1', [tied]);
    [{ id: cadreId }] = await sql('organization', 'SELECT c.id FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE u.credit_code = $1 LIMIT 1', [tied]);
    [{ id: otherCadreId }] = await sql('organization', 'SELECT c.id FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE u.credit_code <> $1 LIMIT 1', [tied]);
    // The tie of this file, entered the way an admin records one; read fresh on every request.
    await sql('access', `INSERT INTO access.principal_tie (principal_id, kind, code) VALUES ($1, 'PAST_EMPLOYER', $2)`, [await hub.principalId('xcb-member-recused'), tied]);

    // An inspector who works in the unit, leading a team that inspects it (so the team carries a recusal flag).
    const office = await hub.token('xcb-system');
    const inspectors = await gql(hub.url, office, PUBLISH_INSPECTORS, {
      records: [{ externalId: 'T-RP-I', name: '回避测试员', skills: ['回避测试'], homeRegionCode: '990101', currentEmployerCreditCode: tied, pastEmployerCreditCodes: [], residentId: residentId('99010119800101', 7) }],
    });
    expect(inspectors.errors).toBeUndefined();
    const rounds = await gql(hub.url, office, PUBLISH_ROUNDS, {
      records: [
        {
          externalId: 'T-RP-R',
          name: '回避测试巡察轮次',
          kind: 'SPECIAL',
          mode: 'LOCAL',
          startDate: daysFromToday(-5),
          endDate: daysFromToday(30),
          status: 'IN_PROGRESS',
          teams: [{ name: '回避测试组', leaderExternalId: 'T-RP-I', memberExternalIds: [], unitCreditCodes: [tied] }],
        },
      ],
    });
    expect(rounds.errors).toBeUndefined();
    [{ id: teamId }] = await sql('inspection', `SELECT t.id FROM inspection.inspection_team t JOIN inspection.inspection_round r ON r.id = t.round_id WHERE r.external_id = 'T-RP-R'`);

    // The same grants for both members: the whole inspection office may read these fields of every unit.
    const xcb = await agencyId(hub, 'xcb');
    for (const [typeName, fields] of [
      ['StationedGroup', ['notes']],
      ['AuditStats', ['totalAmount']],
      ['Cadre', ['petitions', 'sanctions', 'auditProjects']],
    ] as const) {
      await grant(hub, { subjectKind: 'AGENCY', subjectValue: xcb, typeName, fields, effect: 'ALLOW', scopeKind: 'ALL_UNITS', purpose: '回避测试：全市可读' });
    }
  }, 120_000);
  afterAll(() => hub?.stop());

  it('a stationed group’s notes, through the unit and through the root list, for any group supervising the tied unit', async () => {
    const q = `query($c: String!) { unitByCreditCode(creditCode: $c) { stationedGroups { id notes } } stationedGroups { id notes } }`;
    const recused = await as('xcb-member-recused', q, { c: tied });
    const member = await as('xcb-member', q, { c: tied });
    // xcb-member is recused from its own home region (990107): only this file's groups matter here.
    const [{ notes }] = await sql('discipline', 'SELECT notes FROM discipline.stationed_group WHERE id = $1', [groupId]);
    expect(notes).toBeTruthy();
    expect(member.data.stationedGroups.find((g: { id: string }) => g.id === groupId).notes).toBe(notes);
    expect(member.data.unitByCreditCode.stationedGroups.find((g: { id: string }) => g.id === groupId).notes).toBe(notes);

    expect(recused.data.unitByCreditCode.stationedGroups.every((g: { notes: string | null }) => g.notes === null)).toBe(true);
    expect(recused.data.stationedGroups.find((g: { id: string }) => g.id === groupId).notes).toBeNull();
    // A group that does not supervise the tied unit stays readable: recusal is about the unit, not the type.
    expect(recused.data.stationedGroups.find((g: { id: string }) => g.id === otherGroupId).notes).not.toBeNull();
    expect(forbiddenAt(recused)).toEqual(expect.arrayContaining(['stationedGroups.*.notes', 'unitByCreditCode.stationedGroups.*.notes']));
    // The tied unit's groups are denials on top of the member's own; the other group's notes stay readable (above).
    expect(denials(recused)['stationedGroups.*.notes']).toBeGreaterThan(denials(member)['stationedGroups.*.notes'] ?? 0);
    expect(JSON.stringify(recused)).not.toContain(notes);
  });

  it('the audit figures of the tied unit: the total is refused, the counts stay', async () => {
    const q = `query($c: String!) { unitByCreditCode(creditCode: $c) { auditStats { findings totalAmount } } }`;
    const member = await as('xcb-member', q, { c: tied });
    const recused = await as('xcb-member-recused', q, { c: tied });
    const [{ total }] = await sql('audit', 'SELECT coalesce(sum(amount), 0.00)::text AS total FROM audit.audit_finding WHERE unit_credit_code = $1', [tied]);
    expect(member.data.unitByCreditCode.auditStats.totalAmount).toBe(total);
    expect(recused.data.unitByCreditCode.auditStats).toEqual({ findings: expect.any(Number), totalAmount: null });
    expect(forbiddenAt(recused)).toEqual(['unitByCreditCode.auditStats.totalAmount']);
  });

  it('an inspector who works in the tied unit: the office owns the talent pool, and recusal still wins', async () => {
    const q = `{ inspectors(first: 10, skill: "回避测试") { nodes { name homeRegionCode currentEmployerCreditCode pastEmployerCreditCodes } } }`;
    const member = await as('xcb-member', q);
    const recused = await as('xcb-member-recused', q);
    expect(member.data.inspectors.nodes).toEqual([{ name: '回避测试员', homeRegionCode: '990101', currentEmployerCreditCode: tied, pastEmployerCreditCodes: [] }]);
    expect(recused.data.inspectors.nodes).toEqual([{ name: '回避测试员', homeRegionCode: null, currentEmployerCreditCode: null, pastEmployerCreditCodes: null }]);
    expect(forbiddenAt(recused)).toEqual(['homeRegionCode', 'currentEmployerCreditCode', 'pastEmployerCreditCodes'].map((f) => `inspectors.nodes.*.${f}`).sort());
  });

  it('the recusal flags of a team inspecting the tied unit', async () => {
    const q = `query($r: UUID!) { round(id: $r) { teams { id recusalFlags { unitCreditCode reasons } } } }`;
    const [{ round_id: roundId }] = await sql('inspection', 'SELECT round_id FROM inspection.inspection_team WHERE id = $1', [teamId]);
    const office = await as('xcb-office', q, { r: roundId });
    const recused = await as('xcb-member-recused', q, { r: roundId });
    expect(office.data.round.teams).toEqual([{ id: teamId, recusalFlags: [{ unitCreditCode: tied, reasons: ['CURRENT_EMPLOYER'] }] }]);
    expect(recused.data.round.teams).toEqual([{ id: teamId, recusalFlags: null }]);
    expect(forbiddenAt(recused)).toEqual(['round.teams.*.recusalFlags']);
  });

  it('what petition, discipline and audit add to a cadre of the tied unit, found through organization', async () => {
    const q = `query($id: UUID!) { cadre(id: $id) { id petitions(first: 5) { totalCount } sanctions { id } auditProjects { id } } }`;
    const member = await as('xcb-member', q, { id: cadreId });
    expect(member.errors).toBeUndefined();
    expect(member.data.cadre.petitions.totalCount).toEqual(expect.any(Number));
    expect([member.data.cadre.sanctions, member.data.cadre.auditProjects].every(Array.isArray)).toBe(true);
    const recused = await as('xcb-member-recused', q, { id: cadreId });
    expect(recused.data.cadre).toEqual({ id: cadreId, petitions: null, sanctions: null, auditProjects: null });
    expect(forbiddenAt(recused)).toEqual(['cadre.auditProjects', 'cadre.petitions', 'cadre.sanctions']);
    // A cadre elsewhere: the same member reads the same fields.
    const elsewhere = await as('xcb-member-recused', q, { id: otherCadreId });
    expect(elsewhere.errors).toBeUndefined();
    expect(Array.isArray(elsewhere.data.cadre.sanctions)).toBe(true);
  });

  it('the same through the unit’s leadership team, and every refusal is FORBIDDEN on the field only', async () => {
    const q = `query($c: String!) { unitByCreditCode(creditCode: $c) { name leadershipTeam { id sanctions { id } } } }`;
    const recused = await as('xcb-member-recused', q, { c: tied });
    expect(recused.data.unitByCreditCode.name).toEqual(expect.any(String));
    const team = recused.data.unitByCreditCode.leadershipTeam as { id: string; sanctions: unknown }[];
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((c) => c.sanctions === null)).toBe(true);
    expect(codes(recused).every((c) => c === 'FORBIDDEN')).toBe(true);
  });
});
