// The trend card of the coverage dashboard: the node's rates month by month over the two years
// up to the date. The data loads with the page; the chart (and echarts with it) loads lazily, so
// the dashboard's first paint does not wait for it.
import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../web/api';
import type { Targets } from '../contract';
import { fetchTrend, trendKeys } from './trend-api';

const TrendChart = lazy(() => import('./trend-chart'));

const HEIGHT = 360;

function ChartSkeleton() {
  return (
    <div data-testid="coverage-trend-loading" style={{ height: HEIGHT, paddingTop: 16 }}>
      <Skeleton active paragraph={{ rows: 7 }} title={false} />
    </div>
  );
}

/** Month-by-month rates of the node (the user's scope without orgId) up to `date`, with `targets`. */
export function TrendCard({
  orgId,
  date,
  targets,
}: {
  orgId: string | undefined;
  date: string;
  targets: Targets;
}) {
  const trend = useQuery({
    queryKey: trendKeys.trend(orgId, date),
    queryFn: () => fetchTrend(orgId, date),
    placeholderData: keepPreviousData,
  });
  const data = trend.data;
  const empty = !!data && data.points.every((p) => p.counts.enterprises === 0);
  return (
    <Card
      size="small"
      title="逐月走势"
      data-testid="coverage-trend"
      extra={
        data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            近 24 个月各月末及统计日期 {data.date}
            {Object.keys(targets).length > 0 && '，虚线为本年度目标'}
          </Typography.Text>
        )
      }
    >
      {trend.isError && !data ? (
        <Alert
          type="error"
          showIcon
          message="走势加载失败"
          description={errorMessage(trend.error)}
          action={
            <Button size="small" onClick={() => void trend.refetch()}>
              重试
            </Button>
          }
        />
      ) : !data ? (
        <ChartSkeleton />
      ) : empty ? (
        <Empty
          data-testid="coverage-trend-empty"
          style={{ padding: '48px 0' }}
          description="这两年内没有应建会企业，无走势可显示"
        />
      ) : (
        <div style={{ opacity: trend.isPlaceholderData ? 0.5 : 1, transition: 'opacity 0.2s' }}>
          <Suspense fallback={<ChartSkeleton />}>
            <TrendChart trend={data} targets={targets} height={HEIGHT} />
          </Suspense>
        </div>
      )}
    </Card>
  );
}
