import { App, Button, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, PageTitle, QueryState, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';
import { usePrincipal } from '../../session';

const Standing = graphql(`
  query ConsoleStanding($kind: AgencyKind) {
    collaborationCatalogue(providerAgencyKind: $kind) { id providerAgencyKind typeName fields notes }
    standingApprovals { id agencyId entryId effect maskStrategy createdAt revokedAt }
  }
`);
const Create = graphql(`
  mutation ConsoleCreateStanding($entryId: UUID!, $effect: GrantEffect!, $maskStrategy: MaskStrategy) {
    createStandingApproval(entryId: $entryId, effect: $effect, maskStrategy: $maskStrategy) { id }
  }
`);
const Revoke = graphql(`
  mutation ConsoleRevokeStanding($id: UUID!) { revokeStandingApproval(id: $id) { id revokedAt } }
`);


/** Standing approvals (常态化授权): catalogue items the agency answers in advance for every round. */
export function StandingApprovalsPage() {
  const me = usePrincipal();
  const { message } = App.useApp();
  const { fieldLabel } = useCatalog();
  const [{ data, fetching, error }, refetch] = useQuery({ query: Standing, variables: { kind: me.agencyKind as never } });
  const [, create] = useMutation(Create);
  const [, revoke] = useMutation(Revoke);
  const [choice, setChoice] = useState<Record<string, { effect: 'ALLOW' | 'MASK'; mask?: string }>>({});
  const active = new Map((data?.standingApprovals ?? []).filter((s) => !s.revokedAt && s.agencyId === me.agencyId).map((s) => [s.entryId, s]));
  const entries = (data?.collaborationCatalogue ?? []).filter((e) => e.typeName);
  const after = async (p: Promise<{ error?: Parameters<typeof describeError>[0] }>, ok: string) => {
    const r = await p;
    if (r.error) return void message.error(describeError(r.error));
    message.success(ok);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <PageTitle title="常态化授权">对每轮巡察都会请求的事项事先同意；之后的协查请求发布即自动答复。撤销后已批准的请求保留其授权。</PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={entries}
          columns={[
            { title: '事项', width: 220, render: (_, e) => <span>{typeLabel(e.typeName)}<br /><span className="hub-muted">{e.fields.map((f) => fieldLabel(e.typeName!, f)).join('、') || '全部有条件共享字段'}</span></span> },
            { title: '内容', dataIndex: 'notes' },
            {
              title: '常态化授权',
              width: 420,
              render: (_, e) => {
                const s = active.get(e.id);
                if (s)
                  return (
                    <Space>
                      <Tag color="green">{enumLabel('GrantEffect', s.effect)}{s.maskStrategy ? `（${enumLabel('MaskStrategy', s.maskStrategy)}）` : ''}</Tag>
                      <Typography.Text type="secondary">{dateTime(s.createdAt)} 起</Typography.Text>
                      <Popconfirm title="撤销常态化授权？" okText="撤销" cancelText="取消" onConfirm={() => after(revoke({ id: s.id }), '已撤销')}>
                        <Button size="small" danger>撤销</Button>
                      </Popconfirm>
                    </Space>
                  );
                const c = choice[e.id] ?? { effect: 'ALLOW' };
                return (
                  <Space wrap>
                    <Radio.Group size="small" value={c.effect} onChange={(ev) => setChoice((x) => ({ ...x, [e.id]: { ...c, effect: ev.target.value } }))} options={[{ value: 'ALLOW', label: '原文' }, { value: 'MASK', label: '脱敏' }]} optionType="button" />
                    {c.effect === 'MASK' && <Select size="small" style={{ width: 190 }} placeholder="脱敏方式" value={c.mask} onChange={(v) => setChoice((x) => ({ ...x, [e.id]: { ...c, mask: v } }))} options={enumOptions('MaskStrategy')} />}
                    <Button size="small" type="primary" disabled={c.effect === 'MASK' && !c.mask} onClick={() => after(create({ entryId: e.id, effect: c.effect, maskStrategy: c.effect === 'MASK' ? (c.mask as never) : null }), '已设为常态化授权')}>
                      同意
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      </QueryState>
    </>
  );
}
