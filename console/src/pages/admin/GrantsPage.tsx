import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, PageTitle, QueryState, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';
import type { ConsoleGrantsQuery } from '../../gql/graphql';
import { CreateGrantDialog, GrantHistoryDrawer, NarrowGrantDialog } from './GrantDialogs';
import { useSubjects } from './grantParts';

const GrantsQuery = graphql(`
  query ConsoleGrants($includeRevoked: Boolean!, $subjectKind: GrantSubjectKind, $subjectValue: String, $typeName: String, $ownerAgencyKind: AgencyKind) {
    grants(includeRevoked: $includeRevoked, subjectKind: $subjectKind, subjectValue: $subjectValue, typeName: $typeName, ownerAgencyKind: $ownerAgencyKind) {
      id subjectKind subjectValue typeName fields effect maskStrategy scopeKind unitCreditCodes validFrom validTo purpose requestRef createdAt revokedAt
      createdByPrincipal { name }
    }
  }
`);

const Revoke = graphql(`
  mutation ConsoleRevokeGrant($id: UUID!) { revokeGrant(id: $id) { id revokedAt } }
`);

export type GrantRow = NonNullable<ConsoleGrantsQuery['grants']>[number];

/** Grants (授权管理): filter by subject, type and agency; create, narrow, revoke; each grant's history. */
export function GrantsPage() {
  const { message } = App.useApp();
  const { agencies, teams, subjectName } = useSubjects();
  const { fields: catalog, fieldLabel } = useCatalog();
  const [filter, setFilter] = useState<{ subjectKind?: string; subjectValue?: string; typeName?: string; agencyKind?: string; includeRevoked: boolean }>({ includeRevoked: false });
  const [{ data, fetching, error }, refetch] = useQuery({
    query: GrantsQuery,
    variables: { includeRevoked: filter.includeRevoked, subjectKind: filter.subjectKind as never, subjectValue: filter.subjectValue, typeName: filter.typeName, ownerAgencyKind: filter.agencyKind as never },
  });
  const [, revoke] = useMutation(Revoke);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'narrow' | 'history'; grant: GrantRow } | null>(null);
  const types = [...new Set(catalog.filter((f) => f.sensitivity === 'CONDITIONAL').map((f) => f.typeName))];
  const rows = data?.grants ?? [];
  const subjectOptions =
    filter.subjectKind === 'AGENCY' ? agencies.map((a) => ({ value: a.id, label: a.name }))
    : filter.subjectKind === 'TEAM' ? teams.map((t) => ({ value: t.id, label: t.name }))
    : filter.subjectKind === 'ROLE' ? enumOptions('Role')
    : [];
  const done = () => {
    setDialog(null);
    refetch({ requestPolicy: 'network-only' });
  };
  const doRevoke = async (g: GrantRow) => {
    const res = await revoke({ id: g.id });
    if (res.error) return void message.error(describeError(res.error));
    message.success('授权已撤销，立即生效');
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <PageTitle title="授权管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>新建授权</Button>}>
        授权对象可读取某类记录的有条件共享字段；撤销和收窄在下一次请求即生效，每次变更都留有记录。
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="授权对象类型"
          style={{ width: 140 }}
          value={filter.subjectKind}
          onChange={(v) => setFilter((f) => ({ ...f, subjectKind: v, subjectValue: undefined }))}
          options={enumOptions('GrantSubjectKind')}
          data-testid="filter-subject-kind"
        />
        {subjectOptions.length > 0 && (
          <Select allowClear showSearch optionFilterProp="label" placeholder="授权对象" style={{ width: 300 }} value={filter.subjectValue} onChange={(v) => setFilter((f) => ({ ...f, subjectValue: v }))} options={subjectOptions} data-testid="filter-subject" />
        )}
        <Select allowClear placeholder="数据类型" style={{ width: 160 }} value={filter.typeName} onChange={(v) => setFilter((f) => ({ ...f, typeName: v }))} options={types.map((t) => ({ value: t, label: typeLabel(t) }))} data-testid="filter-type" />
        <Select
          allowClear
          placeholder="数据所属单位"
          style={{ width: 180 }}
          value={filter.agencyKind}
          onChange={(v) => setFilter((f) => ({ ...f, agencyKind: v }))}
          options={[...new Set(catalog.filter((f) => f.sensitivity === 'CONDITIONAL').map((f) => f.ownerAgencyKind).filter(Boolean))].map((k) => ({ value: k!, label: enumLabel('AgencyKind', k) }))}
          data-testid="filter-agency"
        />
        <span>含已撤销 <Switch checked={filter.includeRevoked} onChange={(v) => setFilter((f) => ({ ...f, includeRevoked: v }))} data-testid="include-revoked" /></span>
      </Space>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '授权对象', width: 250, render: (_, g) => <span><Tag>{enumLabel('GrantSubjectKind', g.subjectKind)}</Tag>{subjectName(g.subjectKind, g.subjectValue)}</span> },
            { title: '数据', width: 190, render: (_, g) => <span>{typeLabel(g.typeName)}<br /><span className="hub-muted">{g.fields.length ? g.fields.map((f) => fieldLabel(g.typeName, f)).join('、') : '全部有条件共享字段'}</span></span> },
            { title: '方式', width: 150, render: (_, g) => <span>{enumLabel('GrantEffect', g.effect)}{g.maskStrategy && <><br /><span className="hub-muted">{enumLabel('MaskStrategy', g.maskStrategy)}</span></>}</span> },
            { title: '范围', width: 150, render: (_, g) => (g.scopeKind === 'LISTED_UNITS' ? `指定 ${g.unitCreditCodes.length} 个单位` : enumLabel('GrantScopeKind', g.scopeKind)) },
            { title: '有效期', width: 165, render: (_, g) => <span>{dateTime(g.validFrom)}<br />至 {g.validTo ? dateTime(g.validTo) : '撤销为止'}</span> },
            { title: '用途', dataIndex: 'purpose', ellipsis: true },
            {
              title: '操作',
              width: 190,
              render: (_, g) => (
                <Space size={4}>
                  {g.revokedAt ? (
                    <Tag>已撤销</Tag>
                  ) : (
                    <>
                      <Button size="small" onClick={() => setDialog({ kind: 'narrow', grant: g })}>收窄</Button>
                      <Popconfirm title="撤销后授权对象立即无法读取这些数据，确定撤销？" okText="撤销" cancelText="取消" onConfirm={() => doRevoke(g)}>
                        <Button size="small" danger data-testid="revoke">撤销</Button>
                      </Popconfirm>
                    </>
                  )}
                  <Button size="small" icon={<HistoryOutlined />} onClick={() => setDialog({ kind: "history", grant: g })} title="变更记录" aria-label="变更记录" />
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      {dialog?.kind === 'create' && <CreateGrantDialog onClose={(ok) => (ok ? done() : setDialog(null))} />}
      {dialog?.kind === 'narrow' && <NarrowGrantDialog grant={dialog.grant} onClose={(ok) => (ok ? done() : setDialog(null))} />}
      {dialog?.kind === 'history' && <GrantHistoryDrawer grant={dialog.grant} onClose={() => setDialog(null)} />}
    </>
  );
}
