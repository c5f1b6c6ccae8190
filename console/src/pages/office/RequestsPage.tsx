import { Select, Space } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { PageTitle, QueryState } from '../../components/common';
import { graphql } from '../../gql';
import { useCursorPages } from '../../components/CursorPager';
import { REQUEST_PAGE, RequestFilters, RequestItems, RequestTable } from '../provider/requestParts';

const RoundOptions = graphql(`
  query ConsoleRoundOptions {
    rounds(first: 30) { nodes { id name status teams { id name units { name creditCode } } } }
  }
`);

const RoundRequests = graphql(`
  query ConsoleRoundRequests($roundId: UUID, $status: DataRequestStatus, $overdue: Boolean!, $first: Int!, $after: String) {
    dataRequests(roundId: $roundId, status: $status, overdue: $overdue, order: OVERDUE_FIRST, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id teamName unitCreditCode providerAgencyName status dueDate declineReason decidedAt items { typeName fields notes } approved { typeName effect maskStrategy } }
    }
  }
`);

/** Where the round's data requests stand (协查请求进度): per unit and provider, overdue first. */
export function RequestsPage() {
  const [{ data: roundData }] = useQuery({ query: RoundOptions });
  const rounds = roundData?.rounds?.nodes ?? [];
  const [roundId, setRoundId] = useState<string | undefined>();
  const round = rounds.find((r) => r.id === roundId) ?? rounds.find((r) => r.status === 'PLANNED') ?? rounds[0];
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const pages = useCursorPages(`${round?.id}|${status}|${overdue}`);
  const [{ data, fetching, error }] = useQuery({
    query: RoundRequests,
    variables: { roundId: round?.id, status: status as never, overdue, first: REQUEST_PAGE, after: pages.after },
    pause: !round,
  });
  const unitNames = new Map(round?.teams.flatMap((t) => t.units.filter((u) => u !== null).map((u) => [u.creditCode, u.name] as const)) ?? []);
  return (
    <>
      <PageTitle
        title="协查请求进度"
        extra={
          <Space wrap>
            <Select style={{ width: 320 }} value={round?.id} onChange={setRoundId} options={rounds.map((r) => ({ value: r.id, label: r.name }))} placeholder="选择轮次" />
            <RequestFilters status={status} onStatus={setStatus} overdue={overdue} onOverdue={setOverdue} />
          </Space>
        }
      >
        每个被巡察单位向各协查单位发出的请求及答复情况；逾期未答复的排在最前。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <RequestTable
          data={data?.dataRequests}
          pages={pages}
          lead={[
            { title: '被巡察单位', width: 230, render: (_, r) => unitNames.get(r.unitCreditCode) ?? r.unitCreditCode },
            { title: '巡察组', dataIndex: 'teamName', width: 110 },
            { title: '协查单位', dataIndex: 'providerAgencyName', width: 180 },
          ]}
          tail={[{ title: '答复', render: (_, r) => <RequestItems request={r} /> }]}
        />
      </QueryState>
    </>
  );
}
