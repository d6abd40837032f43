// Creating a programme of the city or a county federation: its name, period, the levels taking
// part and the visiting rhythm.
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import { CheckboxGroup } from '../../web/components/checkbox-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaToday } from '../../platform/shared/dates';
import { showFormError } from '../../web/form-errors';
import { DEFAULT_VISIT_EVERY_DAYS, LEVEL_LABELS, PROGRAMME_LEVELS, type ProgrammeLevel } from '../contract';
import { createProgramme, serviceKeys } from './service-api';

interface ProgrammeForm {
  name: string;
  period: [Dayjs, Dayjs];
  levels: ProgrammeLevel[];
  visitEveryDays: number;
  description?: string;
}

export default function ProgrammeModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProgrammeForm>();
  const year = chinaToday().slice(0, 4);
  const save = useMutation({
    mutationFn: (v: ProgrammeForm) =>
      createProgramme({
        name: v.name,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        levels: v.levels,
        visitEveryDays: v.visitEveryDays,
        description: v.description ?? null,
      }),
    onSuccess: async () => {
      void message.success('服务活动已创建');
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      onClose();
    },
    onError: (error) =>
      showFormError(form, error, message, ['name', 'period', 'levels', 'visitEveryDays'], {
        startsOn: 'period',
        endsOn: 'period',
      }),
  });
  return (
    <Modal
      open
      title="创建服务活动"
      okText="创建"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="programme-modal"
    >
      <Form<ProgrammeForm>
        form={form}
        layout="vertical"
        initialValues={{
          name: `${year}年百名干部服务千家企业`,
          period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)],
          levels: [...PROGRAMME_LEVELS],
          visitEveryDays: DEFAULT_VISIT_EVERY_DAYS,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={80} data-testid="programme-name" />
        </Form.Item>
        <Form.Item name="period" label="活动期间" rules={[{ required: true, message: '请选择活动期间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly data-testid="programme-period" />
        </Form.Item>
        <Form.Item
          name="levels"
          label="参加层级"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个参加层级' }]}
        >
          <CheckboxGroup options={PROGRAMME_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item
          name="visitEveryDays"
          label="走访周期（每家企业至少每隔多少天走访一次）"
          rules={[{ required: true, message: '请填写走访周期' }]}
        >
          <InputNumber min={7} max={366} precision={0} addonAfter="天" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
