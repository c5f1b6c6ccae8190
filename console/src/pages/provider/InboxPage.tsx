import { App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { typeLabel } from '@labels';
import { describeError } from '../../api';
import { PageTitle, QueryState, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';
import type { ConsoleInboxQuery } from '../../gql/graphql';
import { useCursorPages } from '../../components/CursorPager';
import { REQUEST_PAGE, RequestFilters, RequestItems, RequestTable } from './requestParts';

const Inbox = graphql(`
  query ConsoleInbox($status: DataRequestStatus, $overdue: Boolean!, $first: Int!, $after: String) {
    dataRequests(status: $status, overdue: $overdue, order: OVERDUE_FIRST, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id roundName teamName unitCreditCode unit { name } providerAgencyName purpose legalBasis dueDate status createdAt declineReason
        items { typeName fields notes }
        approved { typeName effect maskStrategy }
      }
    }
  }
`);

const Approve = graphql(`
  mutation ConsoleApprove($id: UUID!, $items: [ApprovalItemInput!]) {
    approveDataRequest(id: $id, items: $items) { id status approved { typeName effect maskStrategy grantId } }
  }
`);

const Decline = graphql(`
  mutation ConsoleDecline($id: UUID!, $reason: String!) {
    declineDataRequest(id: $id, reason: $reason) { id status declineReason }
  }
`);

type Req = NonNullable<ConsoleInboxQuery['dataRequests']>['nodes'][number];
type ItemChoice = { typeName: string; fields: string[]; effect: 'ALLOW' | 'MASK'; maskStrategy?: string };


/** Approve as asked, with fewer fields, or masked with a chosen strategy. */
function ApproveDialog({ request, onClose }: { request: Req; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const { fieldLabel } = useCatalog();
  const [choices, setChoices] = useState<ItemChoice[]>(request.items.map((i) => ({ typeName: i.typeName, fields: i.fields, effect: 'ALLOW' })));
  const [{ fetching }, approve] = useMutation(Approve);
  const set = (i: number, patch: Partial<ItemChoice>) => setChoices((c) => c.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = async () => {
    const items = choices.map((c) => ({ typeName: c.typeName, fields: c.fields, effect: c.effect, maskStrategy: c.effect === 'MASK' ? (c.maskStrategy as never) : null }));
    const res = await approve({ id: request.id, items });
    if (res.error) return void message.error(describeError(res.error));
    message.success('已同意协查，授权已生成');
    onClose(true);
  };
  return (
    <Modal open title={`同意协查：${request.unit?.name ?? request.unitCreditCode}`} okText="确认同意" cancelText="取消" onOk={submit} confirmLoading={fetching} onCancel={() => onClose(false)} width={640}>
      <Typography.Paragraph type="secondary">{request.purpose}（依据：{request.legalBasis}）</Typography.Paragraph>
      {request.items.map((item, i) => (
        <div key={item.typeName} style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: 12, marginBottom: 12 }} data-testid={`approve-item-${item.typeName}`}>
          <Typography.Text strong>{typeLabel(item.typeName)}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{item.notes}</Typography.Paragraph>
          {item.fields.length > 0 && (
            <div style={{ marginBottom: 8 }}>
              提供字段：
              <Checkbox.Group value={choices[i].fields} onChange={(v) => set(i, { fields: v as string[] })} options={item.fields.map((f) => ({ value: f, label: fieldLabel(item.typeName, f) }))} />
            </div>
          )}
          <Space wrap>
            <Radio.Group value={choices[i].effect} onChange={(e) => set(i, { effect: e.target.value })}>
              <Radio value="ALLOW">原文提供</Radio>
              <Radio value="MASK">脱敏提供</Radio>
            </Radio.Group>
            {choices[i].effect === 'MASK' && (
              <Select
                style={{ width: 260 }}
                placeholder="选择脱敏方式"
                value={choices[i].maskStrategy}
                onChange={(v) => set(i, { maskStrategy: v })}
                options={enumOptions('MaskStrategy')}
                data-testid="mask-strategy"
              />
            )}
          </Space>
        </div>
      ))}
    </Modal>
  );
}

function DeclineDialog({ request, onClose }: { request: Req; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [{ fetching }, decline] = useMutation(Decline);
  const submit = async () => {
    const res = await decline({ id: request.id, reason });
    if (res.error) return void message.error(describeError(res.error));
    message.success('已拒绝，巡察办将看到理由');
    onClose(true);
  };
  return (
    <Modal open title={`拒绝协查：${request.unit?.name ?? request.unitCreditCode}`} okText="确认拒绝" okButtonProps={{ danger: true, disabled: reason.trim().length < 4 }} cancelText="取消" onOk={submit} confirmLoading={fetching} onCancel={() => onClose(false)}>
      <Form layout="vertical">
        <Form.Item label="拒绝理由（巡察办和巡察组可见）" required>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} showCount placeholder="如：相关问题线索正在初核，暂缓提供" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The provider's inbox (协查请求收件箱): requests addressed to its agency, overdue first. */
export function InboxPage() {
  const [status, setStatus] = useState<string | undefined>('PENDING');
  const [overdue, setOverdue] = useState(false);
  const pages = useCursorPages(`${status}|${overdue}`);
  const [{ data, fetching, error }, refetch] = useQuery({ query: Inbox, variables: { status: status as never, overdue, first: REQUEST_PAGE, after: pages.after } });
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'decline'; request: Req } | null>(null);
  const close = (done: boolean) => {
    setDialog(null);
    if (done) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <PageTitle
        title="协查请求收件箱"
        extra={
          <Space wrap>
            <RequestFilters status={status} onStatus={setStatus} overdue={overdue} onOverdue={setOverdue} />
          </Space>
        }
      >
        巡察办发给本单位的协查请求；可全部同意、少提供字段、脱敏提供，或说明理由拒绝。逾期的排在最前。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <RequestTable
          data={data?.dataRequests}
          pages={pages}
          lead={[
            { title: '被巡察单位', width: 220, render: (_, r) => r.unit?.name ?? r.unitCreditCode },
            { title: '轮次 / 巡察组', render: (_, r) => <span>{r.roundName}<br /><span className="hub-muted">{r.teamName}</span></span> },
          ]}
          tail={[
            {
              title: '操作',
              width: 170,
              render: (_, r) =>
                r.status === 'PENDING' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'approve', request: r })}>同意</Button>
                    <Button size="small" danger onClick={() => setDialog({ kind: 'decline', request: r })}>拒绝</Button>
                  </Space>
                ) : (
                  <RequestItems request={r} />
                ),
            },
          ]}
        />
      </QueryState>
      {dialog?.kind === 'approve' && <ApproveDialog request={dialog.request} onClose={close} />}
      {dialog?.kind === 'decline' && <DeclineDialog request={dialog.request} onClose={close} />}
    </>
  );
}
