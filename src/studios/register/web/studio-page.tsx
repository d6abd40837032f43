// One studio (`/studios/:id`): the steps the reader may take, and tabs: 概况 (host, leader, level,
// batch, plaque date, introduction), 成员 with who joined and left, 命名记录 (each designation with
// its batch), 动态 (the trail). The tabs sit in one list so that further rooms add theirs. Works
// at a phone's width.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Grid, List, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { STUDIO_ACTION_LABELS, STUDIO_LEVEL_LABELS, type StudioAction, type StudioDetail } from '../contract';
import { fetchStudio, studioKeys } from './studios-api';
import { LevelTag, StudioStateTag } from './studio-format';
import { StudioForm } from './studio-form';
import { StudioStepModal, type Step } from './studio-step-modal';

// The plan, achievements and assessments tabs load when opened: the page itself stays light.
const StudioPlanTab = lazy(() =>
  import('../../plans/web/studio-plan-tab').then((m) => ({ default: m.StudioPlanTab })),
);
const StudioAchievementsTab = lazy(() =>
  import('../../achievements/web/studio-achievements-tab').then((m) => ({
    default: m.StudioAchievementsTab,
  })),
);
const StudioAssessmentTab = lazy(() =>
  import('../../assessments/web/studio-assessment-tab').then((m) => ({ default: m.StudioAssessmentTab })),
);
const later = (node: ReactNode) => <Suspense fallback={<PageLoading />}>{node}</Suspense>;

/** Which step is offered first, when several are open. */
const FIRST: Exclude<StudioAction, 'members'>[] = [
  'designate',
  'review',
  'recommend',
  'resubmit',
  'edit',
  'upgrade',
  'revoke',
];

