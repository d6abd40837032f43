// Records one dated fact about an enterprise's union (建会, 换届, a contract, an evaluation…):
// only the fields of the chosen kind, checked before sending, the server's refusals under the
// fields. History is kept: a renewed contract or a new election is a new fact.
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import {
  FACT_KINDS,
  FACT_KIND_LABELS,
  FIVE_HAVE_ITEMS,
  FIVE_HAVE_LABELS,
  SURVEY_FLAGS,
  SURVEY_FLAG_LABELS,
  type EnterpriseDetail,
  type FactCreateBody,
  type FactKind,
  type FiveHaveItem,
  type SurveyFlag,
  needsUnion,
  FORM_KEPT_KINDS,
} from '../contract';
import { enterpriseKeys, invalidateEnterprises } from './enterprise-api';
import { fiveHaves } from './enterprise-format';
import { chinaToday, chinaYear } from '../../platform/shared/dates';

interface FormValues {
  kind: FactKind;
  eventDate?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  value?: number | null;
  year?: number | null;
  satisfied?: number | null;
  basic?: number | null;
  unsatisfied?: number | null;
  item?: FiveHaveItem;
  flag?: SurveyFlag;
  explanation?: string;
}

const CONTRACTS: FactKind[] = ['collectiveContract', 'wageAgreement', 'womenContract'];

/** The date field's label per kind, and whether it is required (the server's rule). */
const DATE_LABEL: Record<FactKind, [string, boolean]> = {
  unionFounded: ['建会日期', true],
  unionDissolved: ['撤销日期', true],
  headcount: ['人数起始日期', true],
  jointUnion: ['起始日期', false],
  membership: ['统计日期', true],
  termElection: ['换届日期', true],
  workersCongress: ['建立日期', true],
  membersCongress: ['建立日期', true],
  affairsDisclosure: ['实行日期', true],
  collectiveContract: ['签订日期', false],
  wageAgreement: ['签订日期', false],
  womenContract: ['签订日期', false],
  employeeDirector: ['产生日期', false],
  employeeSupervisor: ['产生日期', false],
  memberEvaluation: ['评议日期', false],
  fiveHave: ['建成日期', false],
  survey: ['排查日期', true],
};

/** Usual term of each contract, offered when the start date is picked. */
const USUAL_YEARS: Partial<Record<FactKind, number>> = {
  collectiveContract: 3,
  wageAgreement: 1,
  womenContract: 3,
};

const HINTS: Partial<Record<FactKind, string>> = {
  termElection: '工会委员会每届任期 3 年或 5 年；换届后请登记新的一届，原记录保留',
  headcount: '职工人数变化时登记：自该日起按新的人数统计；登记企业时填写的人数视为成立以来的人数',
  unionDissolved: '工会撤销后，企业自撤销之日起按未建会统计；重新建会时请登记新的建会日期',
  workersCongress: '职工人数不足 100 人的企业可召开职工大会',
  collectiveContract: '续签的合同请登记为新的一条，原合同记录保留',
  wageAgreement: '工资专项集体协议一般每年签订一次，请逐年登记',
  membership: '登记某一日期的会员人数；会员人数不应超过职工人数',
};

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const afterToday = (d: Dayjs) => d.isAfter(dayjs(chinaToday()), 'day');
const count = (label: string): Rule[] => [{ required: true, message: `请填写${label}` }];

/** Form field that shows the server's message about a body field of this kind. */
function renameFor(kind: FactKind): Record<string, string> {
  if (kind === 'memberEvaluation') return { value: 'year', data: 'satisfied' };
  if (kind === 'fiveHave') return { data: 'item' };
  if (kind === 'survey') return { data: 'flag' };
  return {};
}

interface Props {
  enterprise: EnterpriseDetail;
  kind: FactKind;
  onClose: () => void;
}

