import { Card, Col, DatePicker, Row, Select, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Chart } from '../../components/Chart';
import { PageTitle, pct, QueryState } from '../../components/common';
import { graphql } from '../../gql';
import type { ConsoleStatisticsQuery, ConsoleStatisticsQueryVariables } from '../../gql/graphql';

const Options = graphql(`
  query ConsoleStatisticsOptions {
    rounds(first: 30) { nodes { id name status teams { id name } } }
    regions { code name }
  }
`);
const Districts = graphql(`
  query ConsoleStatisticsDistricts($city: String!) { regions(parentCode: $city) { code name } }
`);
const Statistics = graphql(`
  query ConsoleStatistics($roundId: UUID, $teamId: UUID, $regionCode: String, $from: Date, $to: Date) {
    inspectionStatistics(roundId: $roundId, teamId: $teamId, regionCode: $regionCode, from: $from, to: $to) {
      clues transferred medianDaysToTransfer p90DaysToTransfer closed filed filingRate closureRate findings rectifiedFindings rectificationRate immediateRectifications rulesEstablished
    }
  }
`);

type Stats = NonNullable<ConsoleStatisticsQuery['inspectionStatistics']>;
type Filter = Omit<ConsoleStatisticsQueryVariables, 'roundId' | 'teamId' | 'regionCode'>;

/** The same statistics once per group (round, team or district), each through the API with the caller's own scope. */
function useStatsBy(groups: { key: string; label: string; vars: ConsoleStatisticsQueryVariables }[]) {
  const client = useClient();
  const [result, setResult] = useState<{ label: string; stats: Stats | null }[] | null>(null);
  const signature = JSON.stringify(groups.map((g) => g.vars));
  useEffect(() => {
    let live = true;
    setResult(null);
    Promise.all(groups.map(async (g) => ({ label: g.label, stats: (await client.query(Statistics, g.vars).toPromise()).data?.inspectionStatistics ?? null }))).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, signature]);
  return result;
}

const rateChart = (rows: { label: string; stats: Stats | null }[] = []) => ({
  tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}%` },
  legend: { top: 0, data: ['立案率', '整改完成率', '线索办结率'] },
  grid: { left: 48, right: 16, bottom: 8, top: 40, containLabel: true },
  xAxis: { type: 'category' as const, data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 3 ? 20 : 0, fontSize: 11 } },
  yAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
  series: [
    { name: '立案率', type: 'bar' as const, data: rows.map((r) => (r.stats?.filingRate ?? 0) * 100) },
    { name: '整改完成率', type: 'bar' as const, data: rows.map((r) => (r.stats?.rectificationRate ?? 0) * 100) },
    { name: '线索办结率', type: 'bar' as const, data: rows.map((r) => (r.stats?.closureRate ?? 0) * 100) },
  ],
});

const daysChart = (rows: { label: string; stats: Stats | null }[] = []) => ({
  tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} 天` },
  legend: { top: 0, data: ['中位数', '90% 分位'] },
  grid: { left: 48, right: 16, bottom: 8, top: 40, containLabel: true },
  xAxis: { type: 'category' as const, data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 3 ? 20 : 0, fontSize: 11 } },
  yAxis: { type: 'value' as const, name: '天' },
  series: [
    { name: '中位数', type: 'bar' as const, data: rows.map((r) => r.stats?.medianDaysToTransfer ?? 0) },
    { name: '90% 分位', type: 'bar' as const, data: rows.map((r) => r.stats?.p90DaysToTransfer ?? 0) },
  ],
});