function Overview({ s }: { s: StudioDetail }) {
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Descriptions column={phone ? 1 : 2} size="small" bordered>
      <Descriptions.Item label="承载单位">
        {s.enterprise ? <Link to={`/enterprises/${s.enterprise.id}`}>{s.hostUnitName}</Link> : s.hostUnitName}
      </Descriptions.Item>
      <Descriptions.Item label="负责人">
        {s.leaderWorker.name}
        {s.leaderWorker.year ? `（${s.leaderWorker.year}年劳模，${s.leaderWorker.unitName}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="所属领域">{s.field}</Descriptions.Item>
      <Descriptions.Item label="级别">
        {s.level ? STUDIO_LEVEL_LABELS[s.level] : '尚未命名'}
      </Descriptions.Item>
      <Descriptions.Item label="命名批次">{s.batch?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="挂牌日期">{s.plaqueOn ?? '—'}</Descriptions.Item>
      {!s.designated || s.upgrading ? (
        <Descriptions.Item label="申报级别">{STUDIO_LEVEL_LABELS[s.appliedLevel]}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label="申报单位">{s.applicantOrg.name}</Descriptions.Item>
      <Descriptions.Item label="所属地区">{s.district}</Descriptions.Item>
      <Descriptions.Item label="工作室简介" span={phone ? 1 : 2}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {s.introduction ?? '—'}
        </Typography.Paragraph>
      </Descriptions.Item>
    </Descriptions>
  );
}

function Members({ s, onLeave }: { s: StudioDetail; onLeave?: (memberId: string) => void }) {
  return (
    <List
      size="small"
      bordered
      dataSource={s.members}
      locale={{ emptyText: '暂无成员' }}
      data-testid="studio-members"
      renderItem={(m) => (
        <List.Item
          actions={
            onLeave && m.role !== 'leader' && !m.leftOn
              ? [
                  <a key="leave" onClick={() => onLeave(m.id)}>
                    退出
                  </a>,
                ]
              : []
          }
        >
          <Space direction="vertical" size={0}>
            <Space wrap>
              <Typography.Text strong={m.role === 'leader'} delete={m.leftOn !== null}>
                {m.name}
              </Typography.Text>
              {m.role === 'leader' && <Tag color="gold">负责人</Tag>}
              {m.modelWorker && <Tag color="red">劳模</Tag>}
              {m.position && m.role !== 'leader' && <span>{m.position}</span>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.joinedOn} 加入{m.leftOn ? `，${m.leftOn} 退出` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function Designations({ s }: { s: StudioDetail }) {
  return (
    <List
      size="small"
      bordered
      dataSource={s.designations}
      locale={{ emptyText: '尚未命名' }}
      renderItem={(d) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <Space wrap>
              <Link to={`/studios/batches?batch=${d.batch.id}`}>{d.batch.name}</Link>
              <LevelTag level={d.level} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.awardingBody}命名，{d.plaqueOn} 挂牌{d.ceremony ? `；${d.ceremony}` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function Trail({ s }: { s: StudioDetail }) {
  return (
    <Timeline
      items={s.events.map((e) => ({
        children: (
          <Space direction="vertical" size={0}>
            <span>{e.text}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.org?.name ?? ''} {e.actor?.name ?? ''}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}

export default function StudioPage() {
  const { id = '' } = useParams();
  const studio = useQuery({ queryKey: studioKeys.one(id), queryFn: () => fetchStudio(id) });
  const [step, setStep] = useState<{ step: Step; memberId?: string } | null>(null);
  const [editing, setEditing] = useState(false);
  // A link may open a tab (?tab=plan from a late milestone's notice).
  const [searchParams] = useSearchParams();
  const [tab, setTab] = useState(searchParams.get('tab') ?? 'overview');
  const s = studio.data;
  if (studio.isError && !s) return <ErrorResult error={studio.error} onRetry={() => void studio.refetch()} />;
  if (!s) return <PageLoading />;
  const buttons = s.actions.filter((a): a is Exclude<StudioAction, 'members'> => a !== 'members');
  const first = FIRST.find((f) => buttons.includes(f));
  const canMembers = s.actions.includes('members');
  const tabs: { key: string; label: string; children: ReactNode }[] = [
    { key: 'overview', label: '概况', children: <Overview s={s} /> },
    {
      key: 'members',
      label: `成员（${s.members.filter((m) => !m.leftOn).length}）`,
      children: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {canMembers && (
            <Button onClick={() => setStep({ step: 'join' })} data-testid="studio-member-add">
              增加成员
            </Button>
          )}
          <Members
            s={s}
            onLeave={canMembers ? (memberId) => setStep({ step: 'leave', memberId }) : undefined}
          />
        </Space>
      ),
    },
    // A plan is kept once the studio holds a designation.
    ...(s.level
      ? [
          { key: 'plan', label: '四明确计划', children: later(<StudioPlanTab studioId={s.id} />) },
          {
            key: 'achievements',
            label: '创新成果',
            children: later(<StudioAchievementsTab studioId={s.id} />),
          },
          { key: 'assessments', label: '督察考核', children: later(<StudioAssessmentTab studioId={s.id} />) },
        ]
      : []),
    { key: 'designations', label: '命名记录', children: <Designations s={s} /> },
    { key: 'trail', label: '动态', children: <Trail s={s} /> },
  ];
  return (
    <Card
      title={
        <Space wrap>
          <span style={{ whiteSpace: 'normal' }}>{s.name}</span>
          <LevelTag level={s.level} />
          <StudioStateTag studio={s} />
        </Space>
      }
      extra={<Link to="/studios">返回列表</Link>}
      data-testid="studio-page"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {s.state === 'returned' && s.returnReason && (
          <Alert type="warning" showIcon message={`已退回：${s.returnReason}`} />
        )}
        {s.state === 'revoked' && (
          <Alert type="error" showIcon message={`${s.revokedOn ?? ''} 摘牌：${s.revokeReason ?? ''}`} />
        )}
        {buttons.length > 0 && (
          <Space wrap data-testid="studio-actions">
            {buttons.map((a) => (
              <Button
                key={a}
                type={a === first ? 'primary' : 'default'}
                danger={a === 'revoke'}
                onClick={() => (a === 'edit' ? setEditing(true) : setStep({ step: a as Step }))}
              >
                {STUDIO_ACTION_LABELS[a]}
              </Button>
            ))}
          </Space>
        )}
        <Tabs activeKey={tab} onChange={setTab} items={tabs} />
      </Space>
      {step && (
        <StudioStepModal studio={s} step={step.step} memberId={step.memberId} onClose={() => setStep(null)} />
      )}
      {editing && <StudioForm studio={s} onClose={() => setEditing(false)} />}
    </Card>
  );
}
