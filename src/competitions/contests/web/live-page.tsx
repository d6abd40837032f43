// The live results screen for the venue (`/contests/:id/live`), outside the app's frame: the
// contest's name, how many scores are in, and the results as they come (refreshed every three
// seconds). Before the release it shows each round's result once all its judges have scored and
// the provisional ranking, never a single judge's score.
import { Progress, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { contestKeys, fetchResults } from './contests-api';
import { ResultsTable } from './results-table';

export default function LivePage() {
  const { id = '' } = useParams();
  const live = useQuery({
    queryKey: contestKeys.results(id, true),
    queryFn: () => fetchResults(id, true),
    refetchInterval: 3000,
  });
  if (live.isPending) return <PageLoading />;
  if (live.isError) return <ErrorResult error={live.error} onRetry={() => void live.refetch()} />;
  const view = live.data;
  const percent = view.expected ? Math.floor((view.scored / view.expected) * 100) : 0;
  return (
    <div style={{ padding: '24px 32px', minHeight: '100vh', background: '#fff' }} data-testid="live-screen">
      <Typography.Title level={1} style={{ textAlign: 'center', color: '#c00', marginBottom: 4 }}>
        {view.contest.name}
      </Typography.Title>
      <div style={{ textAlign: 'center', marginBottom: 16 }}>
        <Space size="large" wrap>
          <Typography.Text style={{ fontSize: 18 }}>
            {view.contest.heldOn}
            {view.contest.venue ? ` · ${view.contest.venue}` : ''}
          </Typography.Text>
          {view.contest.state === 'released' ? (
            <Tag color="success" style={{ fontSize: 16, padding: '4px 12px' }}>
              最终成绩
            </Tag>
          ) : (
            <Tag color="processing" style={{ fontSize: 16, padding: '4px 12px' }}>
              实时成绩（评分进行中）
            </Tag>
          )}
          <Progress
            percent={percent}
            style={{ width: 260 }}
            format={() => `已评 ${view.scored}/${view.expected}`}
          />
        </Space>
      </div>
      <Typography.Paragraph style={{ textAlign: 'center', fontSize: 16 }} data-testid="live-rule">
        {view.ruleTexts.slice(0, view.results.rounds.length).join('；')}
      </Typography.Paragraph>
      <ResultsTable view={view} large />
    </div>
  );
}
