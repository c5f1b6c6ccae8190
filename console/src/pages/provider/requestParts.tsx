import { Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { enumLabel, typeLabel } from '@labels';
import { EnumTag, enumOptions } from '../../components/common';
import { CursorPager, type useCursorPages } from '../../components/CursorPager';

/** Today in Beijing (YYYY-MM-DD): due dates are China dates. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const isOverdue = (r: { status: string; dueDate: string }) => r.status === 'PENDING' && r.dueDate < chinaToday();

/** How a request was answered: what was approved and how, or why it was declined. */
export function RequestItems({ request }: { request: { status: string; declineReason?: string | null; approved: { typeName: string; effect: string; maskStrategy?: string | null }[] } }) {
  if (request.status === 'DECLINED') return <Typography.Text type="danger">拒绝理由：{request.declineReason ?? '—'}</Typography.Text>;
  if (request.status !== 'APPROVED') return <span className="hub-muted">—</span>;
  return (
    <span>
      {request.approved
        .map((a) => `${typeLabel(a.typeName)}：${enumLabel('GrantEffect', a.effect)}${a.maskStrategy ? `（${enumLabel('MaskStrategy', a.maskStrategy)}）` : ''}`)
        .join('；')}
    </span>
  );
}

/** Status and overdue filters of a request list. */
export function RequestFilters({ status, onStatus, overdue, onOverdue }: { status?: string; onStatus: (v?: string) => void; overdue: boolean; onOverdue: (v: boolean) => void }) {
  return (
    <>
      <Select allowClear style={{ width: 130 }} placeholder="全部状态" value={status} onChange={onStatus} options={enumOptions('DataRequestStatus')} />
      <span>只看逾期 <Switch checked={overdue} onChange={onOverdue} /></span>
    </>
  );
}

type RequestRow = { id: string; status: string; dueDate: string; items: { typeName: string }[] };

/** Rows per page of a request list. */
export const REQUEST_PAGE = 15;

type RequestPage<R> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; nodes: R[] };

/**
 * A page of data requests as the hub ordered them (order: OVERDUE_FIRST), overdue ones
 * highlighted; `lead` and `tail` are the columns that differ by reader.
 */
export function RequestTable<R extends RequestRow>({ data, pages, lead, tail }: { data?: RequestPage<R> | null; pages: ReturnType<typeof useCursorPages>; lead: ColumnsType<R>; tail: ColumnsType<R> }) {
  return (
    <>
      <Table<R>
        size="small"
        rowKey="id"
        dataSource={data?.nodes ?? []}
        pagination={false}
        rowClassName={(r) => (isOverdue(r) ? 'row-overdue' : '')}
        columns={[
          ...lead,
          { title: '请求内容', render: (_, r) => r.items.map((i) => typeLabel(i.typeName)).join('、') },
          { title: '答复期限', dataIndex: 'dueDate', width: 120, render: (v, r) => (isOverdue(r) ? <Typography.Text type="danger">{v}（已逾期）</Typography.Text> : v) },
          { title: '状态', dataIndex: 'status', width: 90, render: (v) => <EnumTag of="DataRequestStatus" value={v} /> },
          ...tail,
        ]}
      />
      <CursorPager pages={pages} total={data?.totalCount ?? 0} pageInfo={data?.pageInfo} />
    </>
  );
}
