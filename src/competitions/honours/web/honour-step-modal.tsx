// The form of one step on a nomination: review (approve, or return with the reason), publicity
// (start day and days), an objection received, how an objection was resolved, conferral and
// revocation. A stale version reloads the nomination; field problems appear under their fields.
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { chinaToday } from '../../../platform/shared/dates';
import { notificationKeys } from '../../../web/components/notification-bell';
import { showFormError } from '../../../web/form-errors';
import { DEFAULT_PUBLICITY_DAYS, type HonourDetail } from '../contract';
import { honourKeys, resolveObjection, takeStep } from './honours-api';

export type Step = 'review' | 'publicise' | 'object' | 'resolve' | 'confer' | 'revoke';

interface StepForm {
  decision?: 'approve' | 'return';
  reason?: string;
  on?: Dayjs;
  days?: number;
  content?: string;
  resolution?: string;
}

const TITLES: Record<Step, string> = {
  review: '审核推荐',
  publicise: '开始公示',
  object: '登记异议',
  resolve: '登记异议处理结果',
  confer: '授予荣誉',
  revoke: '撤销',
};

const today = () => dayjs(chinaToday());
const day = (d: Dayjs | undefined) => (d ?? today()).format('YYYY-MM-DD');

function send(h: HonourDetail, step: Step, v: StepForm, objectionId: string | undefined) {
  const version = h.version;
  switch (step) {
    case 'review':
      return takeStep(h.id, 'review', {
        version,
        decision: v.decision ?? 'approve',
        reason: v.reason || null,
      });
    case 'publicise':
      return takeStep(h.id, 'publicise', {
        version,
        startsOn: day(v.on),
        days: v.days ?? DEFAULT_PUBLICITY_DAYS,
      });
    case 'object':
      return takeStep(h.id, 'objections', { version, receivedOn: day(v.on), content: v.content ?? '' });
    case 'resolve':
      return resolveObjection(h.id, objectionId!, {
        version,
        resolvedOn: day(v.on),
        resolution: v.resolution ?? '',
      });
    case 'confer':
      return takeStep(h.id, 'confer', { version, conferredOn: day(v.on) });
    case 'revoke':
      return takeStep(h.id, 'revoke', { version, reason: v.reason ?? '' });
  }
}

const FIELDS = ['decision', 'reason', 'on', 'days', 'content', 'resolution'];
const RENAME = { startsOn: 'on', receivedOn: 'on', resolvedOn: 'on', conferredOn: 'on' };

export function HonourStepModal({
  honour,
  step,
  objectionId,
  onClose,
}: {
  honour: HonourDetail;
  step: Step;
  objectionId?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepForm>();
  const decision = Form.useWatch('decision', form);
  const save = useMutation({
    mutationFn: (v: StepForm) => send(honour, step, v, objectionId),
    onSuccess: async () => {
      void message.success(`${TITLES[step]}：已保存`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: honourKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: honourKeys.one(honour.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS, RENAME);
    },
  });
  const required = (text: string) => [{ required: true, message: text }];
  const dateItem = (label: string, future = false) => (
    <Form.Item name="on" label={label} rules={required(`请选择${label}`)}>
      <DatePicker
        style={{ width: '100%' }}
        disabledDate={future ? undefined : (d) => d.isAfter(today(), 'day')}
      />
    </Form.Item>
  );
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
        initialValues={{ on: today(), days: DEFAULT_PUBLICITY_DAYS, decision: 'approve' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="honour-step-form"
      >
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
                <Input.TextArea
                  rows={3}
                  maxLength={500}
                  placeholder="如：事迹材料不完整，请补充近三年的主要业绩"
                />
              </Form.Item>
            )}
          </>
        )}
        {step === 'publicise' && (
          <>
            {dateItem('公示开始日期', true)}
            <Form.Item name="days" label="公示天数" rules={required('请填写公示天数')}>
              <InputNumber min={1} max={60} precision={0} addonAfter="天" style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        {step === 'object' && (
          <>
            {dateItem('收到异议日期')}
            <Form.Item name="content" label="异议内容" rules={required('请填写异议内容')}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {step === 'resolve' && (
          <>
            {dateItem('处理日期')}
            <Form.Item name="resolution" label="处理结果" rules={required('请填写处理结果')}>
              <Input.TextArea
                rows={4}
                maxLength={2000}
                placeholder="如：经核实，反映情况不属实，已向反映人说明"
              />
            </Form.Item>
          </>
        )}
        {step === 'confer' && dateItem('授予日期')}
        {step === 'revoke' && (
          <Form.Item name="reason" label="撤销理由" rules={required('请填写撤销理由')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
