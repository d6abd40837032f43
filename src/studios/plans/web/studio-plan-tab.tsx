// A studio's four-clarity plan (四明确): the goals, tasks and requirements of the chosen period,
// and the arrangements as milestones with their due days, owners, progress and state. The studio's
// own side adds and changes them; it or its supervisors report progress. Laid out as a list that
// reads on a phone: a studio's staff report from the workshop.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Progress,
  Select,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, STALE_MESSAGE } from '../../../web/api';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import type { MilestoneDetail, PlanView, StudioPlansView } from '../contract';
import { MilestoneStatusTag, flagged } from './milestone-format';
import { MilestoneFormModal, PlanFormModal, ReportModal } from './plan-forms';
import { deleteMilestone, fetchStudioPlans, planKeys } from './plans-api';

type Editing =
  | { kind: 'plan'; plan?: PlanView }
  | { kind: 'milestone'; plan: PlanView; milestone?: MilestoneDetail }
  | { kind: 'report'; plan: PlanView; milestone: MilestoneDetail };

const pre = { whiteSpace: 'pre-wrap' as const };

/** The plan tab of a studio's page. */
export function StudioPlanTab({ studioId }: { studioId: string }) {
  const plans = useQuery({
    queryKey: planKeys.ofStudio(studioId),
    queryFn: () => fetchStudioPlans(studioId),
  });
  const [chosen, setChosen] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  if (plans.isPending) return <PageLoading />;
  if (plans.isError) return <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} />;
  const view = plans.data;
  const plan = view.plans.find((p) => p.id === chosen) ?? view.plans[0];
  return (
    <div data-testid="studio-plan-tab">
      {!view.designated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="该工作室尚未命名挂牌或已摘牌：已命名挂牌的工作室才制定计划、报告进度。"
        />
      )}
      {plan ? (
        <PlanCard view={view} plan={plan} onChoose={setChosen} onEdit={setEditing} />
      ) : (
        <Empty description="尚未制定计划">
          {view.mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'plan' })}>
              制定计划
            </Button>
          )}
        </Empty>
      )}
      {editing?.kind === 'plan' && (
        <PlanFormModal studioId={studioId} plan={editing.plan} onClose={() => setEditing(undefined)} />
      )}
      {editing?.kind === 'milestone' && (
        <MilestoneFormModal
          plan={editing.plan}
          milestone={editing.milestone}
          onClose={() => setEditing(undefined)}
        />
      )}
      {editing?.kind === 'report' && (
        <ReportModal
          plan={editing.plan}
          milestone={editing.milestone}
          onClose={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}

function PlanCard({
  view,
  plan,
  onChoose,
  onEdit,
}: {
  view: StudioPlansView;
  plan: PlanView;
  onChoose: (id: string) => void;
  onEdit: (editing: Editing) => void;
}) {
  const count = (status: MilestoneDetail['status']) =>
    plan.milestones.filter((m) => m.status === status).length;
  const late = count('late');
  return (
    <Card
      size="small"
      title={
        view.plans.length > 1 ? (
          <Select
            value={plan.id}
            onChange={onChoose}
            options={view.plans.map((p) => ({ value: p.id, label: p.title }))}
            style={{ minWidth: 180, maxWidth: '100%' }}
            data-testid="plan-select"
          />
        ) : (
          plan.title
        )
      }
      extra={
        view.mayEdit && (
          <Space wrap size="small">
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit({ kind: 'plan', plan })}>
              修改
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onEdit({ kind: 'plan' })}>
              新计划
            </Button>
          </Space>
        )
      }
    >
      <Descriptions column={1} size="small" bordered data-testid="plan-clarities">
        <Descriptions.Item label="计划期">
          {plan.periodFrom} 至 {plan.periodTo}
        </Descriptions.Item>
        <Descriptions.Item label="目标明确">
          <span style={pre}>{plan.goals}</span>
        </Descriptions.Item>
        <Descriptions.Item label="任务明确">
          <span style={pre}>{plan.tasks}</span>
        </Descriptions.Item>
        <Descriptions.Item label="要求明确">
          <span style={pre}>{plan.requirements}</span>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ margin: '16px 0 8px', justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>
          安排明确（共 {plan.milestones.length} 项，按期完成 {count('doneOnTime')}，逾期完成{' '}
          {count('doneLate')}
          ，逾期未完成 {late}）
        </Typography.Text>
        {view.mayEdit && (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onEdit({ kind: 'milestone', plan })}
            data-testid="milestone-add"
          >
            添加安排
          </Button>
        )}
      </Space>
      {late > 0 && (
        <Alert
          type="error"
          showIcon
          icon={<FlagOutlined />}
          style={{ marginBottom: 8 }}
          message={`有 ${late} 项安排已过完成时限尚未完成，请尽快报告进度`}
        />
      )}
      <List
        dataSource={plan.milestones}
        locale={{ emptyText: '尚未添加安排' }}
        renderItem={(m) => <MilestoneItem view={view} plan={plan} milestone={m} onEdit={onEdit} />}
        data-testid="milestone-list"
      />
    </Card>
  );
}

