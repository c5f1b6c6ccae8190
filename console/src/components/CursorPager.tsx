import { Button, Space, Typography } from 'antd';
import { useState } from 'react';

/**
 * Page by page through a list the hub orders and pages itself (cursor paging): the
 * screen shows a page as received and never re-sorts it, so what comes first is what
 * the server put first over the whole list. Going back reuses the cursors seen.
 * `filterKey` names the filters: when it changes, paging starts again at page one.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = state.key === filterKey ? state.cursors : [null];
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    next: (endCursor: string) => setState({ key: filterKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: filterKey, cursors: cursors.slice(0, -1) }),
  };
}

export function CursorPager({ pages, total, pageInfo }: { pages: ReturnType<typeof useCursorPages>; total: number; pageInfo?: { hasNextPage: boolean; endCursor?: string | null } }) {
  const end = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  return (
    <Space style={{ marginTop: 8 }}>
      <Typography.Text type="secondary">共 {total} 条，第 {pages.page} 页</Typography.Text>
      <Button size="small" disabled={pages.page <= 1} onClick={pages.previous}>上一页</Button>
      <Button size="small" disabled={!end} onClick={() => end && pages.next(end)} data-testid="next-page">下一页</Button>
    </Space>
  );
}
