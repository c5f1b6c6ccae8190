import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, EnumTag, PageTitle, QueryState, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';

const Audit = graphql(`
  query ConsoleDisclosureAudit($principalId: UUID, $agencyId: UUID, $unitCreditCode: String, $recordId: String, $from: DateTimeISO, $to: DateTimeISO) {
    disclosureAudit(first: 50, principalId: $principalId, agencyId: $agencyId, unitCreditCode: $unitCreditCode, recordId: $recordId, from: $from, to: $to) {
      totalCount
      nodes { seq at operationName typeName fields recordIds unitCreditCodes effect grantId principal { name login } agency { name } }
    }
  }
`);
const Chain = graphql(`
  query ConsoleAuditChain { verifyDisclosureAudit { status chains { chain status entries problem { kind position message } } } }
`);
const SignIns = graphql(`
  query ConsoleSignIns($login: String, $outcome: SignInOutcome, $from: DateTimeISO, $to: DateTimeISO) {
    signInEvents(first: 50, login: $login, outcome: $outcome, from: $from, to: $to) {
      totalCount
      nodes { id at login outcome ip userAgent principal { name } actor { name } }
    }
  }
`);
const AgencyPeople = graphql(`
  query ConsoleAgencyPeople($agencyId: UUID!) { principals(agencyId: $agencyId) { id name login } }
`);
const AgencyList = graphql(`
  query ConsoleAuditAgencies { agencies { id name } }
`);

type Range = [Dayjs | null, Dayjs | null] | null;

/** One sentence for the admin: every chain intact, or each chain's first problem in words (the server phrases it in Chinese). */
function chainSummary(v: { status: string; chains: { chain: string; status: string; entries: number; problem?: { message: string } | null }[] }): string {
  const total = v.chains.reduce((n, c) => n + c.entries, 0);
  if (v.status === 'INTACT') return `审计链完整：${v.chains.length} 条审计链共 ${total} 条记录已校验，未发现篡改。`;
  const broken = v.chains.filter((c) => c.status !== 'INTACT');
  return `${enumLabel('AuditChainStatus', v.status)}：${broken.map((c) => `审计链「${c.chain}」${c.problem?.message ?? enumLabel('AuditChainStatus', c.status)}`).join('；')}`;
}
const period = (r: Range) => ({ from: r?.[0]?.startOf('day').toISOString() ?? null, to: r?.[1]?.endOf('day').toISOString() ?? null });

