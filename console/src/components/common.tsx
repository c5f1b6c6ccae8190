import { Alert, Space, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ENUM_LABELS, enumLabel, type LabelledEnum } from '@labels';
import { describeError, refusedCount, refusedPaths } from '../api';

/** Colours of states people scan for: green done, gold waiting, red refused or late, grey inactive. */
const COLOURS: Record<string, string> = {
  AVAILABLE: 'green', EMPTY: 'blue', PENDING_REQUEST: 'gold', DECLINED: 'red', NOT_SHARED: 'default', SOURCE_UNAVAILABLE: 'orange',
  PENDING: 'gold', APPROVED: 'green', WITHDRAWN: 'default',
  PLANNED: 'blue', IN_PROGRESS: 'processing', COMPLETED: 'green', CANCELLED: 'default',
  OPEN: 'default', DONE: 'cyan', VERIFIED: 'green', OVERDUE: 'red',
  RECORDED: 'default', REVIEWED: 'blue', TRANSFERRED: 'geekblue', DISPOSED: 'purple', FILED: 'volcano', CLOSED: 'green',
  SUCCESS: 'green', FAILURE: 'red', LOCKED_OUT: 'magenta', LOGOUT: 'default', PASSWORD_SET: 'blue',
  ALLOW: 'green', MASK: 'gold', OWNER: 'default',
};

/** An enum value as a coloured tag with its Chinese label (never the code). */
export function EnumTag({ of, value }: { of: LabelledEnum; value: string | null | undefined }) {
  if (!value) return <span className="hub-muted">—</span>;
  return <Tag color={COLOURS[value] ?? 'default'}>{enumLabel(of, value)}</Tag>;
}

/** Loading, a failed query, and fields the hub refused to this person. */
export function QueryState({ fetching, error, children }: { fetching?: boolean; error?: CombinedError; children?: ReactNode }) {
  const refused = refusedPaths(error);
  const failed = error && refused.length < error.graphQLErrors.length ? describeError(error) : error?.networkError ? describeError(error) : null;
  return (
    <Spin spinning={!!fetching} delay={200}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {failed && <Alert type="error" showIcon message={failed} />}
        {refused.length > 0 && <Alert type="info" showIcon message={`有 ${refusedCount(error)} 项内容您无权查看，已留空显示。`} />}
        {children}
      </Space>
    </Spin>
  );
}

export function PageTitle({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12, gap: 16 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        {children && <Typography.Text type="secondary">{children}</Typography.Text>}
      </div>
      <Space wrap>{extra}</Space>
    </div>
  );
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const dateTime = (v: string | null | undefined) => (v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '—');
export const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? <span className="hub-muted">—</span> : v);

/** Select options of an enum, labelled from the dictionary (all values, or the ones given). */
export const enumOptions = (of: LabelledEnum, values: string[] = Object.keys(ENUM_LABELS[of])) => values.map((value) => ({ value, label: enumLabel(of, value) }));
