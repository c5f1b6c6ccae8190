import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { enumLabel } from '@labels';
import { describeError } from '../../api';
import { PageTitle, QueryState, enumOptions } from '../../components/common';
import { graphql } from '../../gql';
import type { ConsolePrincipalsQuery } from '../../gql/graphql';
import { usePrincipal } from '../../session';

const Agencies = graphql(`
  query ConsoleAgencies { agencies { id name kind code } }
`);
const Principals = graphql(`
  query ConsolePrincipals($agencyId: UUID!) {
    principals(agencyId: $agencyId) { id login name kind roles active hasPassword }
  }
`);
const CreatePrincipal = graphql(`
  mutation ConsoleCreatePrincipal($input: PrincipalInput!) { createPrincipal(input: $input) { password principal { id login } } }
`);
const SetActive = graphql(`
  mutation ConsoleSetActive($id: UUID!, $active: Boolean!) { setPrincipalActive(id: $id, active: $active) { id active } }
`);
const SetRoles = graphql(`
  mutation ConsoleSetRoles($id: UUID!, $roles: [Role!]!) { setPrincipalRoles(id: $id, roles: $roles) { id roles } }
`);
const ResetPassword = graphql(`
  mutation ConsoleResetPassword($id: UUID!) { resetPassword(id: $id) { password principal { login } } }
`);
const ResetApiKey = graphql(`
  mutation ConsoleResetApiKey($id: UUID!) { resetApiKey(id: $id) { apiKey principal { login } } }
`);

type Row = NonNullable<ConsolePrincipalsQuery['principals']>[number];
const PERSON_ROLES = ['ADMIN', 'AGENCY_OFFICER', 'INSPECTION_OFFICE', 'TEAM_LEADER', 'TEAM_MEMBER', 'CASE_SUPERVISION'];

/** A secret shown once (new password or API key). */
function SecretNotice({ secret, onClose }: { secret: { title: string; value: string } | null; onClose: () => void }) {
  return (
    <Modal open={!!secret} title={secret?.title} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText="我已记下">
      <Alert type="warning" showIcon message="只显示这一次，平台只保存其摘要。请通过安全渠道交给本人。" style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable code style={{ fontSize: 16 }} data-testid="secret">{secret?.value}</Typography.Paragraph>
    </Modal>
  );
}

/** People and systems of an agency (用户与密钥): create, roles, deactivate, reset password or API key. */
export function PrincipalsPage() {
  const me = usePrincipal();
  const { message } = App.useApp();
  const [{ data: agencyData }] = useQuery({ query: Agencies });
  const agencies = agencyData?.agencies ?? [];
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const current = agencyId ?? me.agencyId;
  const [{ data, fetching, error }, refetch] = useQuery({ query: Principals, variables: { agencyId: current } });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [, setActive] = useMutation(SetActive);
  const [, resetPassword] = useMutation(ResetPassword);
  const [, resetApiKey] = useMutation(ResetApiKey);
  const [, setRoles] = useMutation(SetRoles);
  const [, createPrincipal] = useMutation(CreatePrincipal);
  const [form] = Form.useForm<{ login: string; name: string; roles: string[] }>();
  const run = async <T,>(p: Promise<{ error?: Parameters<typeof describeError>[0]; data?: T }>, ok: (d: T) => void) => {
    const res = await p;
    if (res.error) return void message.error(describeError(res.error));
    ok(res.data as T);
    refetch({ requestPolicy: 'network-only' });
  };
  const save = async (v: { login: string; name: string; roles: string[] }) => {
    if (editing === 'new') {
      await run(createPrincipal({ input: { agencyId: current, login: v.login, name: v.name, roles: v.roles as never } }), (d) => {
        setSecret({ title: `${d.createPrincipal.principal.login} 的初始密码`, value: d.createPrincipal.password });
        setEditing(null);
      });
    } else if (editing) {
      await run(setRoles({ id: editing.id, roles: v.roles as never }), () => {
        message.success('角色已调整');
        setEditing(null);
      });
    }
  };
  return (
    <>
      <PageTitle
        title="用户与密钥"
        extra={
          <Space>
            <Select showSearch optionFilterProp="label" style={{ width: 300 }} value={current} onChange={setAgencyId} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing('new'); }}>新增人员</Button>
          </Space>
        }
      >
        人员用密码登录控制台，业务系统用接口密钥调用平台；停用立即生效，已登录的会话随之结束。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={data?.principals ?? []}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          columns={[
            { title: '登录名', dataIndex: 'login', width: 180 },
            { title: '姓名 / 名称', dataIndex: 'name' },
            { title: '类别', dataIndex: 'kind', width: 90, render: (v) => enumLabel('PrincipalKind', v) },
            { title: '角色', render: (_, p) => p.roles.map((r) => <Tag key={r}>{enumLabel('Role', r)}</Tag>) },
            { title: '状态', width: 120, render: (_, p) => <Space size={4}>{p.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}{p.kind === 'USER' && !p.hasPassword && <Tag color="orange">未设密码</Tag>}</Space> },
            {
              title: '操作',
              width: 260,
              render: (_, p) => (
                <Space size={4} wrap>
                  {p.kind === 'USER' && <Button size="small" onClick={() => { form.setFieldsValue({ login: p.login, name: p.name, roles: p.roles }); setEditing(p); }}>角色</Button>}
                  {p.kind === 'USER' ? (
                    <Popconfirm title="生成新密码？原密码立即失效，该人员的会话结束。" okText="重置" cancelText="取消" onConfirm={() => run(resetPassword({ id: p.id }), (d) => setSecret({ title: `${d.resetPassword.principal.login} 的新密码`, value: d.resetPassword.password }))}>
                      <Button size="small">重置密码</Button>
                    </Popconfirm>
                  ) : (
                    <Popconfirm title="签发新密钥？原密钥立即失效。" okText="签发" cancelText="取消" onConfirm={() => run(resetApiKey({ id: p.id }), (d) => setSecret({ title: `${d.resetApiKey.principal.login} 的新接口密钥`, value: d.resetApiKey.apiKey }))}>
                      <Button size="small">重置密钥</Button>
                    </Popconfirm>
                  )}
                  <Popconfirm title={p.active ? '停用后立即无法登录或调用平台，确定？' : '重新启用？'} okText="确定" cancelText="取消" onConfirm={() => run(setActive({ id: p.id, active: !p.active }), () => message.success(p.active ? '已停用' : '已启用'))}>
                    <Button size="small" danger={p.active} disabled={p.id === me.id}>{p.active ? '停用' : '启用'}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Modal open={editing !== null} title={editing === 'new' ? '新增人员' : '调整角色'} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={() => setEditing(null)}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="登录名" name="login" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,59}$/, message: '3–60 位小写字母、数字或 . _ -' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少一个角色' }]}>
            <Checkbox.Group options={enumOptions('Role', PERSON_ROLES)} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretNotice secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
