// The priority rule (三类认定规则): how many of which failings make a weak union (category 3),
// and the weights the list is ranked by. Every reader sees it; the city federation sets it, and
// the worklist is rebuilt by it in a job whose end the modal waits for.
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Modal,
  Progress,
  Row,
  Space,
  Typography,
} from 'antd';
import { CheckboxGroup } from '../../web/components/checkbox-group';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { fetchJob } from '../../enterprises/web/enterprise-api';
import {
  PRIORITY_REASONS,
  REASON_CATEGORY,
  REASON_LABELS,
  WEAK_UNION_FAILINGS,
  type PriorityReason,
  type PriorityRuleBody,
  type PriorityRuleSaved,
  type WeakUnionFailing,
} from '../contract';
import { fetchPriorityRule, priorityKeys, priorityRuleKey, weakUnionText } from './priority-api';

type RuleForm = { weakFailings: WeakUnionFailing[]; weakMin: number; global500Weight: number } & Record<
  `w_${PriorityReason}`,
  number
>;

const FIELDS = ['weakFailings', 'weakMin', 'global500Weight', ...PRIORITY_REASONS.map((r) => `w_${r}`)];
const RENAME = Object.fromEntries(PRIORITY_REASONS.map((r) => [`weights.${r}`, `w_${r}`]));

const CATEGORY_NAMES = { 1: '一类', 2: '二类', 3: '三类' } as const;

/** Waits for the rebuild job, reporting its progress. */
async function waitRebuilt(jobId: string, onProgress: (percent: number) => void): Promise<void> {
  for (let i = 0; ; i++) {
    const job = await fetchJob(jobId);
    if (job.state === 'succeeded') return;
    if (job.state === 'failed') throw new Error('三类企业清单重建失败，请稍后重试');
    onProgress(Math.min(95, 5 + i * 3));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function PriorityRuleModal({ editable, onClose }: { editable: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleForm>();
  const rule = useQuery({ queryKey: priorityRuleKey, queryFn: fetchPriorityRule });
  const [stale, setStale] = useState(false);
  const [rebuilding, setRebuilding] = useState<number | null>(null);
  const chosen = Form.useWatch('weakFailings', form) ?? [];

  useEffect(() => {
    const r = rule.data;
    if (!r) return;
    form.setFieldsValue({
      weakFailings: r.weakFailings,
      weakMin: r.weakMin,
      global500Weight: r.global500Weight,
      ...Object.fromEntries(PRIORITY_REASONS.map((code) => [`w_${code}`, r.weights[code]])),
    });
    // Reset the form only when the loaded rule changes (e.g. after a reload on 409).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule.data?.version, rule.dataUpdatedAt]);

  const save = useMutation({
    mutationFn: async (values: RuleForm) => {
      const body: PriorityRuleBody = {
        weakFailings: values.weakFailings,
        weakMin: values.weakMin,
        global500Weight: values.global500Weight,
        weights: Object.fromEntries(PRIORITY_REASONS.map((code) => [code, values[`w_${code}`]])) as Record<
          PriorityReason,
          number
        >,
        version: rule.data?.version ?? null,
      };
      const saved = await api.put<PriorityRuleSaved>('/api/coverage/priority-rule', body);
      setRebuilding(5);
      await waitRebuilt(saved.jobId, setRebuilding);
      return saved;
    },
    onSuccess: async () => {
      void message.success('认定规则已保存，三类企业清单已按新规则重建');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: priorityRuleKey }),
        queryClient.invalidateQueries({ queryKey: priorityKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      setRebuilding(null);
      if (error instanceof ApiError && error.isStale) {
        setStale(true);
        void message.warning(STALE_MESSAGE);
        await rule.refetch();
        return;
      }
      showFormError(form, error, message, FIELDS, RENAME);
    },
  });

  const r = rule.data;
  return (
    <Modal
      open
      title="三类企业认定与排序规则"
      okText="保存并重建清单"
      cancelText={editable ? '取消' : '关闭'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ style: editable ? undefined : { display: 'none' } }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      data-testid="priority-rule-modal"
    >
      {rule.isError && !r ? (
        <ErrorResult error={rule.error} onRetry={() => void rule.refetch()} />
      ) : !r ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {stale && <Alert type="warning" showIcon message={STALE_MESSAGE} />}
          {rebuilding !== null && (
            <div data-testid="priority-rule-progress">
              <Typography.Text>正在按新规则重建三类企业清单……</Typography.Text>
              <Progress percent={rebuilding} status="active" />
            </div>
          )}
          <Typography.Text type="secondary">
            {r.configured ? `市总工会设置的规则（第 ${r.version} 版）` : '使用默认规则'}
            。紧急度为企业所属类别下各项原因的权重之和（世界 500
            强另加权重），名单按紧急度、再按职工人数排列。
          </Typography.Text>
          {editable ? (
            <Form<RuleForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
              <Form.Item
                name="weakFailings"
                label="三类（工会薄弱）认定项"
                rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项认定项' }]}
              >
                <CheckboxGroup
                  options={WEAK_UNION_FAILINGS.map((f) => ({ value: f, label: REASON_LABELS[f] }))}
                />
              </Form.Item>
              <Form.Item
                name="weakMin"
                label={`至少同时存在几项（已选 ${chosen.length} 项）`}
                rules={[{ required: true, message: '请填写至少满足项数' }]}
              >
                <InputNumber<number> min={1} max={WEAK_UNION_FAILINGS.length} precision={0} addonAfter="项" />
              </Form.Item>
              <Typography.Text strong>各项原因的权重（0–100）</Typography.Text>
              <Row gutter={12} style={{ marginTop: 8 }}>
                {PRIORITY_REASONS.map((code) => (
                  <Col xs={24} sm={12} key={code}>
                    <Form.Item
                      name={`w_${code}`}
                      label={`${CATEGORY_NAMES[REASON_CATEGORY[code]]}：${REASON_LABELS[code]}`}
                      rules={[{ required: true, message: '请填写权重' }]}
                    >
                      <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="global500Weight"
                    label="世界 500 强加权"
                    rules={[{ required: true, message: '请填写权重' }]}
                  >
                    <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          ) : (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="三类认定">{weakUnionText(r)}</Descriptions.Item>
              <Descriptions.Item label="权重">
                {PRIORITY_REASONS.map((code) => `${REASON_LABELS[code]} ${r.weights[code]}`).join('；')}
                ；世界 500 强 {r.global500Weight}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Space>
      )}
    </Modal>
  );
}
