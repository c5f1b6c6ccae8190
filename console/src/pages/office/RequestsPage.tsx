import { Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { EnumTag, PageTitle, QueryState } from '../../components/common';
import { graphql } from '../../gql';
import { isOverdue, RequestItems } from '../provider/requestParts';

const RoundOptions = graphql(`
  query ConsoleRoundOptions {
    rounds(first: 30) { nodes { id name status teams { id name units { name creditCode } } } }
  }
`);

const RoundRequests = graphql(`
  query ConsoleRoundRequests($roundId: ID, $status: DataRequestStatus, $overdue: Boolean!) {
    dataRequests(roundId: $roundId, status: $status, overdue: $overdue, first: 100) {
      totalCount
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
  const [{ data, fetching, error }] = useQuery({
    query: RoundRequests,
    variables: { roundId: round?.id, status: status as never, overdue },
    pause: !round,
  });
  const unitNames = new Map(round?.teams.flatMap((t) => t.units.filter((u) => u !== null).map((u) => [u.creditCode, u.name] as const)) ?? []);
  const rows = [...(data?.dataRequests?.nodes ?? [])].sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)));
  return (
    <>
      <PageTitle
        title="协查请求进度"
        extra={
          <Space wrap>
            <Select style={{ width: 320 }} value={round?.id} onChange={setRoundId} options={rounds.map((r) => ({ value: r.id, label: r.name }))} placeholder="选择轮次" />
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder="全部状态"
              value={status}
              onChange={setStatus}
              options={['PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN'].map((v) => ({ value: v, label: enumLabel('DataRequestStatus', v) }))}
            />
            <span>只看逾期 <Switch checked={overdue} onChange={setOverdue} /></span>
          </Space>
        }
      >
        每个被巡察单位向各协查单位发出的请求及答复情况；逾期未答复的排在最前。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Typography.Text type="secondary">共 {data?.dataRequests?.totalCount ?? 0} 条</Typography.Text>
        <Table
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowClassName={(r) => (isOverdue(r) ? 'row-overdue' : '')}
          columns={[
            { title: '被巡察单位', render: (_, r) => unitNames.get(r.unitCreditCode) ?? r.unitCreditCode },
            { title: '巡察组', dataIndex: 'teamName', width: 110 },
            { title: '协查单位', dataIndex: 'providerAgencyName', width: 200 },
            { title: '请求内容', render: (_, r) => r.items.map((i) => typeLabel(i.typeName)).join('、') },
            { title: '答复期限', dataIndex: 'dueDate', width: 110, render: (v, r) => (isOverdue(r) ? <Typography.Text type="danger">{v}（已逾期）</Typography.Text> : v) },
            { title: '状态', dataIndex: 'status', width: 90, render: (v) => <EnumTag of="DataRequestStatus" value={v} /> },
            { title: '答复', render: (_, r) => <RequestItems request={r} /> },
          ]}
        />
      </QueryState>
    </>
  );
}
