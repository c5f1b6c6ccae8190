import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ENUM_LABELS, enumLabel } from '@labels';
import { describeError } from '../../api';
import { dateTime, EnumTag, orDash, PageTitle, QueryState, enumOptions } from '../../components/common';
import { graphql } from '../../gql';
import type { ConsoleFastTrackQuery } from '../../gql/graphql';

const FastTrack = graphql(`
  query ConsoleFastTrack($status: FastTrackStatus) {
    fastTrackClues(first: 50, status: $status) {
      totalCount
      nodes {
        id status discoveredDate summary details evidenceRefs teamOpinion commissionOpinion disposalMethod result transferredAt filedAt closedAt allowedNext
        unit { name } round { name } team { name }
        events { id action toStatus actorName actorAgencyKind at }
      }
    }
    rounds(first: 20, status: IN_PROGRESS) { nodes { id name teams { id name units { name creditCode } } } }
  }
`);
const Record = graphql(`
  mutation ConsoleRecordClue($input: FastTrackClueInput!) { recordFastTrackClue(input: $input) { id status } }
`);
const Opinion = graphql(`
  mutation ConsoleClueOpinion($id: UUID!, $opinion: String!) { recordClueOpinion(id: $id, opinion: $opinion) { id status } }
`);
const Accept = graphql(`
  mutation ConsoleAcceptClue($id: UUID!) { acceptClueTransfer(id: $id) { id status } }
`);
const Dispose = graphql(`
  mutation ConsoleDisposeClue($id: UUID!, $method: DisposalMethod!) { disposeClue(id: $id, method: $method) { id status } }
`);
const File = graphql(`
  mutation ConsoleFileClue($id: UUID!) { fileClueCase(id: $id) { id status } }
`);
const Close = graphql(`
  mutation ConsoleCloseClue($id: UUID!, $result: String!) { closeClue(id: $id, result: $result) { id status } }
`);

type Clue = NonNullable<ConsoleFastTrackQuery['fastTrackClues']>['nodes'][number];
type Step = { kind: 'REVIEWED' | 'TRANSFERRED' | 'DISPOSED' | 'FILED' | 'CLOSED'; clue: Clue };
const STEP_BUTTONS: Record<Step['kind'], string> = { REVIEWED: '填写研判意见', TRANSFERRED: '接收移交', DISPOSED: '处置', FILED: '立案', CLOSED: '办结' };

