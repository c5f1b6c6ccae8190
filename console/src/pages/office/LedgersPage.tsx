import { Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { enumLabel } from '@labels';
import { EnumTag, orDash, PageTitle, pct, QueryState } from '../../components/common';
import { graphql } from '../../gql';

const Districts = graphql(`
  query ConsoleDistricts {
    regions { code name }
    rounds(first: 30) { nodes { id name } }
  }
`);
const CityDistricts = graphql(`
  query ConsoleCityDistricts($city: String!) { regions(parentCode: $city) { code name } }
`);
const Ledger = graphql(`
  query ConsoleLedger($kind: UnitKind!, $regionCode: String, $roundId: UUID) {
    units(kind: $kind, regionCode: $regionCode, first: 100) {
      totalCount
      nodes {
        creditCode name region { name }
        rectificationLedger(roundId: $roundId) {
          total done verified overdue rulesEstablished
          items { id measures deadline status evidence finding { category description } }
        }
      }
    }
  }
`);

function LedgerTable({ kind, regionCode, roundId, onlyOpen }: { kind: 'TOWNSHIP' | 'PARTY_GOVERNMENT_DEPARTMENT'; regionCode?: string; roundId?: string; onlyOpen: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: Ledger, variables: { kind, regionCode, roundId } });
  const units = (data?.units?.nodes ?? []).filter((u) => u.rectificationLedger.total > 0 && (!onlyOpen || u.rectificationLedger.done < u.rectificationLedger.total));
  units.sort((a, b) => b.rectificationLedger.overdue - a.rectificationLedger.overdue);
  return (
    <QueryState fetching={fetching} error={error}>
      <Table
        size="small"
        rowKey="creditCode"
        dataSource={units}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        rowClassName={(u) => (u.rectificationLedger.overdue > 0 ? 'row-overdue' : '')}
        expandable={{
          expandedRowRender: (u) => (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={u.rectificationLedger.items}
              rowClassName={(i) => (i.status === 'OVERDUE' ? 'row-overdue' : '')}
              columns={[
                { title: '问题类别', width: 120, render: (_, i) => enumLabel('InspectionFindingCategory', i.finding?.category) },
                { title: '发现问题', render: (_, i) => orDash(i.finding?.description) },
                { title: '整改措施', render: (_, i) => orDash(i.measures) },
                { title: '整改期限', dataIndex: 'deadline', width: 110 },
                { title: '状态', dataIndex: 'status', width: 110, render: (v) => <EnumTag of="RectificationItemStatus" value={v} /> },
              ]}
            />
          ),
        }}
        columns={[
          { title: '责任单位', render: (_, u) => <span>{u.name}<br /><span className="hub-muted">{u.region?.name}</span></span> },
          { title: '整改事项', width: 90, render: (_, u) => u.rectificationLedger.total },
          { title: '已整改', width: 80, render: (_, u) => u.rectificationLedger.done },
          { title: '已验收', width: 80, render: (_, u) => u.rectificationLedger.verified },
          { title: '逾期', width: 80, render: (_, u) => (u.rectificationLedger.overdue ? <Tag color="red">{u.rectificationLedger.overdue} 项逾期</Tag> : 0) },
          { title: '完成率', width: 90, render: (_, u) => pct(u.rectificationLedger.done / u.rectificationLedger.total) },
          { title: '建章立制', width: 90, render: (_, u) => u.rectificationLedger.rulesEstablished },
        ]}
      />
      <Typography.Text type="secondary">仅列出有整改事项的单位；逾期由整改期限自动判定，排在最前。</Typography.Text>
    </QueryState>
  );
}

/** The two rectification ledgers (双台账): townships and county departments, overdue first and highlighted. */
export function LedgersPage() {
  const [{ data }] = useQuery({ query: Districts });
  const city = data?.regions?.[0]?.code;
  const [{ data: districts }] = useQuery({ query: CityDistricts, variables: { city: city ?? '' }, pause: !city });
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [roundId, setRoundId] = useState<string | undefined>();
  const [onlyOpen, setOnlyOpen] = useState(false);
  return (
    <>
      <PageTitle
        title="整改台账"
        extra={
          <Space wrap>
            <Select allowClear placeholder="全部轮次" style={{ width: 280 }} value={roundId} onChange={setRoundId} options={(data?.rounds?.nodes ?? []).map((r) => ({ value: r.id, label: r.name }))} />
            <Select allowClear placeholder="全市" style={{ width: 140 }} value={regionCode} onChange={setRegionCode} options={(districts?.regions ?? []).map((r) => ({ value: r.code, label: r.name }))} />
            <span>只看未完成 <Switch checked={onlyOpen} onChange={setOnlyOpen} /></span>
          </Space>
        }
      >
        乡镇（街道）和县直部门两本台账；整改事项由巡察办发布，纪委监委验收销号。
      </PageTitle>
      <Tabs
        items={[
          { key: 'township', label: '乡镇（街道）台账', children: <LedgerTable kind="TOWNSHIP" regionCode={regionCode} roundId={roundId} onlyOpen={onlyOpen} /> },
          { key: 'department', label: '部门台账', children: <LedgerTable kind="PARTY_GOVERNMENT_DEPARTMENT" regionCode={regionCode} roundId={roundId} onlyOpen={onlyOpen} /> },
        ]}
      />
    </>
  );
}
