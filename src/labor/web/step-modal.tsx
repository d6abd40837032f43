// The form of one step on a risk report: acknowledge (签收) with a note, a coordination entry,
// resolution, closure (销号) with the outcome in yuan, or the follow-up visit (回访). A stale
// version reloads the report; field problems appear under their fields.
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../web/api';
import { chinaToday } from '../../platform/shared/dates';
import { notificationKeys } from '../../web/components/notification-bell';
import { showFormError } from '../../web/form-errors';
import { PARTNERS, PARTNER_LABELS, type Partner, type ReportAction, type ReportDetail } from '../contract';
import { laborKeys, takeStep } from './labor-api';

interface StepForm {
  note?: string;
  on?: Dayjs;
  partner?: Partner;
  partnerName?: string;
  action?: string;
  wagesPaidYuan?: number;
  workersSettled?: number;
  amountRecoveredYuan?: number;
  summary?: string;
  finding?: string;
  problemBack?: boolean;
}

const TITLES: Record<ReportAction, string> = {
  acknowledge: '签收风险报告',
  coordinate: '登记协调处置情况',
  resolve: '登记风险已化解',
  close: '销号',
  followUp: '登记回访情况',
};

const fen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);
const today = () => dayjs(chinaToday());
const day = (d: Dayjs | undefined) => (d ?? today()).format('YYYY-MM-DD');

function send(report: ReportDetail, step: ReportAction, v: StepForm) {
  const version = report.version;
  switch (step) {
    case 'acknowledge':
      return takeStep(report.id, 'acknowledge', { version, note: v.note || null });
    case 'coordinate':
      return takeStep(report.id, 'coordination', {
        version,
        on: day(v.on),
        partner: v.partner!,
        partnerName: v.partnerName || null,
        action: v.action ?? '',
      });
    case 'resolve':
      return takeStep(report.id, 'resolve', { version, note: v.note ?? '' });
    case 'close':
      return takeStep(report.id, 'close', {
        version,
        wagesPaidFen: fen(v.wagesPaidYuan),
        workersSettled: v.workersSettled ?? 0,
        amountRecoveredFen: fen(v.amountRecoveredYuan),
        summary: v.summary ?? '',
      });
    case 'followUp':
      return takeStep(report.id, 'follow-up', {
        version,
        on: day(v.on),
        finding: v.finding ?? '',
        problemBack: v.problemBack ?? false,
      });
  }
}

const FIELDS = [
  'note',
  'on',
  'partner',
  'partnerName',
  'action',
  'workersSettled',
  'summary',
  'finding',
  'problemBack',
];
const RENAME = { wagesPaidFen: 'wagesPaidYuan', amountRecoveredFen: 'amountRecoveredYuan' };

export function StepModal({
  report,
  step,
  onClose,
}: {
  report: ReportDetail;
  step: ReportAction;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepForm>();
  const save = useMutation({
    mutationFn: (v: StepForm) => send(report, step, v),
    onSuccess: async () => {
      void message.success(`${TITLES[step]}：已保存`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: laborKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: laborKeys.report(report.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, [...FIELDS, ...Object.values(RENAME)], RENAME);
    },
  });
  const required = (text: string) => [{ required: true, message: text }];
  const dateItem = (label: string) => (
    <Form.Item name="on" label={label} rules={required(`请选择${label}`)}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={TITLES[step]}
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(560, window.innerWidth)}
    >
      <Form<StepForm>
        form={form}
        layout="vertical"
        initialValues={{ on: today(), problemBack: false, workersSettled: report.workers }}
        onFinish={(v) => save.mutate(v)}
        data-testid="step-form"
      >
        {step === 'acknowledge' && (
          <Form.Item name="note" label="签收意见（可不填）">
            <Input.TextArea rows={3} maxLength={500} placeholder="如：已安排专人对接，会同属地街道核实情况" />
          </Form.Item>
        )}
        {step === 'coordinate' && (
          <>
            {dateItem('协调日期')}
            <Form.Item name="partner" label="会同部门" rules={required('请选择会同部门')}>
              <Select options={PARTNERS.map((p) => ({ value: p, label: PARTNER_LABELS[p] }))} />
            </Form.Item>
            <Form.Item name="partnerName" label="部门名称（可不填）">
              <Input maxLength={100} placeholder="如：吴中区劳动保障监察大队" />
            </Form.Item>
            <Form.Item name="action" label="协调处置情况" rules={required('请填写协调处置情况')}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {step === 'resolve' && (
          <Form.Item name="note" label="化解情况" rules={required('请填写化解情况')}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        )}
        {step === 'close' && (
          <>
            <Form.Item
              name="wagesPaidYuan"
              label="已支付工资（元）"
              rules={required('请填写已支付工资，没有填 0')}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="workersSettled"
              label="妥善安置职工（人）"
              rules={required('请填写妥善安置职工人数')}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="amountRecoveredYuan"
              label="追回金额（元）"
              rules={required('请填写追回金额，没有填 0')}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="summary" label="销号情况" rules={required('请填写销号情况')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {step === 'followUp' && (
          <>
            {dateItem('回访日期')}
            <Form.Item name="finding" label="回访情况" rules={required('请填写回访情况')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="problemBack" label="问题是否反弹">
              <Radio.Group
                options={[
                  { value: false, label: '未反弹，确认销号' },
                  { value: true, label: '出现反弹，重新处置' },
                ]}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
