import { Table, Tag } from 'antd';
import { useQuery } from 'urql';
import { PUBLISH_KIND_TYPES, publishKindLabel } from '@labels';
import { dateTime, orDash, PageTitle, QueryState } from '../../components/common';
import { useCatalog } from '../../components/fields';
import { graphql } from '../../gql';

const Batches = graphql(`
  query ConsolePublishBatches {
    publishBatches(first: 50) {
      id at kind batchKey accepted received created updated unchanged errorCount
      recordErrors { index externalId field message }
      publishedBy { name login }
    }
  }
`);

/**
 * What the agency's own systems (and officers) published to the hub recently: each
 * batch written with its counts, or refused whole with the records at fault. The
 * hub's messages about a record are shown as it gave them (marked verbatim).
 */
export function PublishedPage() {
  const [{ data, fetching, error }] = useQuery({ query: Batches, requestPolicy: 'cache-and-network' });
  const { fieldLabel } = useCatalog();
  const rows = data?.publishBatches ?? [];
  return (
    <>
      <PageTitle title="数据发布记录">本单位业务系统最近向平台发布的数据批次：成功写入的批次及其新增、更新条数；整批被拒绝的批次及出错的记录（整批未写入，修正后可用同一批次号重发）。</PageTitle>
      <QueryState fetching={fetching} error={error}>
        <Table
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          rowClassName={(b) => (b.accepted ? '' : 'row-overdue')}
          expandable={{
            rowExpandable: (b) => b.errorCount > 0,
            expandedRowRender: (b) => (
              <Table
                size="small"
                rowKey={(e) => `${e.index}-${e.field}`}
                pagination={false}
                dataSource={b.recordErrors}
                columns={[
                  { title: '记录序号', dataIndex: 'index', width: 90, render: (v: number) => v + 1 },
                  { title: '外部编号', dataIndex: 'externalId', width: 160, render: (v) => orDash(v && <span className="hub-verbatim">{v}</span>) },
                  { title: '字段', dataIndex: 'field', width: 180, render: (v: string) => <span className="hub-verbatim">{fieldLabel(PUBLISH_KIND_TYPES[b.kind] ?? '', v)}</span> },
                  { title: '问题（平台原文）', dataIndex: 'message', render: (v: string) => <span className="hub-verbatim">{v}</span> },
                ]}
                footer={b.errorCount > b.recordErrors.length ? () => `共 ${b.errorCount} 处问题，仅显示前 ${b.recordErrors.length} 处。` : undefined}
              />
            ),
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: dateTime },
            { title: '数据类别', dataIndex: 'kind', width: 150, render: publishKindLabel },
            { title: '批次号', dataIndex: 'batchKey', render: (v) => orDash(v && <span className="hub-verbatim">{v}</span>) },
            {
              title: '结果',
              width: 150,
              render: (_, b) => (b.accepted ? <Tag color="green">已写入</Tag> : <Tag color="red" data-testid="batch-rejected">整批拒绝：{b.errorCount} 处问题</Tag>),
            },
            { title: '收到', dataIndex: 'received', width: 70, align: 'right' },
            { title: '新增', dataIndex: 'created', width: 70, align: 'right' },
            { title: '更新', dataIndex: 'updated', width: 70, align: 'right' },
            { title: '未变', dataIndex: 'unchanged', width: 70, align: 'right' },
            { title: '发布者', width: 200, render: (_, b) => orDash(b.publishedBy?.name) },
          ]}
        />
      </QueryState>
    </>
  );
}
