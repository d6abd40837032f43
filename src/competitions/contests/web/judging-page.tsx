// The contests I judge (`/contests/judging`), on a phone: each with the scores I still owe.
import { Card, Empty, List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { CONTEST_STATE_LABELS } from '../contract';
import { contestKeys, fetchJudging } from './contests-api';
import { STATE_COLORS } from './contests-page';

export default function JudgingPage() {
  const list = useQuery({ queryKey: contestKeys.judging, queryFn: fetchJudging });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card title="我的评分">
      {list.data.items.length === 0 ? (
        <Empty description="您目前没有需要评分的比赛。比赛开始评分后会出现在这里。" />
      ) : (
        <List
          dataSource={list.data.items}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Link key="go" to={`/contests/${c.id}/judge`}>
                  {c.state === 'scoring' ? '去评分' : '查看'}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={<Link to={`/contests/${c.id}/judge`}>{c.name}</Link>}
                description={
                  <span>
                    {c.heldOn} <Tag color={STATE_COLORS[c.state]}>{CONTEST_STATE_LABELS[c.state]}</Tag>
                    {c.missing > 0 && <Tag color="orange">待评 {c.missing} 项</Tag>}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