function DisclosureTab() {
  const client = useClient();
  const { fieldLabel } = useCatalog();
  const [{ data: agencyData }] = useQuery({ query: AgencyList });
  const [form] = Form.useForm();
  const agencyId = Form.useWatch('agencyId', form);
  const [{ data: people }] = useQuery({ query: AgencyPeople, variables: { agencyId: agencyId ?? '' }, pause: !agencyId });
  const [vars, setVars] = useState<Record<string, unknown>>({});
  const [{ data, fetching, error }] = useQuery({ query: Audit, variables: vars });
  const [chain, setChain] = useState<{ ok: boolean; text: string } | string | null>(null);
  const [checking, setChecking] = useState(false);
  const verify = async () => {
    setChecking(true);
    const res = await client.query(Chain, {}, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    const v = res.data?.verifyDisclosureAudit;
    setChain(res.error ? describeError(res.error) : v ? { ok: v.status === 'INTACT', text: chainSummary(v) } : null);
  };
  return (
    <>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) => setVars({ agencyId: v.agencyId || null, principalId: v.principalId || null, unitCreditCode: v.unit?.trim() || null, recordId: v.record?.trim() || null, ...period(v.period) })}
      >
        <Form.Item name="agencyId"><Select allowClear showSearch optionFilterProp="label" placeholder="单位" style={{ width: 220 }} options={(agencyData?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))} /></Form.Item>
        <Form.Item name="principalId"><Select allowClear showSearch optionFilterProp="label" placeholder="人员或系统" style={{ width: 180 }} disabled={!agencyId} options={(people?.principals ?? []).map((p) => ({ value: p.id, label: p.name }))} /></Form.Item>
        <Form.Item name="unit"><Input placeholder="被巡察单位信用代码" style={{ width: 200 }} allowClear /></Form.Item>
        <Form.Item name="record"><Input placeholder="记录编号" style={{ width: 160 }} allowClear /></Form.Item>
        <Form.Item name="period"><DatePicker.RangePicker /></Form.Item>
        <Button type="primary" htmlType="submit">查询</Button>
        <Button icon={<SafetyOutlined />} loading={checking} onClick={verify} style={{ marginLeft: 8 }} data-testid="verify-chain">校验审计链</Button>
      </Form>
      {chain && typeof chain === 'string' && <Alert type="error" showIcon message={chain} style={{ marginBottom: 12 }} />}
      {chain && typeof chain !== 'string' && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={chain.ok ? 'success' : 'error'}
          message={chain.text}
          data-testid="chain-result"
        />
      )}
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="seq"
          dataSource={data?.disclosureAudit?.nodes ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showTotal: () => `共 ${data?.disclosureAudit?.totalCount ?? 0} 条，显示最近 50 条` }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 70 },
            { title: '时间', dataIndex: 'at', width: 160, render: dateTime },
            { title: '获取人', render: (_, e) => <span>{e.principal?.name ?? '—'}<br /><span className="hub-muted">{e.agency?.name ?? ''}</span></span> },
            { title: '数据', width: 220, render: (_, e) => <span>{typeLabel(e.typeName)} {e.recordIds.length} 条<br /><span className="hub-muted">{e.fields.map((f) => fieldLabel(e.typeName, f)).join('、')}</span></span> },
            { title: '方式', dataIndex: 'effect', width: 100, render: (v) => <EnumTag of="DisclosureEffect" value={v} /> },
            { title: '涉及单位', width: 120, render: (_, e) => `${e.unitCreditCodes.length} 个` },
            { title: '操作名', dataIndex: 'operationName', width: 150, render: (v) => v ?? '—' },
          ]}
        />
      </QueryState>
    </>
  );
}

function SignInTab() {
  const [vars, setVars] = useState<Record<string, unknown>>({});
  const [{ data, fetching, error }] = useQuery({ query: SignIns, variables: vars, requestPolicy: 'network-only' });
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v) => setVars({ login: v.login?.trim() || null, outcome: v.outcome ?? null, ...period(v.period) })}>
        <Form.Item name="login"><Input placeholder="登录名" allowClear style={{ width: 180 }} /></Form.Item>
        <Form.Item name="outcome">
          <Select allowClear placeholder="结果" style={{ width: 200 }} options={enumOptions('SignInOutcome')} />
        </Form.Item>
        <Form.Item name="period"><DatePicker.RangePicker /></Form.Item>
        <Button type="primary" htmlType="submit">查询</Button>
      </Form>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={data?.signInEvents?.nodes ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showTotal: () => `共 ${data?.signInEvents?.totalCount ?? 0} 条，显示最近 50 条` }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: dateTime },
            { title: '登录名', dataIndex: 'login', width: 160 },
            { title: '姓名', render: (_, e) => e.principal?.name ?? <Tag>不存在的账号</Tag> },
            { title: '结果', dataIndex: 'outcome', width: 200, render: (v) => <EnumTag of="SignInOutcome" value={v} /> },
            { title: '操作人', width: 120, render: (_, e) => e.actor?.name ?? '—' },
            { title: '来源地址', dataIndex: 'ip', width: 140, render: (v) => v ?? '—' },
            { title: '浏览器', dataIndex: 'userAgent', ellipsis: true, render: (v) => (v ? <span className="hub-verbatim">{v}</span> : '—') },
          ]}
        />
      </QueryState>
    </>
  );
}

/** The disclosure audit trail with its chain check, and the sign-in log (审计与登录日志). */
export function AuditPage() {
  return (
    <>
      <PageTitle title="审计与登录日志">每次有条件共享或不予共享数据的披露都记入防篡改的审计链；每次登录、失败、锁定和退出，以及密码、接口密钥、角色和启用状态的变更（含操作人）都记入登录日志。</PageTitle>
      <Tabs
        items={[
          { key: 'disclosure', label: '数据披露审计', children: <DisclosureTab /> },
          { key: 'sign-in', label: '登录日志', children: <SignInTab /> },
        ]}
      />
    </>
  );
}
