import { FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { enumLabel } from '@labels';
import { EnumTag, PageTitle, QueryState } from '../../components/common';
import { graphql } from '../../gql';

const RoundsQuery = graphql(`
  query ConsoleRounds {
    rounds(first: 30) {
      nodes {
        id name kind mode status startDate endDate
        teams {
          id name
          leader { name }
          members { name }
          units { name creditCode kind region { name } }
        }
      }
    }
  }
`);

/** Rounds and their teams; each unit opens its pre-inspection dossier (巡前材料). */
export function RoundsPage() {
  const [{ data, fetching, error }] = useQuery({ query: RoundsQuery });
  const rounds = data?.rounds?.nodes ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const current = rounds.find((r) => r.id === picked) ?? rounds.find((r) => r.status === 'PLANNED') ?? rounds.find((r) => r.status === 'IN_PROGRESS') ?? rounds[0];
  return (
    <>
      <PageTitle title="巡察轮次与巡前材料">选择轮次查看巡察组及被巡察单位，点击“巡前材料”查看各单位的协查材料。</PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={rounds}
          pagination={false}
          scroll={{ y: 220 }}
          onRow={(r) => ({ onClick: () => setPicked(r.id), style: { cursor: 'pointer' } })}
          rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '轮次', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kind', width: 120, render: (v) => enumLabel('InspectionKind', v) },
            { title: '方式', dataIndex: 'mode', width: 100, render: (v) => enumLabel('InspectionMode', v) },
            { title: '进驻时间', width: 210, render: (_, r) => `${r.startDate} 至 ${r.endDate}` },
            { title: '状态', dataIndex: 'status', width: 90, render: (v) => <EnumTag of="InspectionRoundStatus" value={v} /> },
            { title: '巡察组', width: 70, render: (_, r) => r.teams.length },
          ]}
        />
        {current && (
          <Card size="small" title={<span>{current.name} <EnumTag of="InspectionRoundStatus" value={current.status} /></span>}>
            {current.teams.length === 0 && <Empty description="本轮尚无巡察组" />}
            <Row gutter={[12, 12]}>
              {current.teams.map((team) => (
                <Col key={team.id} xs={24} xl={12}>
                  <Card
                    size="small"
                    type="inner"
                    title={team.name}
                    extra={<Typography.Text type="secondary">组长：{team.leader?.name ?? '—'}　成员：{team.members.map((m) => m.name).join('、') || '—'}</Typography.Text>}
                  >
                    <List
                      size="small"
                      dataSource={team.units.filter((u) => u !== null)}
                      renderItem={(u) => (
                        <List.Item
                          actions={[
                            <Link key="d" to={`/dossier/${current.id}/${u.creditCode}`}>
                              <Button size="small" type="primary" ghost icon={<FileTextOutlined />}>巡前材料</Button>
                            </Link>,
                          ]}
                        >
                          <List.Item.Meta
                            title={u.name}
                            description={<span>{u.region?.name ?? ''} <Tag>{enumLabel('UnitKind', u.kind)}</Tag><Typography.Text type="secondary" copyable>{u.creditCode}</Typography.Text></span>}
                          />
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        )}
      </QueryState>
    </>
  );
}
