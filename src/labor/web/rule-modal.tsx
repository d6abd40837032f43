// The city legal department's editor of the grading rule (分级标准): the conditions of each grade,
// the hours each level has to acknowledge a report of each grade, and the days to the follow-up.
import { App, Card, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { showFormError } from '../../web/form-errors';
import { PageLoading } from '../../web/components/page-state';
import {
  ACK_LEVELS,
  ACK_LEVEL_LABELS,
  GRADES,
  GRADE_LABELS,
  RISK_KINDS,
  RISK_KIND_LABELS,
  RULED_GRADES,
  type GradeCondition,
  type GradingRule,
  type RuledGrade,
} from '../contract';
import { fetchGradingRule, laborKeys, saveGradingRule } from './labor-api';

type RuleForm = Record<
  RuledGrade,
  { workers: number | null; months: number | null; amountWan: number | null; kinds: GradeCondition['kinds'] }
> &
  Pick<GradingRule, 'deadlines' | 'followUpDays'>;

const toForm = (rule: GradingRule): RuleForm => ({
  ...(Object.fromEntries(
    RULED_GRADES.map((g) => [
      g,
      {
        workers: rule[g].workersAtLeast,
        months: rule[g].monthsAtLeast,
        amountWan: rule[g].amountAtLeast === null ? null : rule[g].amountAtLeast / 1_000_000,
        kinds: rule[g].kinds,
      },
    ]),
  ) as Pick<RuleForm, RuledGrade>),
  deadlines: rule.deadlines,
  followUpDays: rule.followUpDays,
});

/** Server field names (red.workersAtLeast) as the form names them (red.workers). */
const RENAME: Record<string, string> = Object.fromEntries(
  RULED_GRADES.flatMap((g) => [
    [`${g}.workersAtLeast`, `${g}.workers`],
    [`${g}.monthsAtLeast`, `${g}.months`],
    [`${g}.amountAtLeast`, `${g}.amountWan`],
  ]),
);

export function RuleModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleForm>();
  const rule = useQuery({ queryKey: laborKeys.rule, queryFn: fetchGradingRule });
  const save = useMutation({
    mutationFn: (v: RuleForm) =>
      saveGradingRule({
        version: rule.data!.version,
        ...(Object.fromEntries(
          RULED_GRADES.map((g) => [
            g,
            {
              workersAtLeast: v[g].workers ?? null,
              monthsAtLeast: v[g].months ?? null,
              amountAtLeast: v[g].amountWan ? Math.round(v[g].amountWan * 1_000_000) : null,
              kinds: v[g].kinds ?? [],
            },
          ]),
        ) as Pick<GradingRule, RuledGrade>),
        deadlines: v.deadlines,
        followUpDays: v.followUpDays,
      }),
    onSuccess: async () => {
      void message.success('分级标准已保存，此后上报的风险按新标准定级和计时');
      await queryClient.invalidateQueries({ queryKey: laborKeys.all });
      onClose();
    },
    onError: (error) => {
      const fields = [
        ...RULED_GRADES.flatMap((g) => ['workers', 'months', 'amountWan', 'kinds'].map((f) => `${g}.${f}`)),
        ...GRADES.flatMap((g) => ACK_LEVELS.map((l) => `deadlines.${g}.${l}`)),
        'followUpDays',
      ];
      showFormError(form, error, message, fields, RENAME);
    },
  });
  return (
    <Modal
      open
      title="预警分级与签收时限标准"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={780}
    >
      {!rule.data ? (
        <PageLoading />
      ) : (
        <Form<RuleForm>
          form={form}
          layout="vertical"
          initialValues={toForm(rule.data)}
          onFinish={(v) => save.mutate(v)}
        >
          <Typography.Paragraph type="secondary">
            满足任一条件即定为该等级，从红色往下判断；都不满足为蓝色。留空的条件不参与判断。已上报的风险保持上报时的等级。
            {rule.data.version ? `（第 ${rule.data.version} 版）` : '（默认标准）'}
          </Typography.Paragraph>
          {RULED_GRADES.map((g) => (
            <Card key={g} size="small" title={`${GRADE_LABELS[g]}预警`} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Form.Item name={[g, 'workers']} label="涉及职工（人）以上">
                  <InputNumber min={1} precision={0} />
                </Form.Item>
                <Form.Item name={[g, 'months']} label="欠薪（月）以上">
                  <InputNumber min={1} max={120} precision={0} />
                </Form.Item>
                <Form.Item name={[g, 'amountWan']} label="涉及金额（万元）以上">
                  <InputNumber min={0.01} precision={2} />
                </Form.Item>
                <Form.Item name={[g, 'kinds']} label="或出现以下情形">
                  <Select
                    mode="multiple"
                    style={{ minWidth: 220 }}
                    options={RISK_KINDS.map((k) => ({ value: k, label: RISK_KIND_LABELS[k] }))}
                  />
                </Form.Item>
              </Space>
            </Card>
          ))}
          <Card size="small" title="签收时限（小时）" style={{ marginBottom: 12 }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              上报后由上一级工会在时限内签收；超时未签收的，标记为超时并自动上报再上一级工会，按该级时限重新计时。
            </Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="grade"
              dataSource={GRADES.map((grade) => ({ grade }))}
              columns={[
                { title: '等级', key: 'grade', render: (_, { grade }) => `${GRADE_LABELS[grade]}预警` },
                ...ACK_LEVELS.map((level) => ({
                  title: ACK_LEVEL_LABELS[level],
                  key: level,
                  render: (_: unknown, { grade }: { grade: (typeof GRADES)[number] }) => (
                    <Form.Item
                      name={['deadlines', grade, level]}
                      style={{ margin: 0 }}
                      rules={[{ required: true, message: '请填写' }]}
                    >
                      <InputNumber min={1} max={720} precision={0} addonAfter="小时" style={{ width: 130 }} />
                    </Form.Item>
                  ),
                })),
              ]}
            />
          </Card>
          <Form.Item
            name="followUpDays"
            label="销号后回访（天）"
            rules={[{ required: true, message: '请填写回访天数' }]}
          >
            <InputNumber min={1} max={365} precision={0} addonAfter="天" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
