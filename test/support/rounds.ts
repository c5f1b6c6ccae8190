import { residentIdCheckChar } from '../../src/common/codes';
import { gql, type TestHub } from './hub';

/** Helpers for tests that publish rounds and answer their data requests, the way the office and the providers do. */
export const PUBLISH_INSPECTORS = `mutation($records: [InspectorInput!]!) { publishInspectors(records: $records) { received } }`;
export const PUBLISH_ROUNDS = `mutation($records: [InspectionRoundInput!]!, $batchKey: String) { publishRounds(records: $records, batchKey: $batchKey) { received replayed } }`;
export const APPROVE = `mutation($id: UUID!, $items: [ApprovalItemInput!]) { approveDataRequest(id: $id, items: $items) { id status approved { typeName effect maskStrategy grantId } } }`;
export const DECLINE = `mutation($id: UUID!, $reason: String!) { declineDataRequest(id: $id, reason: $reason) { id status declineReason } }`;
export const REQUESTS = `query($status: DataRequestStatus, $roundId: UUID, $overdue: Boolean) {
  dataRequests(status: $status, roundId: $roundId, overdue: $overdue, first: 100) { totalCount pageInfo { hasNextPage } nodes {
    id roundId teamId teamName unitCreditCode providerAgencyKind status dueDate purpose legalBasis
    items { entryId typeName fields notes }
    decidedBy decidedAt declineReason standingApprovalId withdrawnAt withdrawnBy
    approved { typeName fields effect maskStrategy grantId }
  } }
}`;

export interface Req {
  id: string;
  unitCreditCode: string;
  providerAgencyKind: string;
  status: string;
  teamId: string;
  dueDate: string;
  items: { entryId: string; typeName: string; fields: string[] }[];
  decidedBy: string | null;
  declineReason: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  standingApprovalId: string | null;
  approved: { typeName: string; effect: string; maskStrategy: string | null; grantId: string }[];
}

const DAY = 86_400_000;
/** Today in Beijing, and days from it, as YYYY-MM-DD. */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const daysFromToday = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A valid resident ID number, distinct per serial. */
export const residentId = (prefix14: string, serial: number) => {
  const first17 = `${prefix14}${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

export const findRequest = (list: Req[], kind: string, unit: string) => list.find((r) => r.providerAgencyKind === kind && r.unitCreditCode === unit)!;

export async function roundIdOf(hub: TestHub, externalId: string): Promise<string> {
  return (await hub.sources.get('inspection')!.query('SELECT id FROM inspection.inspection_round WHERE external_id = $1', [externalId]))[0].id;
}

/** Units of one county with petitions (with conclusions and summaries) and audit findings; those with sanctions first. */
export async function unitsWithRecords(hub: TestHub, county: string, n: number): Promise<{ code: string; sanctions: boolean }[]> {
  return hub.sources.get('access')!.query(
    `SELECT u.credit_code AS code, EXISTS (SELECT 1 FROM discipline.sanction s WHERE s.unit_credit_code = u.credit_code) AS sanctions
       FROM organization.inspected_unit u
      WHERE u.region_code LIKE $1
        AND EXISTS (SELECT 1 FROM petition.petition p WHERE p.unit_credit_code = u.credit_code AND p.conclusion IS NOT NULL AND p.summary IS NOT NULL)
        AND EXISTS (SELECT 1 FROM audit.audit_finding f WHERE f.unit_credit_code = u.credit_code)
      ORDER BY 2 DESC, 1 LIMIT $2`,
    [`${county}%`, n],
  );
}

export async function requestsAs(hub: TestHub, authorization: string, variables: Record<string, unknown>): Promise<Req[]> {
  const res = await gql(hub.url, authorization, REQUESTS, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  if (res.data.dataRequests.pageInfo.hasNextPage) throw new Error('more than one page of requests: narrow the test');
  return res.data.dataRequests.nodes;
}

/**
 * Publishes a leader and a member into the talent pool, logged in as the demo
 * `xcb-leader` and `xcb-member` (homes 990104 and 990106, no employer ties), with
 * external ids `<prefix>-RY-1` and `<prefix>-RY-2`.
 */
export async function publishLinkedInspectors(hub: TestHub, prefix: string, serial: number): Promise<void> {
  const res = await gql(hub.url, await hub.token('xcb-system'), PUBLISH_INSPECTORS, {
    records: [
      { externalId: `${prefix}-RY-1`, name: `${prefix}测试组长`, homeRegionCode: '990104', residentId: residentId('99010419700707', serial), principalId: await hub.principalId('xcb-leader') },
      { externalId: `${prefix}-RY-2`, name: `${prefix}测试组员`, homeRegionCode: '990106', residentId: residentId('99010619800808', serial + 1), principalId: await hub.principalId('xcb-member') },
    ],
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}
