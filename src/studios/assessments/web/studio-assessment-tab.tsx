// A studio's assessments by year: the 督察考核 tab of the studio's page.
import { Suspense, lazy, useState } from 'react';
import { Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorResult } from '../../../web/components/page-state';
import type { AssessmentView } from '../contract';
import { assessmentKeys, fetchAssessments } from './assessments-api';
import { AssessmentStateTag, ResultTag } from './assessment-format';

const AssessmentDrawer = lazy(() =>
  import('./assessment-drawer').then((m) => ({ default: m.AssessmentDrawer })),
);

export function StudioAssessmentTab({ studioId }: { studioId: string }) {
  const query = { studioId, page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: assessmentKeys.list(query),
    queryFn: () => fetchAssessments(query),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<string | null>(null);
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Table<AssessmentView>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: '尚无督察考核记录' }}
        columns={[
          {
            title: '年度',
            key: 'year',
            width: 80,
            render: (_, a) => (
              <a onClick={() => setOpen(a.id)} data-testid="studio-assessment-open">
                {a.year}
              </a>
            ),
          },
          { title: '总分', key: 'total', width: 80, render: (_, a) => a.total ?? '—' },
          {
            title: '状态',
            key: 'state',
            width: 90,
            render: (_, a) => <AssessmentStateTag state={a.state} />,
          },
          { title: '结果', key: 'result', render: (_, a) => <ResultTag a={a} /> },
          { title: '审定意见', key: 'comment', render: (_, a) => a.reviewComment ?? '' },
          { title: '表彰宣传', key: 'flag', width: 80, render: (_, a) => (a.flagged ? '★' : '') },
        ]}
        data-testid="studio-assessments"
      />
      {open && (
        <Suspense fallback={null}>
          <AssessmentDrawer id={open} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </>
  );
}