export function FactFormModal({ enterprise, kind: initialKind, onClose }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const value = Form.useWatch('value', form);
  const present = fiveHaves(enterprise.facts);
  const isMembers = kind === 'membership' || kind === 'unionFounded';
  const overEmployees =
    isMembers && typeof value === 'number' && enterprise.employees !== null && value > enterprise.employees;
  const [dateLabel, dateRequired] = DATE_LABEL[kind];

  const save = async (v: FormValues) => {
    const body: FactCreateBody = {
      kind: v.kind,
      eventDate: day(v.eventDate),
      validFrom: CONTRACTS.includes(v.kind) ? day(v.validFrom) : null,
      validTo: CONTRACTS.includes(v.kind) ? day(v.validTo) : null,
      value:
        v.kind === 'memberEvaluation'
          ? (v.year ?? null)
          : [
                'headcount',
                'unionFounded',
                'membership',
                'termElection',
                'employeeDirector',
                'employeeSupervisor',
              ].includes(v.kind)
            ? (v.value ?? null)
            : null,
      data:
        v.kind === 'memberEvaluation'
          ? { satisfied: v.satisfied ?? 0, basic: v.basic ?? 0, unsatisfied: v.unsatisfied ?? 0 }
          : v.kind === 'fiveHave' && v.item
            ? { item: v.item }
            : v.kind === 'survey' && v.flag
              ? { flag: v.flag }
              : null,
      explanation: overEmployees ? v.explanation?.trim() || null : null,
    };
    setSaving(true);
    try {
      const saved = await api.post<EnterpriseDetail>(`/api/enterprises/${enterprise.id}/facts`, body);
      queryClient.setQueryData(enterpriseKeys.detail(enterprise.id), saved);
      await invalidateEnterprises(queryClient);
      void message.success(`已登记“${FACT_KIND_LABELS[v.kind]}”`);
      onClose();
    } catch (error) {
      const fields = [
        'kind',
        'eventDate',
        'validFrom',
        'validTo',
        'value',
        'year',
        'satisfied',
        'item',
        'explanation',
      ];
      showFormError(form, error, message, fields, renameFor(v.kind));
    } finally {
      setSaving(false);
    }
  };

  const kindOptions = FACT_KINDS.filter((k) => !FORM_KEPT_KINDS.includes(k)).map((k) => ({
    value: k,
    label: FACT_KIND_LABELS[k],
    disabled: needsUnion(k) && !enterprise.hasUnion,
  }));

  return (
    <Modal
      open
      title={`登记新事项：${enterprise.name}`}
      okText="登记"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      width={620}
      maskClosable={false}
    >
      <Form
        form={form}
        name="fact-form"
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 17 }}
        initialValues={{ kind: initialKind }}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="kind"
          label="事项"
          rules={[{ required: true, message: '请选择事项' }]}
          extra={!enterprise.hasUnion && needsUnion(kind) ? '该企业尚未建会，请先登记建会' : HINTS[kind]}
        >
          <Select
            options={kindOptions}
            style={{ width: 260 }}
            onChange={() => form.resetFields(['value', 'validFrom', 'validTo', 'item', 'explanation'])}
          />
        </Form.Item>
        <Form.Item
          name="eventDate"
          label={dateLabel}
          rules={dateRequired ? [{ required: true, message: `请填写${dateLabel}` }] : []}
          dependencies={['validTo']}
        >
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        {CONTRACTS.includes(kind) && (
          <Form.Item label="有效期" required style={{ marginBottom: 0 }}>
            <Space align="start" wrap>
              <Form.Item name="validFrom" rules={[{ required: true, message: '请填写起始日期' }]}>
                <DatePicker
                  placeholder="起始日期"
                  onChange={(from: Dayjs | null) => {
                    const years = USUAL_YEARS[kind];
                    if (from && years && !form.getFieldValue('validTo'))
                      form.setFieldValue('validTo', from.add(years, 'year').subtract(1, 'day'));
                  }}
                />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>至</span>
              <Form.Item
                name="validTo"
                dependencies={['validFrom', 'eventDate']}
                rules={[
                  { required: true, message: '请填写终止日期' },
                  ({ getFieldValue }) => ({
                    validator: (_r, to: Dayjs | null | undefined) => {
                      const from = getFieldValue('validFrom') as Dayjs | null | undefined;
                      const signed = getFieldValue('eventDate') as Dayjs | null | undefined;
                      if (to && from && to.isBefore(from, 'day'))
                        return Promise.reject(new Error('终止日期不能早于起始日期'));
                      if (to && signed && signed.isAfter(to, 'day'))
                        return Promise.reject(new Error('签订日期不能晚于终止日期'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker placeholder="终止日期" />
              </Form.Item>
            </Space>
          </Form.Item>
        )}
        {kind === 'termElection' && (
          <Form.Item name="value" label="任期" rules={[{ required: true, message: '请选择任期' }]}>
            <Radio.Group
              options={[
                { value: 3, label: '3 年' },
                { value: 5, label: '5 年' },
              ]}
            />
          </Form.Item>
        )}
        {isMembers && (
          <Form.Item
            name="value"
            label={kind === 'unionFounded' ? '建会时会员数' : '会员人数'}
            rules={kind === 'membership' ? count('会员人数') : []}
            extra={enterprise.employees !== null ? `职工人数 ${enterprise.employees} 人` : undefined}
          >
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="人" />
          </Form.Item>
        )}
        {overEmployees && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={`会员人数（${value}）超过职工人数（${enterprise.employees}）。请核实；确实如此（如含离退休会员、劳务派遣人员）请填写说明。`}
            />
            <Form.Item
              name="explanation"
              label="说明"
              rules={[
                { required: true, whitespace: true, message: '会员人数超过职工人数时请填写说明' },
                { max: 200, message: '说明不能超过 200 个字符' },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </>
        )}
        {kind === 'headcount' && (
          <Form.Item
            name="value"
            label="职工人数"
            rules={count('职工人数')}
            extra={enterprise.employees !== null ? `目前登记 ${enterprise.employees} 人` : undefined}
          >
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="人" />
          </Form.Item>
        )}
        {(kind === 'employeeDirector' || kind === 'employeeSupervisor') && (
          <Form.Item name="value" label="人数" rules={count('人数')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: 160 }} suffix="人" />
          </Form.Item>
        )}
        {kind === 'memberEvaluation' && (
          <>
            <Form.Item name="year" label="评家年度" rules={count('评家年度')} initialValue={chinaYear()}>
              <InputNumber min={1949} max={chinaYear()} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="satisfied" label="满意票数" rules={count('满意票数')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="票" />
            </Form.Item>
            <Form.Item name="basic" label="基本满意票数" rules={count('基本满意票数')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="票" />
            </Form.Item>
            <Form.Item name="unsatisfied" label="不满意票数" rules={count('不满意票数')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="票" />
            </Form.Item>
          </>
        )}
        {kind === 'survey' && (
          <Form.Item
            name="flag"
            label="排查发现"
            rules={[{ required: true, message: '请选择排查发现的问题' }]}
          >
            <Select
              style={{ width: 260 }}
              placeholder="请选择"
              options={SURVEY_FLAGS.map((flag) => ({ value: flag, label: SURVEY_FLAG_LABELS[flag] }))}
            />
          </Form.Item>
        )}
        {kind === 'fiveHave' && (
          <Form.Item name="item" label="五有项目" rules={[{ required: true, message: '请选择五有中的一项' }]}>
            <Select
              style={{ width: 260 }}
              placeholder="请选择"
              options={FIVE_HAVE_ITEMS.map((item) => ({
                value: item,
                label: present.has(item) ? `${FIVE_HAVE_LABELS[item]}（已登记）` : FIVE_HAVE_LABELS[item],
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
