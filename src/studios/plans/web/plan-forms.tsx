// The forms of a studio's plan: the plan with its period and clarities, an arrangement with its
// due day and owner, and a progress report. Each checks what it can before sending, shows the
// server's field problems under their fields, and on a stale version reloads the plan.
import { App, DatePicker, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { notificationKeys } from '../../../web/components/notification-bell';
import { showFormError } from '../../../web/form-errors';
import { chinaToday } from '../../../platform/shared/dates';
import type { MilestoneView, PlanView } from '../contract';
import { addMilestone, createPlan, planKeys, reportProgress, updateMilestone, updatePlan } from './plans-api';

const today = () => dayjs(chinaToday());
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const required = (text: string) => [{ required: true, whitespace: true, message: text }];
const modalWidth = () => Math.min(560, window.innerWidth);

/** Saves with the shared handling: success closes, stale reloads, field problems show. */
function useSave<V, R>(
  form: ReturnType<typeof Form.useForm<V>>[0],
  fields: string[],
  send: (v: V) => Promise<R>,
  done: string,
  onClose: () => void,
  rename: Record<string, string> = {},
) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      void message.success(done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: planKeys.all });
        onClose();
        return;
      }
      showFormError(form, error, message, fields, rename);
    },
  });
}

interface PlanForm {
  title: string;
  period: [Dayjs, Dayjs];
  goals: string;
  tasks: string;
  requirements: string;
}

