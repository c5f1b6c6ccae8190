import { App, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { enumLabel, typeLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, enumOptions } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';
import type { GrantRow } from './GrantsPage';
import { useSubjects } from './grantParts';


const CreateGrant = graphql(`
  mutation ConsoleCreateGrant($input: GrantInput!) { createGrant(input: $input) { id } }
`);
const NarrowGrant = graphql(`
  mutation ConsoleNarrowGrant($id: UUID!, $input: NarrowGrantInput!) { narrowGrant(id: $id, input: $input) { id } }
`);
const History = graphql(`
  query ConsoleGrantHistory($grantId: UUID!) {
    grantHistory(grantId: $grantId) { id action changedAt before after changedByPrincipal { name agency { name } } }
  }
`);

interface CreateValues {
  subjectKind: string;
  subjectValue: string;
  typeName: string;
  fields: string[];
  effect: 'ALLOW' | 'MASK';
  maskStrategy?: string;
  scopeKind: string;
  unitCreditCodes: string[];
  validTo?: Dayjs;
  purpose: string;
}

export function CreateGrantDialog({ onClose }: { onClose: (ok: boolean) => void }) {
  const { message } = App.useApp();
  const { agencies, teams } = useSubjects();
  const { fields: catalog, fieldLabel } = useCatalog();
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('subjectKind', form);
  const typeName = Form.useWatch('typeName', form);
  const effect = Form.useWatch('effect', form);
  const scope = Form.useWatch('scopeKind', form);
  const [{ fetching }, create] = useMutation(CreateGrant);
  const types = [...new Set(catalog.filter((f) => f.sensitivity === 'CONDITIONAL').map((f) => f.typeName))];
  const submit = async (v: CreateValues) => {
    const res = await create({
      input: {
        subjectKind: v.subjectKind as never,
        subjectValue: v.subjectValue,
        typeName: v.typeName,
        fields: v.fields ?? [],
        effect: v.effect,
        maskStrategy: v.effect === 'MASK' ? (v.maskStrategy as never) : null,
        scopeKind: v.scopeKind as never,
        unitCreditCodes: v.scopeKind === 'LISTED_UNITS' ? (v.unitCreditCodes ?? []) : [],
        validTo: v.validTo ? v.validTo.endOf('day').toISOString() : null,
        purpose: v.purpose,
      },
    });
    if (res.error) return void message.error(describeError(res.error));
    message.success('授权已创建');
    onClose(true);
  };
  const subjects =
    kind === 'AGENCY' ? agencies.map((a) => ({ value: a.id, label: a.name }))
    : kind === 'TEAM' ? teams.filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }))
    : kind === 'ROLE' ? enumOptions('Role')
    : [];
  return (
    <Modal open title="新建授权" okText="创建" cancelText="取消" onOk={() => form.submit()} confirmLoading={fetching} onCancel={() => onClose(false)} width={620}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ effect: 'ALLOW', scopeKind: 'ALL_UNITS', fields: [], unitCreditCodes: [] }}>
        <Form.Item label="授权对象" required style={{ marginBottom: 0 }}>
          <Form.Item name="subjectKind" rules={[{ required: true, message: '请选择' }]} style={{ display: 'inline-block', width: 140, marginRight: 8 }}>
            <Select options={enumOptions('GrantSubjectKind')} onChange={() => form.setFieldValue('subjectValue', undefined)} />
          </Form.Item>
          <Form.Item name="subjectValue" rules={[{ required: true, message: '请选择授权对象' }]} style={{ display: 'inline-block', width: 'calc(100% - 148px)' }}>
            {kind === 'PRINCIPAL' ? <Input placeholder="人员编号（在“用户与密钥”中查看）" /> : <Select showSearch optionFilterProp="label" options={subjects} />}
          </Form.Item>
        </Form.Item>
        <Form.Item label="数据类型" name="typeName" rules={[{ required: true, message: '请选择' }]}>
          <Select options={types.map((t) => ({ value: t, label: typeLabel(t) }))} onChange={() => form.setFieldValue('fields', [])} />
        </Form.Item>
        {typeName && (
          <Form.Item label="字段（不选即全部有条件共享字段）" name="fields">
            <Checkbox.Group options={catalog.filter((f) => f.typeName === typeName && f.sensitivity === 'CONDITIONAL').map((f) => ({ value: f.fieldName, label: fieldLabel(typeName, f.fieldName) }))} />
          </Form.Item>
        )}
        <Form.Item label="方式" name="effect">
          <Radio.Group options={[{ value: 'ALLOW', label: enumLabel('GrantEffect', 'ALLOW') }, { value: 'MASK', label: enumLabel('GrantEffect', 'MASK') }]} />
        </Form.Item>
        {effect === 'MASK' && (
          <Form.Item label="脱敏方式" name="maskStrategy" rules={[{ required: true, message: '请选择脱敏方式' }]}>
            <Select options={enumOptions('MaskStrategy')} />
          </Form.Item>
        )}
        <Form.Item label="范围" name="scopeKind">
          <Radio.Group options={enumOptions('GrantScopeKind')} />
        </Form.Item>
        {scope === 'LISTED_UNITS' && (
          <Form.Item label="被巡察单位（统一社会信用代码）" name="unitCreditCodes" rules={[{ required: true, message: '至少一个单位' }]}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        )}
        <Form.Item label="有效期至（不填即撤销为止）" name="validTo">
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="用途" name="purpose" rules={[{ required: true, min: 4, message: '请说明用途（至少 4 个字）' }]}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function NarrowGrantDialog({ grant, onClose }: { grant: GrantRow; onClose: (ok: boolean) => void }) {
  const { message } = App.useApp();
  const { fields: catalog, fieldLabel } = useCatalog();
  const all = grant.fields.length ? grant.fields : catalog.filter((f) => f.typeName === grant.typeName && f.sensitivity === 'CONDITIONAL').map((f) => f.fieldName);
  const [fields, setFields] = useState<string[]>(all);
  const [validTo, setValidTo] = useState<Dayjs | null>(null);
  const [mask, setMask] = useState<string | undefined>();
  const [{ fetching }, narrow] = useMutation(NarrowGrant);
  const submit = async () => {
    const input = {
      ...(fields.length !== all.length ? { fields } : {}),
      ...(validTo ? { validTo: validTo.endOf('day').toISOString() } : {}),
      ...(mask ? { effect: 'MASK' as const, maskStrategy: mask as never } : {}),
    };
    if (!Object.keys(input).length) return void message.warning('没有收窄任何内容');
    const res = await narrow({ id: grant.id, input });
    if (res.error) return void message.error(describeError(res.error));
    message.success('授权已收窄');
    onClose(true);
  };
  return (
    <Modal open title={`收窄授权：${typeLabel(grant.typeName)}`} okText="收窄" cancelText="取消" onOk={submit} confirmLoading={fetching} onCancel={() => onClose(false)}>
      <Form layout="vertical">
        <Form.Item label="保留的字段">
          <Checkbox.Group value={fields} onChange={(v) => setFields(v as string[])} options={all.map((f) => ({ value: f, label: fieldLabel(grant.typeName, f) }))} />
        </Form.Item>
        <Form.Item label="提前结束于">
          <DatePicker value={validTo} onChange={setValidTo} disabledDate={(d) => d.isBefore(dayjs(), 'day') || (!!grant.validTo && d.isAfter(dayjs(grant.validTo)))} />
        </Form.Item>
        {grant.effect === 'ALLOW' && (
          <Form.Item label="改为脱敏提供">
            <Select allowClear placeholder="保持原文可见" value={mask} onChange={setMask} options={enumOptions('MaskStrategy')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Before/after of a change as readable lines (only what changed). */
function changes(before: Record<string, unknown> | null | undefined, after: Record<string, unknown>, fieldName: (f: string) => string): string[] {
  const LABELS: Record<string, string> = { fields: '字段', effect: '方式', maskStrategy: '脱敏方式', scopeKind: '范围', unitCreditCodes: '单位', validFrom: '生效', validTo: '到期', revokedAt: '撤销时间', purpose: '用途' };
  const show = (k: string, v: unknown) =>
    v === null || v === undefined ? '无' : k === 'effect' ? enumLabel('GrantEffect', String(v)) : k === 'maskStrategy' ? enumLabel('MaskStrategy', String(v)) : k === 'scopeKind' ? enumLabel('GrantScopeKind', String(v)) : k.endsWith('At') || k.startsWith('valid') ? dateTime(String(v)) : Array.isArray(v) ? (k === 'fields' ? v.map((f) => fieldName(String(f))) : v).join('、') || '全部' : String(v);
  return Object.keys(LABELS)
    .filter((k) => k in after || (before && k in before))
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]))
    .map((k) => (before ? `${LABELS[k]}：${show(k, before[k])} → ${show(k, after[k])}` : `${LABELS[k]}：${show(k, after[k])}`));
}

export function GrantHistoryDrawer({ grant, onClose }: { grant: GrantRow; onClose: () => void }) {
  const [{ data }] = useQuery({ query: History, variables: { grantId: grant.id }, requestPolicy: 'network-only' });
  const { fieldLabel } = useCatalog();
  return (
    <Drawer open width={520} title={`变更记录：${typeLabel(grant.typeName)}`} onClose={onClose}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="用途">{grant.purpose}</Descriptions.Item>
        <Descriptions.Item label="创建人">{grant.createdByPrincipal?.name ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Timeline
        items={(data?.grantHistory ?? []).map((c) => ({
          color: c.action === 'REVOKE' ? 'red' : c.action === 'CREATE' ? 'green' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{enumLabel('GrantChangeAction', c.action)}</Typography.Text>　{dateTime(c.changedAt)}　{c.changedByPrincipal?.name ?? '—'}
              <span className="hub-muted">（{c.changedByPrincipal?.agency?.name ?? '—'}）</span>
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {changes(c.before, c.after, (f) => fieldLabel(grant.typeName, f)).map((line) => <li key={line}>{line}</li>)}
              </ul>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}
