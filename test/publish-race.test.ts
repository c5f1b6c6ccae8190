import { creditCodeCheckChar } from '../src/common/codes';
import { retryTransient } from '../src/common/retry';
import { codes, gql, startTestHub, type GqlResult, type TestHub } from './support/hub';

/** A small seeded generator: the same "random" batches on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Batch `b` of `n`: a random half of the external ids or more, in random order. */
function batches<T>(ids: T[], n: number, seed: number): T[][] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => {
    const picked = ids.filter(() => rand() < 0.6);
    for (let i = picked.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [picked[i], picked[j]] = [picked[j], picked[i]];
    }
    return picked.length ? picked : [ids[0]];
  });
}

const unitCode = (serial: number) => {
  const first17 = `11990102${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

const CONCURRENT = 20;

describe('publishing batches at the same moment (through the gateway)', () => {
  let hub: TestHub;
  let units: string[];
  let cadres: string[];
  const db = (name: string) => hub.sources.get(name)!;

  beforeAll(async () => {
    hub = await startTestHub();
    const rows: { credit_code: string; cadre_id: string }[] = await db('organization').query(
      `SELECT u.credit_code, min(c.id::text) AS cadre_id FROM organization.inspected_unit u JOIN organization.cadre c ON c.unit_id = u.id
        GROUP BY u.credit_code ORDER BY u.credit_code LIMIT 8`,
    );
    units = rows.map((r) => r.credit_code);
    cadres = rows.map((r) => r.cadre_id);
  });
  afterAll(() => hub?.stop());

  /** Sends every batch at once and returns the answers in batch order. */
  const race = async (token: string, mutation: string, recordsOf: (b: number) => unknown[]) =>
    Promise.all(Array.from({ length: CONCURRENT }, (_, b) => gql(hub.url, token, mutation, { records: recordsOf(b), batchKey: `race-${b}` })));

  const noErrors = (answers: GqlResult[]) => expect(answers.map((a, b) => ({ b, errors: a.errors }))).toEqual(answers.map((_, b) => ({ b, errors: undefined })));

  it('20 petition batches over overlapping records in random order all succeed, leaving one row per record from one of the versions', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `RACE-XF-${String(i).padStart(2, '0')}`);
    const plan = batches(ids, CONCURRENT, 7);
    const petition = (externalId: string, b: number) => {
      const n = ids.indexOf(externalId);
      return {
        externalId,
        channel: 'LETTER',
        receivedDate: '2025-04-01',
        anonymous: true,
        unitCreditCode: units[n % units.length],
        cadreId: cadres[(n + b) % cadres.length],
        category: 'INTEGRITY_DISCIPLINE',
        summary: `第${b}版摘要`,
        content: `第${b}版内容`,
        status: b % 2 ? 'HANDLING' : 'RECEIVED',
      };
    };
    const answers = await race(
      await hub.token('xfj-system'),
      `mutation($records: [PetitionInput!]!, $batchKey: String) { publishPetitions(records: $records, batchKey: $batchKey) { received created updated unchanged } }`,
      (b) => plan[b].map((id) => petition(id, b)),
    );
    noErrors(answers);
    answers.forEach((a, b) => expect(a.data.publishPetitions.received).toBe(plan[b].length));

    const published = new Set(plan.flat());
    const rows: { external_id: string; n: number; summary: string; content: string; status: string; cadre_id: string }[] = await db('petition').query(
      `SELECT external_id, count(*) OVER (PARTITION BY external_id)::int AS n, summary, content, status, cadre_id FROM petition.petition WHERE external_id LIKE 'RACE-XF-%'`,
    );
    expect(rows.length).toBe(published.size);
    for (const row of rows) {
      expect({ id: row.external_id, n: row.n }).toEqual({ id: row.external_id, n: 1 });
      // The whole row is one version, sent by a batch that held this record.
      const b = Number(/^第(\d+)版摘要$/.exec(row.summary)?.[1]);
      expect(plan[b]).toContain(row.external_id);
      const sent = petition(row.external_id, b);
      expect({ content: row.content, status: row.status, cadre: row.cadre_id }).toEqual({ content: sent.content, status: sent.status, cadre: sent.cadreId });
    }
  });

  it('the same holds for records with child rows: audit projects with findings and stationed groups with their units', async () => {
    const projectIds = Array.from({ length: 12 }, (_, i) => `RACE-SJ-${String(i).padStart(2, '0')}`);
    const projectPlan = batches(projectIds, CONCURRENT, 11);
    const project = (externalId: string, b: number) => ({
      externalId,
      title: `第${b}版审计项目`,
      kind: 'BUDGET_EXECUTION',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      reportDate: '2024-03-15',
      auditedUnitCreditCode: units[projectIds.indexOf(externalId) % units.length],
      findings: Array.from({ length: 1 + (b % 3) }, (_, k) => ({
        category: 'FUND_MISUSE',
        description: `第${b}版发现${k}`,
        amount: `${b}.0${k}`,
        severity: 'MEDIUM',
        rectificationStatus: 'IN_PROGRESS',
      })),
    });
    const groupIds = Array.from({ length: 8 }, (_, i) => `RACE-PZ-${i}`);
    const groupPlan = batches(groupIds, CONCURRENT, 13);
    const groupUnits = (externalId: string, b: number) => units.filter((_, k) => (k + b + groupIds.indexOf(externalId)) % 3 !== 0);
    const group = (externalId: string, b: number) => ({
      externalId,
      name: `派驻${externalId}`,
      leaderName: '陈立新',
      notes: `第${b}版`,
      supervisedUnitCreditCodes: groupUnits(externalId, b),
    });

    const [projects, groups] = await Promise.all([
      race(
        await hub.token('sj-system'),
        `mutation($records: [AuditProjectInput!]!, $batchKey: String) { publishAuditProjects(records: $records, batchKey: $batchKey) { received } }`,
        (b) => projectPlan[b].map((id) => project(id, b)),
      ),
      race(
        await hub.token('jw-system'),
        `mutation($records: [StationedGroupInput!]!, $batchKey: String) { publishStationedGroups(records: $records, batchKey: $batchKey) { received } }`,
        (b) => groupPlan[b].map((id) => group(id, b)),
      ),
    ]);
    noErrors(projects);
    noErrors(groups);

    const projectRows: { id: string; external_id: string; title: string }[] = await db('audit').query(
      `SELECT id, external_id, title FROM audit.audit_project WHERE external_id LIKE 'RACE-SJ-%'`,
    );
    expect(projectRows.map((r) => r.external_id).sort()).toEqual([...new Set(projectPlan.flat())].sort());
    for (const p of projectRows) {
      const b = Number(/^第(\d+)版/.exec(p.title)?.[1]);
      expect(projectPlan[b]).toContain(p.external_id);
      const findings = await db('audit').query(`SELECT description, amount::text AS amount FROM audit.audit_finding WHERE project_id = $1 ORDER BY seq`, [p.id]);
      expect(findings).toEqual(project(p.external_id, b).findings.map((f) => ({ description: f.description, amount: `${Number(f.amount).toFixed(2)}` })));
    }

    const groupRows: { id: string; external_id: string; notes: string }[] = await db('discipline').query(
      `SELECT id, external_id, notes FROM discipline.stationed_group WHERE external_id LIKE 'RACE-PZ-%'`,
    );
    expect(groupRows.map((r) => r.external_id).sort()).toEqual([...new Set(groupPlan.flat())].sort());
    for (const g of groupRows) {
      const b = Number(/^第(\d+)版$/.exec(g.notes)?.[1]);
      expect(groupPlan[b]).toContain(g.external_id);
      const held = await db('discipline').query(`SELECT unit_credit_code::text AS code FROM discipline.stationed_group_unit WHERE group_id = $1 ORDER BY 1`, [g.id]);
      expect(held.map((r: { code: string }) => r.code)).toEqual([...groupUnits(g.external_id, b)].sort());
    }
  });

  it('units racing for one credit code under different external ids: one is created, the others get a clear error, never an internal one', async () => {
    const zzb = await hub.token('zzb-system');
    const code = unitCode(9100);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gql(hub.url, zzb, `mutation($r: [UnitInput!]!) { publishUnits(records: $r) { created } }`, {
          r: [{ externalId: `RACE-DW-${i}`, creditCode: code, name: `抢注单位${i}`, kind: 'PUBLIC_INSTITUTION', regionCode: '990102' }],
        }),
      ),
    );
    expect(answers.filter((a) => a.data?.publishUnits?.created === 1)).toHaveLength(1);
    for (const a of answers.filter((x) => x.errors)) {
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codes(a)[0]);
      expect(a.errors![0].message).not.toMatch(/duplicate key|constraint|violates|IDX_/i);
    }
    const [{ n }] = await db('organization').query(`SELECT count(*)::int AS n FROM organization.inspected_unit WHERE credit_code = $1`, [code]);
    expect(n).toBe(1);
  });

  it('two batches each naming the other unit as parent never close a cycle together', async () => {
    const zzb = await hub.token('zzb-system');
    const PUBLISH = `mutation($r: [UnitInput!]!) { publishUnits(records: $r) { created updated } }`;
    // Two pairs: four batches waiting at once, with the holder below, fill the subgraph's pool of 5.
    const pairs = Array.from({ length: 2 }, (_, i) => [unitCode(9200 + 2 * i), unitCode(9201 + 2 * i)] as const);
    const unit = (code: string, parent: string | null) => ({ externalId: `RACE-${code}`, creditCode: code, name: `层级单位${code.slice(-4)}`, kind: 'PUBLIC_INSTITUTION', regionCode: '990102', parentCreditCode: parent });
    const setup = await gql(hub.url, zzb, PUBLISH, { r: pairs.flatMap(([a, b]) => [unit(a, null), unit(b, null)]) });
    expect(setup.errors).toBeUndefined();

    // Hold the rows until every batch waits for them, so that all of them go on at the same moment.
    const holder = db('organization').createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let answers: GqlResult[];
    try {
      await holder.query('SELECT id FROM organization.inspected_unit WHERE credit_code = ANY($1) FOR UPDATE', [pairs.flat()]);
      const sent = Promise.all(pairs.flatMap(([a, b]) => [gql(hub.url, zzb, PUBLISH, { r: [unit(a, b)] }), gql(hub.url, zzb, PUBLISH, { r: [unit(b, a)] })]));
      for (let waited = 0; waited < 200; waited++) {
        // Asked outside the holding transaction, which would see a snapshot of the activity view.
        const [{ n }] = await db('access').query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (n >= 2 * pairs.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await holder.commitTransaction();
      answers = await sent;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    for (let i = 0; i < pairs.length; i++) {
      const [first, second] = [answers[2 * i], answers[2 * i + 1]];
      // One of the two links is made; the other is refused naming the cycle.
      expect([first, second].filter((a) => a.data?.publishUnits?.updated === 1)).toHaveLength(1);
      const refused = first.errors ? first : second;
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions!.recordErrors[0]).toMatchObject({ field: 'parentCreditCode', message: expect.stringContaining('leads back') });
    }
    const cycles = await db('organization').query(
      `SELECT u.credit_code FROM organization.inspected_unit u JOIN organization.inspected_unit p ON p.id = u.parent_unit_id WHERE p.parent_unit_id = u.id`,
    );
    expect(cycles).toEqual([]);
  });
});

describe('retryTransient (the retry behind every publish)', () => {
  const failure = (code: string) => Object.assign(new Error(`SQL failure ${code}`), { driverError: { code } });

  it('runs a transaction PostgreSQL rolled back as a deadlock or serialization failure again', async () => {
    let calls = 0;
    const result = await retryTransient(async () => {
      calls++;
      if (calls <= 2) throw failure(calls === 1 ? '40P01' : '40001');
      return 'written';
    }, { baseDelayMs: 1 });
    expect({ result, calls }).toEqual({ result: 'written', calls: 3 });
  });

  it('gives up after a bounded number of attempts with a retryable CONFLICT that carries no SQL text', async () => {
    let calls = 0;
    const err = await retryTransient(async () => {
      calls++;
      throw failure('40P01');
    }, { attempts: 4, baseDelayMs: 1 }).catch((e) => e);
    expect(calls).toBe(4);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', retryable: true });
    expect(err.message).not.toMatch(/SQL|deadlock/i);
  });

  it('passes any other failure through at once', async () => {
    let calls = 0;
    const err = await retryTransient(async () => {
      calls++;
      throw failure('23503');
    }, { baseDelayMs: 1 }).catch((e) => e);
    expect({ calls, message: err.message }).toEqual({ calls: 1, message: 'SQL failure 23503' });
  });
});