/** Enters a new plan for the studio, or changes `plan`. */
export function PlanFormModal({
  studioId,
  plan,
  onClose,
}: {
  studioId: string;
  plan?: PlanView;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PlanForm>();
  const year = today().year();
  const save = useSave(
    form,
    ['title', 'period', 'goals', 'tasks', 'requirements'],
    (v: PlanForm) => {
      const body = {
        title: v.title,
        periodFrom: day(v.period[0]),
        periodTo: day(v.period[1]),
        goals: v.goals,
        tasks: v.tasks,
        requirements: v.requirements,
      };
      return plan ? updatePlan(plan.id, { ...body, version: plan.version }) : createPlan(studioId, body);
    },
    plan ? '计划已保存' : '计划已制定',
    onClose,
    { periodFrom: 'period', periodTo: 'period' },
  );
  return (
    <Modal
      open
      title={plan ? '修改计划' : '制定计划（四明确）'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={modalWidth()}
    >
      <Form<PlanForm>
        form={form}
        layout="vertical"
        initialValues={
          plan
            ? { ...plan, period: [dayjs(plan.periodFrom), dayjs(plan.periodTo)] }
            : { title: `${year}年度工作计划`, period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] }
        }
        onFinish={(v) => save.mutate(v)}
        data-testid="plan-form"
      >
        <Form.Item name="title" label="计划名称" rules={required('请填写计划名称')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label="计划期" rules={[{ required: true, message: '请选择计划期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="goals" label="目标明确" rules={required('请写明目标')}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：全年完成技术革新 3 项，申报专利 1 项" />
        </Form.Item>
        <Form.Item name="tasks" label="任务明确" rules={required('请写明任务')}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：开展工艺攻关，带徒传技" />
        </Form.Item>
        <Form.Item name="requirements" label="要求明确" rules={required('请写明要求')}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：每季度报告进度，年底形成总结" />
        </Form.Item>
        {!plan && (
          <div style={{ color: 'rgba(0,0,0,0.45)' }}>
            安排明确：保存计划后逐项添加安排、完成时限和责任人。
          </div>
        )}
      </Form>
    </Modal>
  );
}

interface MilestoneForm {
  title: string;
  dueOn: Dayjs;
  owner: string;
}

/** Adds an arrangement to `plan`, or changes `milestone`. */
export function MilestoneFormModal({
  plan,
  milestone,
  onClose,
}: {
  plan: PlanView;
  milestone?: MilestoneView;
  onClose: () => void;
}) {
  const [form] = Form.useForm<MilestoneForm>();
  const save = useSave(
    form,
    ['title', 'dueOn', 'owner'],
    (v: MilestoneForm) => {
      const body = { title: v.title, dueOn: day(v.dueOn), owner: v.owner };
      return milestone
        ? updateMilestone(milestone.id, { ...body, version: milestone.version })
        : addMilestone(plan.id, body);
    },
    milestone ? '安排已保存' : '安排已添加',
    onClose,
  );
  const outside = (d: Dayjs) => day(d) < plan.periodFrom || day(d) > plan.periodTo;
  return (
    <Modal
      open
      title={milestone ? '修改安排' : '添加安排'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={modalWidth()}
    >
      <Form<MilestoneForm>
        form={form}
        layout="vertical"
        initialValues={milestone ? { ...milestone, dueOn: dayjs(milestone.dueOn) } : undefined}
        onFinish={(v) => save.mutate(v)}
        data-testid="milestone-form"
      >
        <Form.Item name="title" label="安排内容" rules={required('请填写安排内容')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label="完成时限"
          extra={`计划期 ${plan.periodFrom} 至 ${plan.periodTo}`}
          rules={[
            { required: true, message: '请选择完成时限' },
            {
              validator: (_r, v?: Dayjs) =>
                v && outside(v) ? Promise.reject(new Error('完成时限应在计划期之内')) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={outside}
            disabled={milestone?.doneOn !== null && milestone !== undefined}
          />
        </Form.Item>
        <Form.Item name="owner" label="责任人" rules={required('请填写责任人')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReportForm {
  reportedOn: Dayjs;
  percent: number;
  done: boolean;
  text: string;
}

/** Reports progress on `milestone` (from a phone as often as from a desk). */
export function ReportModal({
  plan,
  milestone,
  onClose,
}: {
  plan: PlanView;
  milestone: MilestoneView;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ReportForm>();
  const done = Form.useWatch('done', form);
  const save = useSave(
    form,
    ['reportedOn', 'percent', 'done', 'text'],
    (v: ReportForm) =>
      reportProgress(milestone.id, {
        reportedOn: day(v.reportedOn),
        percent: v.done ? 100 : v.percent,
        done: v.done,
        text: v.text,
        version: milestone.version,
      }),
    '进度已报告',
    onClose,
  );
  const earliest = milestone.lastReportedOn ?? plan.periodFrom;
  const outside = (d: Dayjs) => d.isAfter(today(), 'day') || day(d) < earliest;
  const late = today().format('YYYY-MM-DD') > milestone.dueOn;
  return (
    <Modal
      open
      title="报告进度"
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={modalWidth()}
    >
      <div style={{ marginBottom: 12 }}>
        <div style={{ fontWeight: 500 }}>{milestone.title}</div>
        <div style={{ color: late ? '#cf1322' : 'rgba(0,0,0,0.45)' }}>
          完成时限 {milestone.dueOn}
          {late ? '（已过完成时限，报告后将提示所在地区工会和市总工会）' : ''}
        </div>
      </div>
      <Form<ReportForm>
        form={form}
        layout="vertical"
        initialValues={{ reportedOn: today(), percent: milestone.percent, done: false }}
        onFinish={(v) => save.mutate(v)}
        data-testid="report-form"
      >
        <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请选择报告日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={outside} />
        </Form.Item>
        <Form.Item name="done" label="已完成" valuePropName="checked">
          <Switch
            checkedChildren="完成"
            unCheckedChildren="未完成"
            onChange={(on) => on && form.setFieldValue('percent', 100)}
          />
        </Form.Item>
        <Form.Item name="percent" label="完成进度" rules={[{ required: true, message: '请填写完成进度' }]}>
          <InputNumber
            min={0}
            max={100}
            precision={0}
            addonAfter="%"
            disabled={done}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item name="text" label="进展情况" rules={required('请填写进展情况')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="做了什么、遇到什么问题、下一步怎么办" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
