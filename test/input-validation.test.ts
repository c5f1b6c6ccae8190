import { createServer } from 'node:net';
import { creditCodeCheckChar } from '../src/common/codes';
import { peerHeaders } from './support/tokens';
import { startHub, type Hub } from '../src/hub';
import { codes, gql, startTestHub, type GqlResult, type TestHub } from './support/hub';

const NO_CADRE = '00000000-0000-4000-8000-0000000000c1';
const recordErrorFields = (res: GqlResult) => ((res.errors?.[0]?.extensions?.recordErrors ?? []) as { index: number; field: string }[]).map((e) => `${e.index}:${e.field}`).sort();

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('input reaching the hub: ids and references (through the gateway)', () => {
  let hub: TestHub;
  let office: string;
  let unknownUnit: string;
  let units: string[];
  let cadres: string[];
  const count = async (subgraph: string, sql: string, params: unknown[] = []) => (await hub.sources.get(subgraph)!.query(sql, params))[0].n as number;

  beforeAll(async () => {
    hub = await startTestHub();
    office = await hub.token('xcb-office');
    const rows: { credit_code: string; cadre_id: string }[] = await hub.sources.get('organization')!.query(
      `SELECT u.credit_code, min(c.id::text) AS cadre_id FROM organization.inspected_unit u JOIN organization.cadre c ON c.unit_id = u.id
        GROUP BY u.credit_code ORDER BY u.credit_code LIMIT 40`,
    );
    units = rows.map((r) => r.credit_code);
    cadres = rows.map((r) => r.cadre_id);
    // A well-formed credit code (check character right) of no unit in the hub.
    const first17 = '11990102999999901';
    unknownUnit = first17 + creditCodeCheckChar(first17);
  });
  afterAll(() => hub?.stop());

  describe('hub ids are UUIDs at the schema boundary', () => {
    it('inspectionStatistics(roundId: "") is a 400 BAD_USER_INPUT naming the argument, not a SQL error', async () => {
      for (const [query, variables] of [
        ['{ inspectionStatistics(roundId: "") { clues } }', undefined],
        ['query($r: UUID) { inspectionStatistics(roundId: $r) { clues } }', { r: '' }],
        ['query($t: UUID) { inspectionStatistics(teamId: $t) { clues } }', { t: 'team-1' }],
      ] as const) {
        const res = await gql(hub.url, office, query, variables);
        expect({ query, status: res.status, codes: codes(res) }).toEqual({ query, status: 400, codes: ['BAD_USER_INPUT'] });
        expect(res.errors![0].message).toMatch(/"(roundId|teamId)" of "inspectionStatistics"/);
        expect(res.errors![0].message).not.toMatch(/invalid input syntax/);
      }
    });

    it('every other argument and input field carrying a hub id refuses a malformed one the same way, literal or variable, naming where', async () => {
      const cases: [string, Record<string, unknown> | undefined, RegExp][] = [
        ['{ round(id: "1") { name } }', undefined, /Argument "id" of "round"/],
        ['{ cadre(id: "张三") { name } }', undefined, /Argument "id" of "cadre"/],
        ['query($id: UUID!) { petition(id: $id) { id } }', { id: "1' OR '1'='1" }, /Variable "\$id" \(argument "id" of "petition"\)/],
        ['query($g: UUID!) { grantHistory(grantId: $g) { action } }', { g: '' }, /"grantId" of "grantHistory"/],
        ['query($r: UUID) { dataRequests(roundId: $r) { totalCount } }', { r: 'round-2026' }, /"roundId" of "dataRequests"/],
        ['mutation { overrideRecusal(teamId: "t", inspectorId: "i", unitCreditCode: "x", justification: "因工作需要") }', undefined, /"teamId" of "overrideRecusal"/],
        ['mutation { recordFastTrackClue(input: { roundId: "", unitCreditCode: "x", summary: "s", details: "d", discoveredDate: "2026-01-05" }) { id } }', undefined, /Argument "input\.roundId" of "recordFastTrackClue"/],
        [
          'mutation($r: [PetitionInput!]!) { publishPetitions(records: $r) { created } }',
          { r: [{ externalId: 'X-1', channel: 'LETTER', receivedDate: '2026-01-05', anonymous: true, unitCreditCode: 'x', cadreId: 'not-a-uuid', category: 'OTHER', summary: 's', content: 'c', status: 'RECEIVED' }] },
          /Variable "\$r" at r\[0\]\.cadreId \(argument "records" of "publishPetitions"\)/,
        ],
      ];
      for (const [query, variables, where] of cases) {
        const res = await gql(hub.url, await hub.token('admin'), query, variables);
        expect({ query, status: res.status, codes: codes(res) }).toEqual({ query, status: 400, codes: ['BAD_USER_INPUT'] });
        expect(res.errors![0].message).toMatch(where);
        expect(res.errors![0].message).toMatch(/is not a hub id \(UUID\)/);
      }
    });

    it('declares no argument or input field as ID: every hub id a client sends is a UUID', async () => {
      const res = await gql(
        hub.url,
        office,
        `{ __schema { types { name kind fields { name args { name type { ...T } } } inputFields { name type { ...T } } } } }
         fragment T on __Type { name ofType { name ofType { name ofType { name } } } }`,
      );
      type T = { name: string | null; ofType: T | null };
      const named = (t: T): string => t.name ?? named(t.ofType!);
      const inputs: { at: string; name: string; type: string }[] = [];
      for (const type of res.data.__schema.types as { name: string; fields: { name: string; args: { name: string; type: T }[] }[] | null; inputFields: { name: string; type: T }[] | null }[]) {
        if (type.name.startsWith('__')) continue;
        for (const f of type.fields ?? []) for (const a of f.args) inputs.push({ at: `${type.name}.${f.name}(${a.name})`, name: a.name, type: named(a.type) });
        for (const f of type.inputFields ?? []) inputs.push({ at: `${type.name}.${f.name}`, name: f.name, type: named(f.type) });
      }
      expect(inputs.filter((i) => i.type === 'ID')).toEqual([]);
      // Names ending in Id carry hub ids, except the agencies' own external ids, resident ID
      // numbers and the audit trail's record filter (a text match on whatever id a record had).
      const notHub = /externalId$|ExternalIds?$|^recordId$|^residentId$/i;
      expect(inputs.filter((i) => /(^id|Id|Ids)$/.test(i.name) && !notHub.test(i.name) && i.type !== 'UUID')).toEqual([]);
      expect(inputs.filter((i) => i.type === 'UUID').length).toBeGreaterThan(25);
    });
  });

  describe('references a batch names must exist in organization', () => {
    const anonymous = (n: number, extra: Record<string, unknown> = {}) => ({
      externalId: `REF-XF-${n}`,
      channel: 'LETTER',
      receivedDate: '2026-01-05',
      anonymous: true,
      unitCreditCode: units[n % units.length],
      cadreId: cadres[n % cadres.length],
      category: 'OTHER',
      summary: '反映某单位问题',
      content: '详细内容',
      status: 'RECEIVED',
      ...extra,
    });
    const PETITIONS = `mutation($r: [PetitionInput!]!) { publishPetitions(records: $r) { created } }`;

    it('a petition naming no cadre or no unit the hub holds rejects the batch, naming record and field, and writes nothing', async () => {
      const res = await gql(hub.url, await hub.token('xfj-system'), PETITIONS, {
        r: [anonymous(1), anonymous(2, { cadreId: NO_CADRE }), anonymous(3, { unitCreditCode: unknownUnit }), anonymous(4, { cadreId: null })],
      });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.recordErrors).toEqual([
        { index: 1, externalId: 'REF-XF-2', field: 'cadreId', message: expect.stringContaining(NO_CADRE) },
        { index: 2, externalId: 'REF-XF-3', field: 'unitCreditCode', message: expect.stringContaining(unknownUnit) },
      ]);
      expect(await count('petition', `SELECT count(*)::int AS n FROM petition.petition WHERE external_id LIKE 'REF-XF-%'`)).toBe(0);
      const fixed = await gql(hub.url, await hub.token('xfj-system'), PETITIONS, { r: [anonymous(1), anonymous(2), anonymous(3), anonymous(4, { cadreId: null })] });
      expect(fixed.data.publishPetitions).toEqual({ created: 4 });
    });

    it('every other publish mutation checks the units and cadres its records name', async () => {
      const [unit, cadre] = [units[0], cadres[0]];
      const cases: { login: string; mutation: string; records: unknown[]; fields: string[]; table: string; prefix: string }[] = [
        {
          login: 'xfj-system',
          mutation: 'publishPublicOpinions(records: $r: [PublicOpinionInput!]!)',
          records: [{ externalId: 'REF-YQ-1', unitCreditCode: unknownUnit, source: '明湖新闻网', publishedDate: '2026-01-05', title: '标题', summary: '摘要', sentiment: 'NEUTRAL' }],
          fields: ['0:unitCreditCode'],
          table: 'petition.public_opinion_item',
          prefix: 'REF-YQ-',
        },
        {
          login: 'jw-system',
          mutation: 'publishClues(records: $r: [ClueInput!]!)',
          records: [
            { externalId: 'REF-XS-1', source: 'PETITION', subjectUnitCreditCode: unknownUnit, subjectCadreId: cadre, summary: '线索', receivedDate: '2026-01-05', status: 'RECEIVED' },
            { externalId: 'REF-XS-2', source: 'PETITION', subjectUnitCreditCode: unit, subjectCadreId: NO_CADRE, summary: '线索', receivedDate: '2026-01-05', status: 'RECEIVED' },
          ],
          fields: ['0:subjectUnitCreditCode', '1:subjectCadreId'],
          table: 'discipline.problem_clue',
          prefix: 'REF-XS-',
        },
        {
          login: 'jw-system',
          mutation: 'publishSanctions(records: $r: [SanctionInput!]!)',
          records: [{ externalId: 'REF-CF-1', cadreId: NO_CADRE, unitCreditCode: unknownUnit, kind: 'PARTY', level: 'WARNING', decidedDate: '2025-06-01', reason: '违规收受礼金' }],
          fields: ['0:cadreId', '0:unitCreditCode'],
          table: 'discipline.sanction',
          prefix: 'REF-CF-',
        },
        {
          login: 'jw-system',
          mutation: 'publishStationedGroups(records: $r: [StationedGroupInput!]!)',
          records: [{ externalId: 'REF-PZ-1', name: '测试派驻组', leaderName: '陈立新', supervisedUnitCreditCodes: [unit, unknownUnit] }],
          fields: ['0:supervisedUnitCreditCodes[1]'],
          table: 'discipline.stationed_group',
          prefix: 'REF-PZ-',
        },
        {
          login: 'sj-system',
          mutation: 'publishAuditProjects(records: $r: [AuditProjectInput!]!)',
          records: [
            { externalId: 'REF-SJ-1', title: '审计', kind: 'DEPARTURE', periodStart: '2023-01-01', periodEnd: '2023-12-31', reportDate: '2024-02-01', auditedUnitCreditCode: unknownUnit, auditedCadreId: NO_CADRE },
          ],
          fields: ['0:auditedCadreId', '0:auditedUnitCreditCode'],
          table: 'audit.audit_project',
          prefix: 'REF-SJ-',
        },
        {
          login: 'xcb-system',
          mutation: 'publishRounds(records: $r: [InspectionRoundInput!]!)',
          records: [
            { externalId: 'REF-LC-1', name: '测试轮次', kind: 'SPECIAL', mode: 'LOCAL', startDate: '2027-03-01', endDate: '2027-04-30', status: 'PLANNED', teams: [{ name: '第一组', leaderExternalId: 'REF-NOBODY', unitCreditCodes: [unit, unknownUnit] }] },
          ],
          fields: ['0:teams[0].leaderExternalId', '0:teams[0].unitCreditCodes[1]'],
          table: 'inspection.inspection_round',
          prefix: 'REF-LC-',
        },
        {
          login: 'xcb-system',
          mutation: 'publishFindings(records: $r: [InspectionFindingInput!]!)',
          records: [
            {
              externalId: 'REF-WT-1',
              roundExternalId: 'REF-NO-ROUND',
              unitCreditCode: unknownUnit,
              category: 'INTEGRITY',
              description: '问题',
              severity: 'LOW',
              rectificationItems: [{ measures: '整改', responsibleUnitCreditCode: unknownUnit, responsibleCadreId: NO_CADRE, deadline: '2027-01-01', status: 'OPEN' }],
            },
          ],
          fields: ['0:roundExternalId', '0:unitCreditCode', '0:rectificationItems[0].responsibleUnitCreditCode', '0:rectificationItems[0].responsibleCadreId'],
          table: 'inspection.inspection_finding',
          prefix: 'REF-WT-',
        },
      ];
      for (const c of cases) {
        const [name, rest] = c.mutation.split('(records: ');
        const type = rest.slice(4, -1);
        const res = await gql(hub.url, await hub.token(c.login), `mutation($r: ${type}) { ${name}(records: $r) { created } }`, { r: c.records });
        expect({ mutation: name, codes: codes(res), fields: recordErrorFields(res) }).toEqual({ mutation: name, codes: ['BAD_USER_INPUT'], fields: [...c.fields].sort() });
        expect(await count(c.table.split('.')[0], `SELECT count(*)::int AS n FROM ${c.table} WHERE external_id LIKE $1`, [`${c.prefix}%`])).toBe(0);
      }
    });

    it('asks organization once per batch: 40 records cost the statements one does, and every unknown reference is named', async () => {
      const xfj = await hub.token('xfj-system');
      const statements = async (records: unknown[]) => {
        const res = await gql(hub.url, xfj, PETITIONS, { r: records });
        expect(res.errors).toBeUndefined();
        return res.extensions!.sqlStatements as number;
      };
      const one = await statements([anonymous(100)]);
      const forty = await statements(Array.from({ length: 40 }, (_, i) => anonymous(200 + i)));
      expect(forty).toBe(one);

      const bad = await gql(hub.url, xfj, PETITIONS, { r: Array.from({ length: 40 }, (_, i) => anonymous(300 + i, { cadreId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })) });
      expect(recordErrorFields(bad)).toEqual(Array.from({ length: 40 }, (_, i) => `${i}:cadreId`).sort());
    });

    it('the reference check is hub-internal: not in the gateway schema, and refused at organization without the peer mark', async () => {
      const viaGateway = await gql(hub.url, office, '{ unknownReferences(unitCreditCodes: [], cadreIds: []) { cadreIds } }');
      expect(codes(viaGateway)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

      const org = hub.subgraphs.get('organization')!;
      const authorization = await hub.token('xfj-system');
      const ask = async (via?: string) => {
        const contextValue = await org.contextFromHeaders(via ? await peerHeaders(hub.config, via, 'organization', authorization) : { authorization });
        const res = await org.server.executeOperation(
          { query: 'query($u: [String!]!, $c: [UUID!]!) { unknownReferences(unitCreditCodes: $u, cadreIds: $c) { unitCreditCodes cadreIds } }', variables: { u: [units[0], unknownUnit], c: [cadres[0], NO_CADRE] } },
          { contextValue },
        );
        return res.body.kind === 'single' ? res.body.singleResult : null;
      };
      expect((await ask())?.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect((await ask('petition'))?.data).toEqual({ unknownReferences: { unitCreditCodes: [unknownUnit], cadreIds: [NO_CADRE] } });
    });
  });

  describe('when organization cannot be reached', () => {
    let remote: Hub;
    beforeAll(async () => {
      remote = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false, remoteSubgraphs: { organization: `http://127.0.0.1:${await deadPort()}/graphql` } });
    });
    afterAll(() => remote?.stop());

    it('a publish answers SERVICE_UNAVAILABLE and writes nothing; an invalid batch still gets its record errors', async () => {
      const xfj = await hub.token('xfj-system');
      const record = { externalId: 'REF-DOWN-1', channel: 'LETTER', receivedDate: '2026-01-05', anonymous: true, unitCreditCode: units[0], category: 'OTHER', summary: '摘要', content: '内容', status: 'RECEIVED' };
      const res = await gql(remote.url, xfj, `mutation($r: [PetitionInput!]!) { publishPetitions(records: $r, batchKey: "down-1") { created } }`, { r: [record] });
      expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(res.errors![0].message).not.toMatch(/127\.0\.0\.1|:\d{2,5}\b|ECONNREFUSED|fetch/);
      expect(await count('petition', `SELECT count(*)::int AS n FROM petition.petition WHERE external_id = 'REF-DOWN-1'`)).toBe(0);
      // The batch key was not burnt: the same batch goes through once organization answers.
      expect((await gql(hub.url, xfj, `mutation($r: [PetitionInput!]!) { publishPetitions(records: $r, batchKey: "down-1") { created replayed } }`, { r: [record] })).data.publishPetitions).toEqual({ created: 1, replayed: false });

      const invalid = await gql(remote.url, xfj, `mutation($r: [PetitionInput!]!) { publishPetitions(records: $r) { created } }`, { r: [{ ...record, externalId: 'REF-DOWN-2', summary: ' ' }] });
      expect({ codes: codes(invalid), fields: recordErrorFields(invalid) }).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['0:summary'] });
    });
  });
});