function MilestoneItem({
  view,
  plan,
  milestone: m,
  onEdit,
}: {
  view: StudioPlansView;
  plan: PlanView;
  milestone: MilestoneDetail;
  onEdit: (editing: Editing) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [showReports, setShowReports] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteMilestone(m.id, m.version),
    onSuccess: async () => {
      void message.success('安排已删除');
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) void message.warning(STALE_MESSAGE);
      else void message.error(errorMessage(error));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
  });
  const actions = [
    view.mayReport && !m.doneOn && (
      <Button
        key="report"
        type="link"
        size="small"
        onClick={() => onEdit({ kind: 'report', plan, milestone: m })}
        data-testid="milestone-report"
      >
        报告进度
      </Button>
    ),
    view.mayEdit && (
      <Button
        key="edit"
        type="link"
        size="small"
        onClick={() => onEdit({ kind: 'milestone', plan, milestone: m })}
      >
        修改
      </Button>
    ),
    view.mayEdit && m.reportCount === 0 && (
      <Popconfirm
        key="delete"
        title="删除这项安排？"
        okText="删除"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onConfirm={() => remove.mutate()}
      >
        <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={remove.isPending}>
          删除
        </Button>
      </Popconfirm>
    ),
    m.reports.length > 0 && (
      <Button key="history" type="link" size="small" onClick={() => setShowReports((s) => !s)}>
        {showReports ? '收起记录' : `进度记录(${m.reports.length})`}
      </Button>
    ),
  ].filter(Boolean);
  return (
    <List.Item
      style={flagged(m.status) ? { background: '#fff1f0', paddingLeft: 8, paddingRight: 8 } : undefined}
      data-testid="milestone-item"
    >
      <div style={{ width: '100%' }}>
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <MilestoneStatusTag status={m.status} daysLate={m.daysLate} />
          <Typography.Text strong>{m.title}</Typography.Text>
        </Space>
        <div style={{ color: 'rgba(0,0,0,0.65)' }}>
          完成时限 {m.dueOn} · 责任人 {m.owner}
          {m.doneOn ? ` · ${m.doneOn} 完成` : ''}
        </div>
        <Progress
          percent={m.percent}
          size="small"
          status={m.status === 'late' ? 'exception' : m.doneOn ? 'success' : 'active'}
        />
        {m.progressText && (
          <div style={{ ...pre, color: 'rgba(0,0,0,0.65)' }}>
            {m.lastReportedOn}：{m.progressText}
          </div>
        )}
        {showReports && (
          <Timeline
            style={{ marginTop: 12 }}
            items={[...m.reports].reverse().map((r) => ({
              color: r.done ? 'green' : r.afterDue ? 'red' : 'blue',
              children: (
                <>
                  <div>
                    {r.reportedOn} · {r.reporterName} · {r.percent}%{r.done ? ' · 完成' : ''}
                    {r.afterDue ? ' · 超过完成时限' : ''}
                  </div>
                  <div style={pre}>{r.text}</div>
                </>
              ),
            }))}
          />
        )}
        {actions.length > 0 && (
          <Space wrap size={0}>
            {actions}
          </Space>
        )}
      </div>
    </List.Item>
  );
}