/** The next step of a clue: opinion, acceptance, disposal, filing, closing — the hub checks who may. */
function StepDialog({ step, onClose }: { step: Step; onClose: (ok: boolean) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [method, setMethod] = useState<string | undefined>();
  const [, opinion] = useMutation(Opinion);
  const [, accept] = useMutation(Accept);
  const [, dispose] = useMutation(Dispose);
  const [, file] = useMutation(File);
  const [, close] = useMutation(Close);
  const [busy, setBusy] = useState(false);
  const id = step.clue.id;
  const submit = async () => {
    setBusy(true);
    const res = await (step.kind === 'REVIEWED' ? opinion({ id, opinion: text })
      : step.kind === 'TRANSFERRED' ? accept({ id })
      : step.kind === 'DISPOSED' ? dispose({ id, method: method as never })
      : step.kind === 'FILED' ? file({ id })
      : close({ id, result: text }));
    setBusy(false);
    if (res.error) return void message.error(describeError(res.error));
    message.success('已办理');
    onClose(true);
  };
  const needsText = step.kind === 'REVIEWED' || step.kind === 'CLOSED';
  return (
    <Modal open title={`${STEP_BUTTONS[step.kind]}：${step.clue.unit?.name ?? ''}`} okText="确定" cancelText="取消" confirmLoading={busy} onOk={submit} okButtonProps={{ disabled: (needsText && text.trim().length < 2) || (step.kind === 'DISPOSED' && !method) }} onCancel={() => onClose(false)}>
      {needsText && <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={step.kind === 'REVIEWED' ? '研判意见' : '办理结果（反馈巡察办）'} maxLength={2000} />}
      {step.kind === 'DISPOSED' && <Select style={{ width: '100%' }} placeholder="处置方式" value={method} onChange={setMethod} options={enumOptions('DisposalMethod')} />}
      {(step.kind === 'TRANSFERRED' || step.kind === 'FILED') && <Typography.Paragraph>确认后记入办理记录，并同步到纪委监委问题线索台账。</Typography.Paragraph>}
    </Modal>
  );
}

function RecordDialog({ rounds, onClose }: { rounds: NonNullable<ConsoleFastTrackQuery['rounds']>['nodes']; onClose: (ok: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const roundId = Form.useWatch('roundId', form);
  const [{ fetching }, record] = useMutation(Record);
  const [clientKey] = useState(() => crypto.randomUUID());
  const units = (rounds.find((r) => r.id === roundId)?.teams ?? []).flatMap((t) => t.units.filter((u) => u !== null).map((u) => ({ value: u.creditCode, label: `${u.name}（${t.name}）` })));
  const submit = async (v: { roundId: string; unit: string; summary: string; details: string; discovered: dayjs.Dayjs; evidence?: string }) => {
    const res = await record({
      input: { roundId: v.roundId, unitCreditCode: v.unit, summary: v.summary, details: v.details, discoveredDate: v.discovered.format('YYYY-MM-DD'), evidenceRefs: (v.evidence ?? '').split(/[,，\s]+/).filter(Boolean), clientKey },
    });
    if (res.error) return void message.error(describeError(res.error));
    message.success('线索已登记，等待联席研判');
    onClose(true);
  };
  return (
    <Modal open title="登记问题线索" okText="登记" cancelText="取消" onOk={() => form.submit()} confirmLoading={fetching} onCancel={() => onClose(false)} width={600}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ discovered: dayjs() }}>
        <Form.Item label="巡察轮次" name="roundId" rules={[{ required: true, message: '请选择进驻中的轮次' }]}>
          <Select options={rounds.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item label="被巡察单位" name="unit" rules={[{ required: true, message: '请选择' }]}>
          <Select options={units} disabled={!roundId} />
        </Form.Item>
        <Form.Item label="线索摘要" name="summary" rules={[{ required: true, message: '请填写' }]}><Input maxLength={500} /></Form.Item>
        <Form.Item label="线索详情" name="details" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={4} /></Form.Item>
        <Form.Item label="发现日期" name="discovered" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        <Form.Item label="证据材料编号（逗号分隔）" name="evidence"><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

/** The fast track (线索绿色通道): clues found during a round, their joint review and every step to closing. */
export function FastTrackPage() {
  const [status, setStatus] = useState<string | undefined>();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FastTrack, variables: { status: status as never } });
  const [dialog, setDialog] = useState<Step | 'record' | null>(null);
  const clues = data?.fastTrackClues?.nodes ?? [];
  const done = (ok: boolean) => {
    setDialog(null);
    if (ok) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <PageTitle
        title="线索绿色通道"
        extra={
          <Space>
            <Select allowClear placeholder="全部状态" style={{ width: 140 }} value={status} onChange={setStatus} options={enumOptions('FastTrackStatus')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('record')} disabled={!data?.rounds?.nodes.length}>登记线索</Button>
          </Space>
        }
      >
        巡察中发现的问题线索当天登记，巡察组与纪委监委联席研判后即时移交；每一步都有时间和经办人。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={clues}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          expandable={{
            expandedRowRender: (c) => (
              <Space align="start" size="large" style={{ width: '100%' }}>
                <Descriptions size="small" column={1} style={{ width: 520 }}>
                  <Descriptions.Item label="线索详情">{orDash(c.details)}</Descriptions.Item>
                  <Descriptions.Item label="证据材料">{orDash(c.evidenceRefs?.join('、'))}</Descriptions.Item>
                  <Descriptions.Item label="巡察组意见">{orDash(c.teamOpinion)}</Descriptions.Item>
                  <Descriptions.Item label="纪委监委意见">{orDash(c.commissionOpinion)}</Descriptions.Item>
                  <Descriptions.Item label="处置方式">{enumLabel('DisposalMethod', c.disposalMethod)}</Descriptions.Item>
                  <Descriptions.Item label="办理结果">{orDash(c.result)}</Descriptions.Item>
                </Descriptions>
                <Timeline
                  items={c.events.map((e) => ({
                    children: <span>{dateTime(e.at)}　{enumLabel('FastTrackAction', e.action)}　{e.actorName}（{enumLabel('AgencyKind', e.actorAgencyKind)}）→ {enumLabel('FastTrackStatus', e.toStatus)}</span>,
                  }))}
                />
              </Space>
            ),
          }}
          columns={[
            { title: '被巡察单位', render: (_, c) => <span>{c.unit?.name ?? '—'}<br /><span className="hub-muted">{c.team?.name}</span></span> },
            { title: '线索摘要', render: (_, c) => orDash(c.summary) },
            { title: '发现日期', dataIndex: 'discoveredDate', width: 110 },
            { title: '移交时间', dataIndex: 'transferredAt', width: 160, render: dateTime },
            { title: '状态', dataIndex: 'status', width: 110, render: (v) => <EnumTag of="FastTrackStatus" value={v} /> },
            {
              title: '下一步',
              width: 220,
              render: (_, c) => (
                <Space size={4} wrap>
                  {c.allowedNext.map((next) => (
                    <Button key={next} size="small" onClick={() => setDialog({ kind: next as Step['kind'], clue: c })}>{STEP_BUTTONS[next as Step['kind']] ?? enumLabel('FastTrackStatus', next)}</Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      {dialog === 'record' && <RecordDialog rounds={data?.rounds?.nodes ?? []} onClose={done} />}
      {dialog && dialog !== 'record' && <StepDialog step={dialog} onClose={done} />}
    </>
  );
}
