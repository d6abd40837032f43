// The form of one step on a studio: recommend and send again (a confirmation), review (approve,
// or return with the reason), designate into a batch of the level applied for, apply to move up,
// revoke with the reason and day, a member joining, a member leaving. A stale version reloads the
// studio; field problems appear under their fields. Fits a phone's width.
import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { chinaToday } from '../../../platform/shared/dates';
import { notificationKeys } from '../../../web/components/notification-bell';
import { showFormError } from '../../../web/form-errors';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_LEVEL_RANK,
  STUDIO_LEVELS,
  type StudioDetail,
  type StudioLevel,
} from '../contract';
import { fetchBatches, memberLeaves, studioKeys, takeStep } from './studios-api';
import { ModelWorkerPicker } from '../../workers/web/model-worker-picker';

export type Step =
  'recommend' | 'review' | 'resubmit' | 'designate' | 'upgrade' | 'revoke' | 'join' | 'leave';

interface StepForm {
  decision?: 'approve' | 'return';
  reason?: string;
  on?: Dayjs;
  batchId?: string;
  appliedLevel?: StudioLevel;
  introduction?: string;
  name?: string;
  position?: string;
  modelWorkerId?: string;
}

const TITLES: Record<Step, string> = {
  recommend: '推荐申报',
  review: '审核申报',
  resubmit: '重新申报',
  designate: '命名挂牌',
  upgrade: '申报晋级',
  revoke: '摘牌',
  join: '增加成员',
  leave: '成员退出',
};

const today = () => dayjs(chinaToday());
const day = (d: Dayjs | undefined) => (d ?? today()).format('YYYY-MM-DD');

function send(s: StudioDetail, step: Step, v: StepForm, memberId: string | undefined) {
  const version = s.version;
  switch (step) {
    case 'recommend':
      return takeStep(s.id, 'recommend', { version });
    case 'resubmit':
      return takeStep(s.id, 'resubmit', { version });
    case 'review':
      return takeStep(s.id, 'review', {
        version,
        decision: v.decision ?? 'approve',
        reason: v.reason || null,
      });
    case 'designate':
      return takeStep(s.id, 'designate', { version, batchId: v.batchId ?? '' });
    case 'upgrade':
      return takeStep(s.id, 'upgrade', {
        version,
        appliedLevel: v.appliedLevel ?? 'province',
        introduction: v.introduction || null,
      });
    case 'revoke':
      return takeStep(s.id, 'revoke', { version, reason: v.reason ?? '', on: day(v.on) });
    case 'join':
      return takeStep(s.id, 'members', {
        name: v.name || null,
        position: v.position || null,
        modelWorkerId: v.modelWorkerId ?? null,
        joinedOn: day(v.on),
      });
    case 'leave':
      return memberLeaves(s.id, memberId!, { leftOn: day(v.on) });
  }
}

const FIELDS = [
  'decision',
  'reason',
  'on',
  'batchId',
  'appliedLevel',
  'introduction',
  'name',
  'position',
  'modelWorkerId',
];
const RENAME = { joinedOn: 'on', leftOn: 'on' };

export function StudioStepModal({
  studio,
  step,
  memberId,
  onClose,
}: {
  studio: StudioDetail;
  step: Step;
  memberId?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepForm>();
  const decision = Form.useWatch('decision', form);
  const batches = useQuery({
    queryKey: studioKeys.batches({ level: studio.appliedLevel }),
    queryFn: () => fetchBatches({ level: studio.appliedLevel }),
    enabled: step === 'designate',
  });
  const save = useMutation({
    mutationFn: (v: StepForm) => send(studio, step, v, memberId),
    onSuccess: async () => {
      void message.success(`${TITLES[step]}：已保存`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: studioKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: studioKeys.one(studio.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS, RENAME);
    },
  });
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  const dateItem = (label: string) => (
    <Form.Item name="on" label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
    </Form.Item>
  );
  const member = studio.members.find((m) => m.id === memberId);
  const held = studio.level;
  return (
    <Modal
      open
      title={TITLES[step]}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: step === 'revoke' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(520, window.innerWidth)}
    >
      <Form<StepForm>
        form={form}
        layout="vertical"
        initialValues={{
          on: today(),
          decision: 'approve',
          appliedLevel: STUDIO_LEVELS.find((l) => held && STUDIO_LEVEL_RANK[l] > STUDIO_LEVEL_RANK[held]),
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="studio-step-form"
      >
        {step === 'recommend' && (
          <Typography.Paragraph>
            推荐“{studio.name}”申报{STUDIO_LEVEL_LABELS[studio.appliedLevel]}，报市总工会审核。
          </Typography.Paragraph>
        )}
        {step === 'resubmit' && (
          <Typography.Paragraph>
            申报材料已按退回意见修改？重新申报后，由所在区（县级市）或产业工会再次推荐。
          </Typography.Paragraph>
        )}
        {step === 'review' && (
          <>
            <Form.Item name="decision" label="审核结果">
              <Radio.Group
                options={[
                  { value: 'approve', label: '审核通过' },
                  { value: 'return', label: '退回' },
                ]}
              />
            </Form.Item>
            {decision === 'return' && (
              <Form.Item name="reason" label="退回理由" rules={required('退回时须写明理由')}>
                <Input.TextArea rows={3} maxLength={500} placeholder="如：请补充近三年的创新成果" />
              </Form.Item>
            )}
          </>
        )}
        {step === 'designate' && (
          <Form.Item
            name="batchId"
            label={`命名批次（${STUDIO_LEVEL_LABELS[studio.appliedLevel]}）`}
            rules={[{ required: true, message: '请选择命名批次' }]}
            extra="没有合适的批次时，请先在“命名批次”中设立"
          >
            <Select
              loading={batches.isLoading}
              options={(batches.data?.items ?? []).map((b) => ({
                value: b.id,
                label: `${b.name}（${b.plaqueOn} 挂牌）`,
              }))}
              placeholder="选择批次"
              data-testid="studio-batch"
            />
          </Form.Item>
        )}
        {step === 'upgrade' && (
          <>
            <Form.Item
              name="appliedLevel"
              label="申报级别"
              rules={[{ required: true, message: '请选择申报级别' }]}
            >
              <Radio.Group
                options={STUDIO_LEVELS.map((l) => ({
                  value: l,
                  label: STUDIO_LEVEL_LABELS[l],
                  disabled: !held || STUDIO_LEVEL_RANK[l] <= STUDIO_LEVEL_RANK[held],
                }))}
              />
            </Form.Item>
            <Form.Item name="introduction" label="晋级申报说明（可不填）">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {step === 'revoke' && (
          <>
            <Form.Item name="reason" label="摘牌理由" rules={required('请填写摘牌理由')}>
              <Input.TextArea rows={3} maxLength={500} placeholder="如：年度考核不合格，整改后仍未达到要求" />
            </Form.Item>
            {dateItem('摘牌日期')}
          </>
        )}
        {step === 'join' && (
          <>
            <Form.Item name="modelWorkerId" label="劳模名册中的劳模（是劳模时选择）">
              <ModelWorkerPicker />
            </Form.Item>
            <Form.Item name="name" label="姓名（选择劳模时可不填）">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="position" label="职务或岗位">
              <Input maxLength={100} />
            </Form.Item>
            {dateItem('加入日期')}
          </>
        )}
        {step === 'leave' && (
          <>
            <Typography.Paragraph>
              {member?.name}（{member?.joinedOn} 加入）退出工作室。
            </Typography.Paragraph>
            {dateItem('退出日期')}
          </>
        )}
      </Form>
    </Modal>
  );
}
