import { DownloadOutlined, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { enumLabel, requestExplanation, SECTION_HEADINGS, sectionNote, sectionReadable } from '@labels';
import { EnumTag, orDash, PageTitle, pct, QueryState } from '../../components/common';
import { graphql } from '../../gql';

const DossierQuery = graphql(`
  query ConsoleDossier($unit: String!, $round: UUID!) {
    preInspectionDossier(unitCreditCode: $unit, roundId: $round) {
      round { id name startDate endDate status }
      team { name leader { name } }
      profile { availability requests { typeName status declineReason providerAgencyName } unit { name creditCode kind authorisedHeadcount actualHeadcount region { name } leadershipTeam { id name post } } }
      petitions {
        availability requests { typeName status declineReason providerAgencyName }
        stats { total anonymousShare byCategory { category count } }
        items(first: 20) { totalCount nodes { id receivedDate category summary conclusion status maskedFields } }
      }
      clues { availability requests { typeName status declineReason providerAgencyName } items(first: 20) { totalCount nodes { id receivedDate summary disposalMethod status maskedFields } } }
      sanctions { availability requests { typeName status declineReason providerAgencyName } items(first: 20) { totalCount nodes { id level decidedDate reason maskedFields } } }
      supervision { availability requests { typeName status declineReason providerAgencyName } groups { id name notes } }
      audit { availability requests { typeName status declineReason providerAgencyName } stats { findings rectified } findings(first: 20) { totalCount nodes { id category description amount rectificationStatus maskedFields } } }
      history { availability requests { typeName status declineReason providerAgencyName } inspections { round { id name startDate } rectificationRate } }
    }
  }
`);

type Request = { typeName: string; status: string; declineReason?: string | null; providerAgencyName: string };

const BADGE: Record<string, 'success' | 'processing' | 'warning' | 'error' | 'default'> = {
  AVAILABLE: 'success', EMPTY: 'processing', PENDING_REQUEST: 'warning', DECLINED: 'error', NOT_SHARED: 'default', SOURCE_UNAVAILABLE: 'warning',
};

/** One section: its single state as a badge, the requests that explain it, and its data only when readable. */
function Section({ n, name, section, children }: { n: number; name: string; section: { availability: string; requests?: Request[] | null } | null | undefined; children?: React.ReactNode }) {
  const availability = section?.availability ?? 'SOURCE_UNAVAILABLE';
  const requests = section?.requests ?? [];
  const note = sectionNote(availability, requests.length);
  return (
    <Card
      size="small"
      data-testid={`section-${name}`}
      data-availability={availability}
      title={
        <span className="hub-section-title">
          <span>{['一', '二', '三', '四', '五', '六', '七'][n]}、{SECTION_HEADINGS[name]}</span>
          <Badge status={BADGE[availability]} text={<strong>{enumLabel('SectionAvailability', availability)}</strong>} />
        </span>
      }
    >
      {requests.length > 0 && (
        <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
          {requests.map((r, i) => (
            <li key={i}>
              {requestExplanation(r, availability)} <EnumTag of="DataRequestStatus" value={r.status} />
            </li>
          ))}
        </ul>
      )}
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      {sectionReadable(availability) && children}
    </Card>
  );
}

const masked = (row: { maskedFields?: string[] }, field: string, value: React.ReactNode) =>
  row.maskedFields?.includes(field) ? <Space size={4}>{orDash(value)}<Tag color="gold">脱敏</Tag></Space> : orDash(value);

/** The pre-inspection dossier of one unit in one round, with the printable briefing and its PDF. */
export function DossierPage() {
  const { roundId = '', unit = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: DossierQuery, variables: { unit, round: roundId } });
  const frame = useRef<HTMLIFrameElement>(null);
  const d = data?.preInspectionDossier;
  const u = d?.profile?.unit;
  const query = `unit=${encodeURIComponent(unit)}&round=${encodeURIComponent(roundId)}`;
  const print = () => {
    const f = frame.current;
    if (!f) return;
    f.onload = () => f.contentWindow?.print();
    f.src = `/dossier.html?${query}&print=${Date.now()}`;
  };
  return (
    <>
      <PageTitle
        title={`巡前材料：${u?.name ?? unit}`}
        extra={[
          <Button key="open" icon={<ExportOutlined />} href={`/dossier.html?${query}`} target="_blank" rel="noopener">在新窗口打开</Button>,
          <Button key="print" icon={<PrinterOutlined />} onClick={print}>打印</Button>,
          <Button key="pdf" type="primary" icon={<DownloadOutlined />} href={`/dossier.pdf?${query}`} download data-testid="download-pdf">下载 PDF</Button>,
        ]}
      >
        {d ? `${d.round?.name ?? ''}　${d.team?.name ?? ''}　组长：${d.team?.leader?.name ?? '—'}` : ''}
      </PageTitle>
      <iframe ref={frame} title="打印巡前材料" style={{ position: 'absolute', width: 0, height: 0, border: 0 }} />
      <QueryState fetching={fetching} error={error}>
        {!d && !fetching && !error && <Alert type="warning" showIcon message="没有这份巡前材料" />}
        {d && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Section n={0} name="profile" section={d.profile}>
              <Descriptions size="small" column={3} bordered>
                <Descriptions.Item label="单位名称">{u?.name}</Descriptions.Item>
                <Descriptions.Item label="统一社会信用代码">{u?.creditCode}</Descriptions.Item>
                <Descriptions.Item label="类型">{enumLabel('UnitKind', u?.kind)}</Descriptions.Item>
                <Descriptions.Item label="所在地区">{orDash(u?.region?.name)}</Descriptions.Item>
                <Descriptions.Item label="核定编制">{orDash(u?.authorisedHeadcount)}</Descriptions.Item>
                <Descriptions.Item label="实有人数">{orDash(u?.actualHeadcount)}</Descriptions.Item>
                <Descriptions.Item label="领导班子" span={3}>{u?.leadershipTeam.map((c) => `${c.name}（${c.post ?? '—'}）`).join('、') || '—'}</Descriptions.Item>
              </Descriptions>
            </Section>
            <Section n={1} name="petitions" section={d.petitions}>
              <Typography.Paragraph>
                信访件共 {d.petitions?.stats?.total ?? '—'} 件，匿名占比 {pct(d.petitions?.stats?.anonymousShare)}；
                {(d.petitions?.stats?.byCategory ?? []).map((c) => `${enumLabel('PetitionCategory', c.category)} ${c.count} 件`).join('，')}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.petitions?.items?.nodes ?? []}
                columns={[
                  { title: '受理日期', dataIndex: 'receivedDate', width: 110 },
                  { title: '类别', dataIndex: 'category', width: 170, render: (v) => enumLabel('PetitionCategory', v) },
                  { title: '摘要', render: (_, r) => masked(r, 'summary', r.summary) },
                  { title: '办理结果', render: (_, r) => masked(r, 'conclusion', r.conclusion) },
                  { title: '状态', dataIndex: 'status', width: 90, render: (v) => enumLabel('PetitionStatus', v) },
                ]}
              />
            </Section>
            <Section n={2} name="clues" section={d.clues}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.clues?.items?.nodes ?? []}
                columns={[
                  { title: '受理日期', dataIndex: 'receivedDate', width: 110 },
                  { title: '摘要', render: (_, r) => masked(r, 'summary', r.summary) },
                  { title: '处置方式', dataIndex: 'disposalMethod', width: 110, render: (v) => enumLabel('DisposalMethod', v) },
                  { title: '状态', dataIndex: 'status', width: 90, render: (v) => enumLabel('ClueStatus', v) },
                ]}
              />
            </Section>
            <Section n={3} name="sanctions" section={d.sanctions}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.sanctions?.items?.nodes ?? []}
                columns={[
                  { title: '处分种类', dataIndex: 'level', width: 140, render: (v) => enumLabel('SanctionLevel', v) },
                  { title: '决定日期', dataIndex: 'decidedDate', width: 110 },
                  { title: '处分事由', render: (_, r) => masked(r, 'reason', r.reason) },
                ]}
              />
            </Section>
            <Section n={4} name="supervision" section={d.supervision}>
              <Table size="small" rowKey="id" pagination={false} dataSource={d.supervision?.groups ?? []} columns={[{ title: '派驻组', dataIndex: 'name', width: 260 }, { title: '监督情况', dataIndex: 'notes', render: orDash }]} />
            </Section>
            <Section n={5} name="audit" section={d.audit}>
              <Typography.Paragraph>审计发现问题 {d.audit?.stats?.findings ?? '—'} 个，已整改 {d.audit?.stats?.rectified ?? '—'} 个。</Typography.Paragraph>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.audit?.findings?.nodes ?? []}
                columns={[
                  { title: '问题类别', dataIndex: 'category', width: 130, render: (v) => enumLabel('AuditFindingCategory', v) },
                  { title: '问题描述', render: (_, r) => masked(r, 'description', r.description) },
                  { title: '涉及金额（元）', width: 140, render: (_, r) => masked(r, 'amount', r.amount) },
                  { title: '整改状态', dataIndex: 'rectificationStatus', width: 90, render: (v) => enumLabel('RectificationStatus', v) },
                ]}
              />
            </Section>
            <Section n={6} name="history" section={d.history}>
              <Table
                size="small"
                rowKey={(r) => r.round.id}
                pagination={false}
                dataSource={d.history?.inspections ?? []}
                columns={[
                  { title: '轮次', render: (_, r) => r.round.name },
                  { title: '进驻日期', width: 120, render: (_, r) => r.round.startDate },
                  { title: '整改完成率', width: 120, render: (_, r) => pct(r.rectificationRate) },
                ]}
              />
            </Section>
          </Space>
        )}
      </QueryState>
    </>
  );
}
