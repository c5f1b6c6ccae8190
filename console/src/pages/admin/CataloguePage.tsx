import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, PageTitle, QueryState, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';
import type { ConsoleCollaborationQuery } from '../../gql/graphql';

const Collaboration = graphql(`
  query ConsoleCollaboration { collaborationCatalogue { id providerAgencyKind typeName fields notes updatedAt } }
`);
const Save = graphql(`
  mutation ConsoleSaveEntry($input: CollaborationEntryInput!) { saveCollaborationEntry(input: $input) { id } }
`);
const Remove = graphql(`
  mutation ConsoleRemoveEntry($id: UUID!) { removeCollaborationEntry(id: $id) }
`);

type Entry = NonNullable<ConsoleCollaborationQuery['collaborationCatalogue']>[number];
const PROVIDERS = ['DISCIPLINE_COMMISSION', 'AUDIT_BUREAU', 'ORGANIZATION_DEPARTMENT', 'PETITION_BUREAU', 'PUBLIC_SECURITY', 'PROCURATORATE', 'COURT', 'LEGAL_AFFAIRS', 'HR_SOCIAL_SECURITY', 'STAFFING_OFFICE', 'FINANCE_BUREAU', 'MARKET_REGULATION'];

/** The collaboration catalogue (协作配合目录): what each agency provides for every inspection. */
export function CataloguePage() {
  const { message } = App.useApp();
  const { fields: catalog, fieldLabel } = useCatalog();
  const [{ data, fetching, error }, refetch] = useQuery({ query: Collaboration });
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [form] = Form.useForm<{ providerAgencyKind: string; typeName?: string; fields: string[]; notes: string }>();
  const typeName = Form.useWatch('typeName', form);
  const [, save] = useMutation(Save);
  const [, remove] = useMutation(Remove);
  const provider = Form.useWatch('providerAgencyKind', form);
  const typesOf = (kind: string | undefined) => [...new Set(catalog.filter((f) => f.ownerAgencyKind === kind && f.sensitivity === 'CONDITIONAL').map((f) => f.typeName))];
  const submit = async (v: { providerAgencyKind: string; typeName?: string; fields: string[]; notes: string }) => {
    const res = await save({ input: { id: editing !== 'new' ? editing?.id : null, providerAgencyKind: v.providerAgencyKind as never, typeName: v.typeName ?? null, fields: v.fields ?? [], notes: v.notes } });
    if (res.error) return void message.error(describeError(res.error));
    message.success('已保存；之后发布的轮次按新目录发出协查请求');
    setEditing(null);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <PageTitle title="协作配合目录" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing('new'); }}>新增条目</Button>}>
        每轮巡察发布时，按本目录向各单位发出协查请求；未接入平台的事项仍按函件办理。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.collaborationCatalogue ?? []}
          columns={[
            { title: '协查单位', dataIndex: 'providerAgencyKind', width: 170, render: (v) => enumLabel('AgencyKind', v) },
            { title: '平台内数据', width: 220, render: (_, e) => (e.typeName ? <span>{typeLabel(e.typeName)}<br /><span className="hub-muted">{e.fields.map((f) => fieldLabel(e.typeName!, f)).join('、') || '全部有条件共享字段'}</span></span> : <span className="hub-muted">函件办理</span>) },
            { title: '提供内容', dataIndex: 'notes' },
            { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: dateTime },
            {
              title: '操作',
              width: 130,
              render: (_, e) => (
                <Space size={4}>
                  <Button size="small" onClick={() => { form.setFieldsValue({ providerAgencyKind: e.providerAgencyKind, typeName: e.typeName ?? undefined, fields: e.fields, notes: e.notes }); setEditing(e); }}>编辑</Button>
                  <Popconfirm title="删除该条目？已发出的请求保留。" okText="删除" cancelText="取消" onConfirm={async () => { const r = await remove({ id: e.id }); if (r.error) message.error(describeError(r.error)); else refetch({ requestPolicy: 'network-only' }); }}>
                    <Button size="small" danger>删除</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Modal open={editing !== null} title={editing === 'new' ? '新增目录条目' : '编辑目录条目'} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={() => setEditing(null)} width={600}>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ fields: [] }}>
          <Form.Item label="协查单位" name="providerAgencyKind" rules={[{ required: true, message: '请选择' }]}>
            <Select options={enumOptions('AgencyKind', PROVIDERS)} onChange={() => form.setFieldsValue({ typeName: undefined, fields: [] })} />
          </Form.Item>
          <Form.Item label="平台内数据类型（不选即按函件办理）" name="typeName">
            <Select allowClear options={typesOf(provider).map((t) => ({ value: t, label: typeLabel(t) }))} onChange={() => form.setFieldValue('fields', [])} />
          </Form.Item>
          {typeName && (
            <Form.Item label="字段（不选即全部有条件共享字段）" name="fields">
              <Checkbox.Group options={catalog.filter((f) => f.typeName === typeName && f.sensitivity === 'CONDITIONAL').map((f) => ({ value: f.fieldName, label: fieldLabel(typeName, f.fieldName) }))} />
            </Form.Item>
          )}
          <Form.Item label="提供内容" name="notes" rules={[{ required: true, message: '请说明提供什么' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
