// The city's review of a scored assessment: confirm the district's proposal, or change it with a
// comment; a fail that completes the sheet's number of fails in a row revokes the studio, and the
// modal says so before it is confirmed.
import { App, Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { notificationKeys } from '../../../web/components/notification-bell';
import { RESULT_LABELS, RESULTS, type AssessmentDetail, type AssessmentResult } from '../contract';
import { assessmentKeys, reviewAssessment } from './assessments-api';

interface ReviewForm {
  result: AssessmentResult;
  comment?: string;
}

export function ReviewModal({ a, onClose }: { a: AssessmentDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReviewForm>();
  const result = Form.useWatch('result', form) ?? a.proposedResult;
  const changed = result !== a.proposedResult;
  const revokes =
    result === 'fail' && a.failsBefore + 1 >= a.sheet.failsToRevoke && a.studio.state !== 'revoked';
  const save = useMutation({
    mutationFn: (v: ReviewForm) =>
      reviewAssessment(a.id, { version: a.version, result: v.result, comment: v.comment?.trim() || null }),
    onSuccess: async (saved) => {
      void message.success(saved.revokedStudio ? '已审定，工作室已摘牌' : '已审定');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: assessmentKeys.one(a.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, ['result', 'comment']);
    },
  });
  return (
    <Modal
      open
      title="审定考核结果"
      okText={revokes ? '确定并摘牌' : '确定'}
      cancelText="取消"
      okButtonProps={{ danger: revokes }}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(520, window.innerWidth)}
    >
      <Form<ReviewForm>
        form={form}
        layout="vertical"
        initialValues={{ result: a.proposedResult ?? 'pass' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="review-form"
      >
        <p>
          {a.studio.name}：{a.total} 分，{a.district}初评
          {a.proposedResult ? RESULT_LABELS[a.proposedResult] : '—'}
        </p>
        <Form.Item name="result" label="考核结果">
          <Radio.Group options={RESULTS.map((r) => ({ value: r, label: RESULT_LABELS[r] }))} />
        </Form.Item>
        <Form.Item
          name="comment"
          label="审定意见"
          rules={
            changed ? [{ required: true, whitespace: true, message: '改变区级初评结果时须写明审定意见' }] : []
          }
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={changed ? '请写明改变初评结果的理由' : '可不填'}
          />
        </Form.Item>
        {revokes && (
          <Alert
            type="error"
            showIcon
            message={`该工作室此前已连续 ${a.failsBefore} 年不合格，考核表规定连续 ${a.sheet.failsToRevoke} 年不合格予以摘牌：确定后将摘牌`}
          />
        )}
      </Form>
    </Modal>
  );
}
