import { gql, startTestHub, type TestHub } from './support/hub';
import { daysFromToday, today } from './support/rounds';

/**
 * The provider's inbox and the office's request list put what is overdue first, and the
 * server does it over every page: a browser sorting only the page it received would
 * leave an old overdue request on a later page.
 */
const PAGE = `query($status: DataRequestStatus, $order: DataRequestOrder, $first: Int, $after: String) {
  dataRequests(status: $status, order: $order, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id status dueDate providerAgencyKind } }
}`;
type Row = { id: string; status: string; dueDate: string; providerAgencyKind: string };

describe('data requests, overdue first (逾期在前)', () => {
  let hub: TestHub;
  let late: string; // the oldest PENDING request of the petition bureau, past its due date
  let answered: string; // an answered request whose due date passed even earlier: not overdue
  const all = async (login: string, variables: Record<string, unknown>) => {
    const token = await hub.token(login);
    const pages: Row[][] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res = await gql(hub.url, token, PAGE, { first: 2, ...variables, after });
      expect(res.errors).toBeUndefined();
      const page: any = res.data.dataRequests;
      total = page.totalCount;
      pages.push(page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const rows = pages.flat();
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows).toHaveLength(total);
    return { pages, rows };
  };
  const overdue = (r: Row) => r.status === 'PENDING' && r.dueDate < today();

  beforeAll(async () => {
    hub = await startTestHub();
    // The demo requests, made one minute apart, none due yet; then the oldest pending one of the
    // petition bureau falls overdue (and becomes the oldest of all), and an answered one is given an even earlier, past due date.
    const rows: { id: string; status: string; kind: string }[] = await hub.superuser(
      'SELECT id, status, provider_agency_kind AS kind FROM access.data_request ORDER BY created_at, id',
    );
    for (const [i, r] of rows.entries()) {
      await hub.superuser(`UPDATE access.data_request SET created_at = now() - make_interval(mins => $2::int), due_date = $3 WHERE id = $1`, [r.id, rows.length - i, daysFromToday(10 + (i % 3))]);
    }
    late = rows.find((r) => r.status === 'PENDING' && r.kind === 'PETITION_BUREAU')!.id;
    answered = rows.find((r) => r.status !== 'PENDING')!.id;
    await hub.superuser(`UPDATE access.data_request SET due_date = $2, created_at = now() - interval '1 day' WHERE id = $1`, [late, daysFromToday(-1)]);
    await hub.superuser('UPDATE access.data_request SET due_date = $2 WHERE id = $1', [answered, daysFromToday(-3)]);
  });
  afterAll(() => hub?.stop());

  it('puts PENDING requests past their due date first, then the earliest due, over every page', async () => {
    const newest = await all('xcb-office', {});
    expect(newest.pages.length).toBeGreaterThan(2);
    // Newest first, the old overdue request is on the last page: a page sorted in the browser would not show it.
    expect(newest.pages[newest.pages.length - 1].map((r) => r.id)).toContain(late);

    const { pages, rows } = await all('xcb-office', { order: 'OVERDUE_FIRST' });
    expect(pages[0][0].id).toBe(late);
    expect(rows.filter(overdue).map((r) => r.id)).toEqual([late]);
    // After the overdue: by due date, the answered one (due three days ago) at the head of the rest.
    expect(rows[1].id).toBe(answered);
    const keys = rows.map((r) => `${overdue(r) ? 0 : 1}${r.dueDate}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(newest.rows.map((r) => r.id)));
  });

  it('the provider’s inbox: its own requests, filtered by status on the server, the overdue one first', async () => {
    const newest = await all('xfj-officer', { status: 'PENDING', first: 1 });
    expect(newest.pages[0][0].id).not.toBe(late);
    const pending = await all('xfj-officer', { status: 'PENDING', order: 'OVERDUE_FIRST', first: 1 });
    expect(pending.pages.length).toBeGreaterThan(1);
    expect(pending.rows.every((r) => r.status === 'PENDING' && r.providerAgencyKind === 'PETITION_BUREAU')).toBe(true);
    expect(pending.rows[0].id).toBe(late);
    const [{ n }] = await hub.superuser(`SELECT count(*)::int AS n FROM access.data_request WHERE provider_agency_kind = 'PETITION_BUREAU' AND status = 'PENDING'`);
    expect(pending.rows).toHaveLength(n);

    const approved = await all('xfj-officer', { status: 'APPROVED', order: 'OVERDUE_FIRST' });
    expect(approved.rows.length).toBeGreaterThan(0);
    expect(approved.rows.every((r) => r.status === 'APPROVED')).toBe(true);
  });
});
