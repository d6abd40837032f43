// The district's scoring of one studio (used on site, on a phone as well): each criterion with its
// weight, maximum and the evidence asked for, a score and a note, the live total and the result it
// proposes under the sheet's thresholds. The server computes the same total when it saves.
import { App, Alert, Button, Card, Form, Input, InputNumber, Space, Statistic, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { notificationKeys } from '../../../web/components/notification-bell';
import {
  hundredthsText,
  RESULT_LABELS,
  resultOf,
  totalHundredths,
  twoDecimals,
  type AssessmentDetail,
} from '../contract';
import { assessmentKeys, scoreAssessment } from './assessments-api';

interface ScoreForm {
  scores: { score?: number | null; note?: string }[];
}

export function ScoreForm({ a, onDone }: { a: AssessmentDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ScoreForm>();
  const criteria = a.sheet.criteria;
  const given = new Map(a.scores.map((s) => [s.key, s]));
  const watched = Form.useWatch('scores', form) as ScoreForm['scores'] | undefined;
  const filled = criteria.map((c, i) => ({ key: c.key, score: watched?.[i]?.score ?? null }));
  const complete = filled.every((s) => typeof s.score === 'number');
  const total = totalHundredths(
    criteria,
    filled.map((s) => ({ key: s.key, score: typeof s.score === 'number' ? s.score : 0 })),
  );
  const save = useMutation({
    mutationFn: (v: ScoreForm) =>
      scoreAssessment(a.id, {
        version: a.version,
        scores: criteria.map((c, i) => ({
          key: c.key,
          score: v.scores[i]?.score ?? 0,
          note: v.scores[i]?.note?.trim() || null,
        })),
      }),
    onSuccess: async (saved) => {
      void message.success(
        `已保存评分：${saved.total} 分，初评${saved.proposedResult ? RESULT_LABELS[saved.proposedResult] : ''}`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onDone();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: assessmentKeys.one(a.id) });
        return;
      }
      showFormError(
        form,
        error,
        message,
        criteria.flatMap((_, i) => [`scores.${i}.score`, `scores.${i}.note`]),
      );
    },
  });
  return (
    <Form<ScoreForm>
      form={form}
      layout="vertical"
      initialValues={{
        scores: criteria.map((c) => ({
          score: given.get(c.key)?.score ?? null,
          note: given.get(c.key)?.note ?? '',
        })),
      }}
      onFinish={(v) => save.mutate(v)}
      data-testid="score-form"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {criteria.map((c, i) => (
          <Card key={c.key} size="small" title={`${i + 1}. ${c.label}`} extra={`权重 ${c.weight}%`}>
            {c.evidence && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                佐证材料：{c.evidence}
              </Typography.Paragraph>
            )}
            <Form.Item
              name={['scores', i, 'score']}
              label={`得分（满分 ${c.maxScore}）`}
              rules={[
                { required: true, message: `请为“${c.label}”评分` },
                {
                  validator: (_r, v: unknown) =>
                    typeof v !== 'number' || (v >= 0 && v <= c.maxScore && twoDecimals(v))
                      ? Promise.resolve()
                      : Promise.reject(new Error(`得分应在 0 至 ${c.maxScore} 之间，最多两位小数`)),
                },
              ]}
            >
              <InputNumber
                min={0}
                max={c.maxScore}
                step={0.5}
                inputMode="decimal"
                style={{ width: '100%' }}
                data-testid={`score-${c.key}`}
              />
            </Form.Item>
            <Form.Item
              name={['scores', i, 'note']}
              label="评分说明或查看的佐证材料"
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder="如：现场查看创新成果台账，专利证书 2 项"
              />
            </Form.Item>
          </Card>
        ))}
        <Card size="small">
          <Space wrap size={24} align="center">
            <Statistic title="总分" value={hundredthsText(total)} data-testid="score-total" />
            <Statistic
              title="初评结果"
              value={complete ? RESULT_LABELS[resultOf(total, a.sheet)] : '—'}
              data-testid="score-proposed"
            />
            <Typography.Text type="secondary">
              优秀 ≥ {a.sheet.excellentFrom} 分，合格 ≥ {a.sheet.passFrom} 分
            </Typography.Text>
          </Space>
        </Card>
        {a.state === 'scored' && <Alert type="info" showIcon message="已评分，市总工会审定前可以修改" />}
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="score-save">
          保存评分
        </Button>
      </Space>
    </Form>
  );
}
