// One contest (`/contests/:id`): its settings and rules, its rounds, the entries, the judges, and
// the scoring with the results. The organiser changes what the contest's state allows; others read.
import { Alert, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { CONTEST_CATEGORY_LABELS, CONTEST_STATE_LABELS, ENTRY_KIND_LABELS } from '../contract';
import { contestKeys, fetchContest } from './contests-api';
import { STATE_COLORS } from './contests-page';
import { InfoForm, RoundsForm, RulesForm } from './contest-settings';
import { EntriesPanel, JudgesPanel } from './contest-people';
import { ResultsPanel } from './contest-results';

export default function ContestPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const contest = useQuery({ queryKey: contestKeys.one(id), queryFn: () => fetchContest(id) });
  if (contest.isPending) return <PageLoading />;
  if (contest.isError) return <ErrorResult error={contest.error} onRetry={() => void contest.refetch()} />;
  const c = contest.data;
  const tab = params.get('tab') ?? (c.state === 'setup' ? 'info' : 'results');
  return (
    <Card
      title={
        <Space wrap>
          <span>{c.name}</span>
          <Tag color={STATE_COLORS[c.state]}>{CONTEST_STATE_LABELS[c.state]}</Tag>
        </Space>
      }
      extra={<Link to="/contests">返回比赛列表</Link>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="类别">{CONTEST_CATEGORY_LABELS[c.category]}</Descriptions.Item>
        <Descriptions.Item label="日期">{c.heldOn}</Descriptions.Item>
        <Descriptions.Item label="地点">{c.venue ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="主办">{c.organisers}</Descriptions.Item>
        <Descriptions.Item label={ENTRY_KIND_LABELS[c.entryKind]}>{c.entryList.length}</Descriptions.Item>
        <Descriptions.Item label="评委">{c.judgeList.length}</Descriptions.Item>
        <Descriptions.Item label="评分进度">
          {c.progress.given} / {c.progress.expected}
        </Descriptions.Item>
      </Descriptions>
      {!c.mayManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`本比赛由${c.org.name}组织，您可以查看${c.state === 'released' ? '成绩' : '设置'}。`}
        />
      )}
      {c.mayManage && c.state === 'setup' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="设置好轮次与评分项、参赛名单和评委后，在“评分与成绩”中开始评分。评分开始后轮次和评分项不能再修改。"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: 'info',
            label: '基本信息与规则',
            children: (
              <Space direction="vertical" style={{ width: '100%' }} size="large">
                <InfoForm contest={c} />
                <RulesForm contest={c} />
              </Space>
            ),
          },
          { key: 'rounds', label: '轮次与评分项', children: <RoundsForm contest={c} /> },
          {
            key: 'entries',
            label: `参赛名单（${c.entryList.length}）`,
            children: <EntriesPanel contest={c} />,
          },
          { key: 'judges', label: `评委（${c.judgeList.length}）`, children: <JudgesPanel contest={c} /> },
          { key: 'results', label: '评分与成绩', children: <ResultsPanel contest={c} /> },
        ]}
      />
      {c.state !== 'setup' && c.mayManage && (
        <Space style={{ marginTop: 8 }}>
          <Button href={`/contests/${c.id}/live`} target="_blank">
            打开现场大屏
          </Button>
        </Space>
      )}
    </Card>
  );
}
