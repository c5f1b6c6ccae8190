import { Typography } from 'antd';
import { enumLabel, typeLabel } from '@labels';

/** Today in Beijing (YYYY-MM-DD): due dates are China dates. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const isOverdue = (r: { status: string; dueDate: string }) => r.status === 'PENDING' && r.dueDate < chinaToday();

/** How a request was answered: what was approved and how, or why it was declined. */
export function RequestItems({ request }: { request: { status: string; declineReason?: string | null; approved: { typeName: string; effect: string; maskStrategy?: string | null }[] } }) {
  if (request.status === 'DECLINED') return <Typography.Text type="danger">拒绝理由：{request.declineReason ?? '—'}</Typography.Text>;
  if (request.status !== 'APPROVED') return <span className="hub-muted">—</span>;
  return (
    <span>
      {request.approved
        .map((a) => `${typeLabel(a.typeName)}：${enumLabel('GrantEffect', a.effect)}${a.maskStrategy ? `（${enumLabel('MaskStrategy', a.maskStrategy)}）` : ''}`)
        .join('；')}
    </span>
  );
}
