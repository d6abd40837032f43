// The coverage dashboard's settings: a unit's targets for the year (set by the level above) and
// the year's denominator rule (统计口径, set by the city federation).
import { useEffect, useState } from 'react';
import { Alert, App, Descriptions, Form, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import { CheckboxGroup } from '../../web/components/checkbox-group';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { OWNERSHIPS, OWNERSHIP_LABELS, type Ownership } from '../../enterprises/contract';
import { INDICATORS, INDICATOR_LABELS, type Indicator, type RuleView, type Targets } from '../contract';
import { coverageKeys, fetchRules, ruleKeys, saveRule, saveTargets } from './coverage-api';

type TargetForm = Record<Indicator, number | null | undefined>;

const toPercent = (v: number | undefined) => (v === undefined ? undefined : Number((v * 100).toFixed(2)));

/** The modal setting one unit's seven targets for a year (percent in the form, 0–1 on the wire). */
export function TargetsModal({
  orgId,
  orgName,
  year,
  targets,
  onClose,
}: {
  orgId: string;
  orgName: string;
  year: number;
  targets: Targets;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TargetForm>();
  const save = useMutation({
    mutationFn: (values: TargetForm) =>
      saveTargets(orgId, {
        year,
        targets: Object.fromEntries(
          INDICATORS.map((key) => {
            const v = values[key];
            return [key, v === null || v === undefined ? null : Number((v / 100).toFixed(4))];
          }),
        ),
      }),
    onSuccess: async () => {
      void message.success('目标已保存');
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      onClose();
    },
    onError: (error) =>
      showFormError(
        form,
        error,
        message,
        INDICATORS,
        Object.fromEntries(INDICATORS.map((k) => [`targets.${k}`, k])),
      ),
  });
  return (
    <Modal
      open
      title={`设置目标 · ${orgName}（${year} 年）`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="targets-modal"
    >
      <Typography.Paragraph type="secondary">以百分比填写（0–100），留空表示不设目标。</Typography.Paragraph>
      <Form<TargetForm>
        form={form}
        layout="horizontal"
        labelCol={{ span: 10 }}
        initialValues={Object.fromEntries(INDICATORS.map((k) => [k, toPercent(targets[k])]))}
        onFinish={(values) => save.mutate(values)}
      >
        {INDICATORS.map((key) => (
          <Form.Item key={key} name={key} label={INDICATOR_LABELS[key]}>
            <InputNumber<number>
              min={0}
              max={100}
              step={1}
              precision={2}
              addonAfter="%"
              style={{ width: 160 }}
              data-testid={`target-input-${key}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

interface RuleForm {
  minEmployees: number;
  ownerships: Ownership[];
  jointUnionCounts: boolean;
}

const RULE_FIELDS = ['minEmployees', 'ownerships', 'jointUnionCounts'] as const;

/** The rule of one year: shown to every reader, editable by the city federation. */
export function RuleModal({
  year,
  editable,
  onClose,
}: {
  year: number;
  editable: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleForm>();
  const rules = useQuery({ queryKey: ruleKeys.all, queryFn: fetchRules });
  const [stale, setStale] = useState(false);
  const rule: RuleView | undefined = rules.data
    ? (rules.data.items.find((r) => r.year === year) ?? {
        ...rules.data.default,
        year,
        configured: false,
        version: null,
      })
    : undefined;

  useEffect(() => {
    if (rule) {
      form.setFieldsValue({
        minEmployees: rule.minEmployees,
        ownerships: rule.ownerships,
        jointUnionCounts: rule.jointUnionCounts,
      });
    }
    // Reset the form only when the loaded rule changes (e.g. after a reload on 409).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule?.version, rule?.configured, rules.dataUpdatedAt]);

  const save = useMutation({
    mutationFn: (values: RuleForm) => saveRule(year, { ...values, version: rule?.version ?? null }),
    onSuccess: async (saved) => {
      void message.success(
        saved.seriesJobId
          ? '统计口径已保存，数据已按新口径统计；后台正在为新口径生成统计缓存，完成前该年度的查询会稍慢'
          : '统计口径已保存，数据已按新口径重新统计',
        6,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
        queryClient.invalidateQueries({ queryKey: coverageKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        setStale(true);
        void message.warning(STALE_MESSAGE);
        await rules.refetch();
        return;
      }
      showFormError(form, error, message, RULE_FIELDS);
    },
  });

  return (
    <Modal
      open
      title={`统计口径 · ${year} 年`}
      okText="保存"
      cancelText={editable ? '取消' : '关闭'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ style: editable ? undefined : { display: 'none' } }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
      data-testid="rule-modal"
    >
      {rules.isError && !rules.data ? (
        <ErrorResult error={rules.error} onRetry={() => void rules.refetch()} />
      ) : !rule ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {stale && <Alert type="warning" showIcon message={STALE_MESSAGE} />}
          <Typography.Text type="secondary">
            {rule.configured ? `本年度口径（第 ${rule.version} 版）` : '本年度未单独设置，使用默认口径'}
          </Typography.Text>
          {editable ? (
            <Form<RuleForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
              <Form.Item
                name="minEmployees"
                label="最少职工人数（少于此数或人数不详的企业不计入应建会企业）"
                rules={[{ required: true, message: '请填写最少职工人数' }]}
              >
                <InputNumber<number> min={0} max={100000} precision={0} addonAfter="人" />
              </Form.Item>
              <Form.Item
                name="ownerships"
                label="计入的经济类型"
                rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种经济类型' }]}
              >
                <CheckboxGroup options={OWNERSHIPS.map((o) => ({ value: o, label: OWNERSHIP_LABELS[o] }))} />
              </Form.Item>
              <Form.Item name="jointUnionCounts" label="联合工会覆盖的企业是否计为已建会">
                <Radio.Group
                  options={[
                    { value: true, label: '计入' },
                    { value: false, label: '不计入' },
                  ]}
                />
              </Form.Item>
            </Form>
          ) : (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="最少职工人数">{rule.minEmployees} 人</Descriptions.Item>
              <Descriptions.Item label="计入的经济类型">
                {rule.ownerships.map((o) => OWNERSHIP_LABELS[o]).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label="联合工会覆盖">
                {rule.jointUnionCounts ? '计入' : '不计入'}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Space>
      )}
    </Modal>
  );
}