/** Statistics (统计分析): filing, closure and rectification rates and days to transfer, by round, team and district. */
export function StatisticsPage() {
  const [{ data: options }] = useQuery({ query: Options });
  const city = options?.regions?.[0]?.code;
  const [{ data: districtData }] = useQuery({ query: Districts, variables: { city: city ?? '' }, pause: !city });
  const rounds = (options?.rounds?.nodes ?? []).filter((r) => r.status !== 'PLANNED' && r.status !== 'CANCELLED');
  const districts = districtData?.regions ?? [];
  const [roundId, setRoundId] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const period: Filter = { from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null };
  const [{ data, fetching, error }] = useQuery({ query: Statistics, variables: { roundId, teamId, regionCode, ...period } });
  const s = data?.inspectionStatistics;
  const round = rounds.find((r) => r.id === roundId);
  const byRound = useStatsBy(rounds.slice(0, 8).map((r) => ({ key: r.id, label: r.name.replace(/巡察.*$/, '巡察'), vars: { roundId: r.id, regionCode, ...period } })));
  const byGroup = useStatsBy(
    round
      ? round.teams.map((t) => ({ key: t.id, label: t.name, vars: { roundId: round.id, teamId: t.id, ...period } }))
      : districts.map((d) => ({ key: d.code, label: d.name, vars: { regionCode: d.code, ...period } })),
  );
  const groupName = round ? `${round.name}各巡察组` : '各区（县）';
  // Districts arrive with their own query: until then the district charts are still loading, not empty.
  const groupsLoading = !byGroup || (!round && !districtData);
  return (
    <>
      <PageTitle
        title="统计分析"
        extra={
          <Space wrap>
            <Select allowClear placeholder="全部轮次" style={{ width: 260 }} value={roundId} onChange={(v) => { setRoundId(v); setTeamId(undefined); }} options={rounds.map((r) => ({ value: r.id, label: r.name }))} />
            <Select allowClear placeholder="全部巡察组" style={{ width: 130 }} value={teamId} onChange={setTeamId} disabled={!round} options={(round?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))} />
            <Select allowClear placeholder="全市" style={{ width: 120 }} value={regionCode} onChange={setRegionCode} options={districts.map((d) => ({ value: d.code, label: d.name }))} />
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
          </Space>
        }
      >
        统计均按您有权查看的数据计算。立案率 = 立案数 / 办结数；整改完成率 = 整改完成的问题 / 发现问题。
      </PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Row gutter={[12, 12]}>
          {[
            ['问题线索', s?.clues, '条'], ['已移交', s?.transferred, '条'], ['已办结', s?.closed, '条'], ['已立案', s?.filed, '件'],
          ].map(([title, value, suffix]) => (
            <Col span={3} key={String(title)}><Card size="small"><Statistic title={title} value={value as number ?? '—'} suffix={suffix} /></Card></Col>
          ))}
          <Col span={3}><Card size="small"><Statistic title="立案率" value={pct(s?.filingRate)} valueStyle={{ color: '#a8071a' }} /></Card></Col>
          <Col span={3}><Card size="small"><Statistic title="整改完成率" value={pct(s?.rectificationRate)} valueStyle={{ color: '#389e0d' }} /></Card></Col>
          <Col span={3}><Card size="small"><Statistic title="移交天数中位数" value={s?.medianDaysToTransfer ?? '—'} suffix="天" /></Card></Col>
          <Col span={3}><Card size="small"><Statistic title="建章立制" value={s?.rulesEstablished ?? '—'} suffix="项" /></Card></Col>
          <Col span={24}>
            <Typography.Text type="secondary">
              发现问题 {s?.findings ?? '—'} 个，已整改 {s?.rectifiedFindings ?? '—'} 个，立行立改 {s?.immediateRectifications ?? '—'} 个；移交天数 90% 分位 {s?.p90DaysToTransfer ?? '—'} 天。
            </Typography.Text>
          </Col>
        </Row>
        <Row gutter={[12, 12]}>
          <Col span={12}><Card size="small" title="各轮次：立案率、整改完成率、办结率"><Chart option={rateChart(byRound ?? undefined)} loading={!byRound} /></Card></Col>
          <Col span={12}><Card size="small" title={`${groupName}：立案率、整改完成率、办结率`}><Chart option={rateChart(byGroup ?? undefined)} loading={groupsLoading} /></Card></Col>
          <Col span={12}><Card size="small" title="各轮次：发现到移交的天数"><Chart option={daysChart(byRound ?? undefined)} loading={!byRound} /></Card></Col>
          <Col span={12}><Card size="small" title={`${groupName}：发现到移交的天数`}><Chart option={daysChart(byGroup ?? undefined)} loading={groupsLoading} /></Card></Col>
        </Row>
      </QueryState>
    </>
  );
}
