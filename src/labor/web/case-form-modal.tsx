// Taking a mediation application (受理调解申请): the employer (from the registry or by hand), the
// workers who apply with their ID numbers and phones, the claims with amounts in yuan, the facts,
// the day of application and the mediators. Field problems appear under their fields, each
// worker's and claim's in its own row.
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaToday } from '../../platform/shared/dates';
import { showFormError } from '../../web/form-errors';
import { EnterpriseSearch } from '../../enterprises/web/enterprise-search';
import { CLAIM_KINDS, CLAIM_KIND_LABELS, type CaseDetail, type ClaimKind } from '../mediation-contract';
import { createCase, fetchMediators, mediationKeys } from './mediation-api';

interface CaseForm {
  at: 'registry' | 'byHand';
  enterpriseId?: string;
  employerName?: string;
  employerRepresentative?: string;
  employerPhone?: string;
  workers: { name?: string; idNumber?: string; phone?: string }[];
  claims: { kind?: ClaimKind; amountYuan?: number }[];
  facts?: string;
  appliedOn: Dayjs;
  mediatorIds: string[];
}

export function CaseFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: CaseDetail) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CaseForm>();
  const at = Form.useWatch('at', form) ?? 'registry';
  const mediators = useQuery({
    queryKey: mediationKeys.mediators(undefined),
    queryFn: () => fetchMediators(),
  });
  const save = useMutation({
    mutationFn: (v: CaseForm) =>
      createCase({
        enterpriseId: v.at === 'registry' ? (v.enterpriseId ?? null) : null,
        employerName: v.at === 'byHand' ? (v.employerName ?? null) : null,
        employerRepresentative: v.employerRepresentative || null,
        employerPhone: v.employerPhone || null,
        workers: v.workers.map((w) => ({
          name: w.name ?? '',
          idNumber: w.idNumber ?? '',
          phone: w.phone || null,
        })),
        claims: v.claims.map((c) => ({
          kind: c.kind ?? 'other',
          amountFen: Math.round((c.amountYuan ?? 0) * 100),
        })),
        facts: v.facts ?? '',
        appliedOn: v.appliedOn.format('YYYY-MM-DD'),
        mediatorIds: v.mediatorIds ?? [],
      }),
    onSuccess: async (created) => {
      void message.success(`已受理，案号 ${created.caseNo}`);
      await queryClient.invalidateQueries({ queryKey: mediationKeys.all });
      onCreated(created);
    },
    onError: (error) => {
      const values = form.getFieldsValue();
      const fields = [
        'enterpriseId',
        'employerName',
        'employerRepresentative',
        'employerPhone',
        'facts',
        'appliedOn',
        'mediatorIds',
        'workers',
        'claims',
        ...(values.workers ?? []).flatMap((_, i) =>
          ['name', 'idNumber', 'phone'].map((f) => `workers.${i}.${f}`),
        ),
        ...(values.claims ?? []).flatMap((_, i) => [`claims.${i}.kind`, `claims.${i}.amountYuan`]),
        ...(values.mediatorIds ?? []).map((_, i) => `mediatorIds.${i}`),
      ];
      const rename: Record<string, string> = Object.fromEntries(
        (values.claims ?? []).map((_, i) => [`claims.${i}.amountFen`, `claims.${i}.amountYuan`]),
      );
      // A mediator's problem is shown on the select.
      (values.mediatorIds ?? []).forEach((_, i) => (rename[`mediatorIds.${i}`] = 'mediatorIds'));
      showFormError(form, error, message, fields, rename);
    },
  });
  const required = (text: string) => [{ required: true, message: text }];
  return (
    <Modal
      open
      title="受理调解申请"
      okText="受理"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(760, window.innerWidth)}
    >
      <Form<CaseForm>
        form={form}
        layout="vertical"
        initialValues={{
          at: 'registry',
          workers: [{}],
          claims: [{ kind: 'wages' }],
          appliedOn: dayjs(chinaToday()),
          mediatorIds: [],
        }}
        onFinish={(v) => save.mutate(v)}
        onFinishFailed={() => void message.error('请按提示修改标红的内容')}
        data-testid="case-form"
      >
        <Form.Item name="at" label="被申请人（用人单位）">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'registry', label: '企业名单中的企业' },
              { value: 'byHand', label: '手工填写' },
            ]}
          />
        </Form.Item>
        {at === 'registry' ? (
          <Form.Item name="enterpriseId" rules={required('请选择企业')}>
            <EnterpriseSearch testId="case-enterprise" />
          </Form.Item>
        ) : (
          <Form.Item name="employerName" rules={required('请填写用人单位名称')}>
            <Input maxLength={100} placeholder="用人单位全称" />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="employerRepresentative" label="法定代表人（负责人）">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="employerPhone" label="单位联系电话">
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        <Form.List name="workers">
          {(fields, { add, remove }) => (
            <Form.Item label="申请人（职工）" required>
              {fields.map((field, i) => (
                <Space
                  key={field.key}
                  align="start"
                  wrap
                  style={{ display: 'flex' }}
                  data-testid="case-worker"
                >
                  <Form.Item name={[field.name, 'name']} rules={required('请填写姓名')}>
                    <Input placeholder="姓名" maxLength={20} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'idNumber']} rules={required('请填写身份证号码')}>
                    <Input placeholder="身份证号码" maxLength={18} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']}>
                    <Input placeholder="联系电话" maxLength={20} style={{ width: 140 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除第 ${i + 1} 名申请人`}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                添加申请人
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="claims">
          {(fields, { add, remove }) => (
            <Form.Item label="请求事项" required>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'kind']} rules={required('请选择请求事项')}>
                    <Select
                      style={{ width: 220 }}
                      options={CLAIM_KINDS.map((k) => ({ value: k, label: CLAIM_KIND_LABELS[k] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amountYuan']} rules={required('请填写金额，没有填 0')}>
                    <InputNumber min={0} precision={2} addonAfter="元" style={{ width: 180 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label="删除此项"
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              {fields.length < CLAIM_KINDS.length && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  添加请求事项
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="facts" label="纠纷事实" rules={required('请填写纠纷事实')}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Space wrap>
          <Form.Item name="appliedOn" label="申请日期" rules={required('请选择申请日期')}>
            <DatePicker inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
          </Form.Item>
          <Form.Item
            name="mediatorIds"
            label="调解员"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择调解员' }]}
          >
            <Select
              mode="multiple"
              style={{ minWidth: 260 }}
              loading={mediators.isPending}
              placeholder="本单位及下级单位的调解员"
              optionFilterProp="label"
              options={mediators.data?.items.map((m) => ({
                value: m.id,
                label: `${m.name}（${m.org.name}，在办 ${m.open} 件）`,
              }))}
              data-testid="case-mediators"
            />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
