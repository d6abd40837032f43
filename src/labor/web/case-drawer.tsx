// A mediation case: the parties (personal data whole only for those who may see it; the server
// decides and audits), the claims, the sessions, the result, and the steps the reader may take:
// record a session, close the case, download the agreement (调解协议书) as Word.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../web/api';
import { chinaToday } from '../../platform/shared/dates';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { amountText } from '../contract';
import {
  AGREED_RESULTS,
  CASE_RESULTS,
  CASE_RESULT_LABELS,
  CASE_STATE_LABELS,
  CLAIM_KIND_LABELS,
  type CaseDetail,
  type CaseResult,
} from '../mediation-contract';
import { addSession, agreementUrl, closeCase, fetchCase, mediationKeys } from './mediation-api';

interface StepForm {
  heldOn?: Dayjs;
  place?: string;
  outcome?: string;
  result?: CaseResult;
  closedOn?: Dayjs;
  agreedYuan?: number;
  paidYuan?: number;
  terms?: string;
}

const today = () => dayjs(chinaToday());

function StepModal({ c, step, onClose }: { c: CaseDetail; step: 'session' | 'close'; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepForm>();
  const result = Form.useWatch('result', form);
  const agreed = result !== undefined && AGREED_RESULTS.includes(result);
  const save = useMutation({
    mutationFn: (v: StepForm) =>
      step === 'session'
        ? addSession(c.id, {
            version: c.version,
            heldOn: (v.heldOn ?? today()).format('YYYY-MM-DD'),
            place: v.place || null,
            outcome: v.outcome ?? '',
          })
        : closeCase(c.id, {
            version: c.version,
            result: v.result!,
            closedOn: (v.closedOn ?? today()).format('YYYY-MM-DD'),
            agreedFen: agreed ? Math.round((v.agreedYuan ?? 0) * 100) : 0,
            paidFen: agreed ? Math.round((v.paidYuan ?? 0) * 100) : 0,
            terms: v.terms || null,
          }),
    onSuccess: async () => {
      void message.success(step === 'session' ? '已登记调解过程' : '已结案');
      await queryClient.invalidateQueries({ queryKey: mediationKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: mediationKeys.case(c.id) });
        onClose();
        return;
      }
      showFormError(
        form,
        error,
        message,
        ['heldOn', 'place', 'outcome', 'result', 'closedOn', 'agreedYuan', 'paidYuan', 'terms'],
        { agreedFen: 'agreedYuan', paidFen: 'paidYuan' },
      );
    },
  });
  const required = (text: string) => [{ required: true, message: text }];
  return (
    <Modal
      open
      title={step === 'session' ? '登记调解过程' : '调解结案'}
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
        initialValues={{ heldOn: today(), closedOn: today() }}
        onFinish={(v) => save.mutate(v)}
      >
        {step === 'session' ? (
          <>
            <Form.Item name="heldOn" label="调解日期" rules={required('请选择调解日期')}>
              <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Form.Item>
            <Form.Item name="place" label="调解地点（可不填）">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="outcome" label="调解情况" rules={required('请填写调解情况')}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="result" label="调解结果" rules={required('请选择调解结果')}>
              <Select options={CASE_RESULTS.map((r) => ({ value: r, label: CASE_RESULT_LABELS[r] }))} />
            </Form.Item>
            <Form.Item name="closedOn" label="结案日期" rules={required('请选择结案日期')}>
              <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Form.Item>
            {agreed && (
              <>
                <Space wrap>
                  <Form.Item name="agreedYuan" label="协议金额（元）" rules={required('请填写协议金额')}>
                    <InputNumber min={0} precision={2} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item
                    name="paidYuan"
                    label="已履行金额（元）"
                    rules={required('请填写已履行金额，没有填 0')}
                  >
                    <InputNumber min={0} precision={2} style={{ width: 180 }} />
                  </Form.Item>
                </Space>
                <Form.Item name="terms" label="协议内容（每行一条）" rules={required('请填写协议内容')}>
                  <Input.TextArea
                    rows={5}
                    maxLength={4000}
                    placeholder="被申请人于某年某月某日前支付申请人工资……"
                  />
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

export function CaseDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useQuery({ queryKey: mediationKeys.case(id), queryFn: () => fetchCase(id) });
  const [step, setStep] = useState<'session' | 'close' | null>(null);
  const c = query.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title="调解案件"
      width={Math.min(640, window.innerWidth)}
      data-testid="case-drawer"
    >
      {query.isError && !c ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : !c ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {c.actions.length > 0 && (
            <Space wrap data-testid="case-actions">
              {c.actions.includes('session') && (
                <Button onClick={() => setStep('session')}>登记调解过程</Button>
              )}
              {c.actions.includes('close') && (
                <Button type="primary" onClick={() => setStep('close')}>
                  结案
                </Button>
              )}
              {c.actions.includes('agreement') && (
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={agreementUrl(c.id)}
                  data-testid="case-agreement"
                >
                  下载调解协议书
                </Button>
              )}
            </Space>
          )}
          {c.masked && (
            <Alert
              type="info"
              showIcon
              message="职工姓名、身份证号码和联系电话已脱敏：仅本案调解员、受理单位和法工部可以查看完整信息。"
            />
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="案号">
              {c.org.name} {c.caseNo}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="case-state">
                {CASE_STATE_LABELS[c.state]}
                {c.result ? `：${CASE_RESULT_LABELS[c.result]}` : ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="被申请人">
              {c.employer.name}
              {c.employerRepresentative ? `（负责人 ${c.employerRepresentative}）` : ''}
              {c.employerPhone ? ` ${c.employerPhone}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="申请日期">{c.appliedOn}</Descriptions.Item>
            <Descriptions.Item label="调解员">{c.mediators.map((m) => m.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label="纠纷事实">{c.facts}</Descriptions.Item>
            <Descriptions.Item label="请求">
              {c.claims.map((cl) => `${CLAIM_KIND_LABELS[cl.kind]} ${amountText(cl.amountFen)}`).join('；')}
              （合计 {amountText(c.claimedFen)}）
            </Descriptions.Item>
            {c.state === 'closed' && (
              <Descriptions.Item label="结案">
                {c.closedOn}，历时 {c.days} 天
                {c.agreedFen !== null && c.agreedFen > 0
                  ? `；协议金额 ${amountText(c.agreedFen)}，已履行 ${amountText(c.paidFen ?? 0)}`
                  : ''}
              </Descriptions.Item>
            )}
            {c.terms && (
              <Descriptions.Item label="协议内容">
                <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>
                  {c.terms}
                </Typography.Paragraph>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table
            size="small"
            rowKey={(w) => w.idNumber}
            pagination={false}
            dataSource={c.workers}
            title={() => `申请人（${c.workers.length} 人）`}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号码', dataIndex: 'idNumber' },
              { title: '联系电话', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
            ]}
            scroll={{ x: 480 }}
            data-testid="case-workers"
          />
          <div>
            <Typography.Title level={5}>调解过程</Typography.Title>
            {c.sessionList.length === 0 ? (
              <Typography.Text type="secondary">尚未登记调解过程</Typography.Text>
            ) : (
              <Timeline
                items={c.sessionList.map((s) => ({
                  children: (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>
                        {s.heldOn}
                        {s.place ? ` · ${s.place}` : ''}
                      </Typography.Text>
                      <span>{s.outcome}</span>
                      <Typography.Text type="secondary">{s.recordedBy.name}</Typography.Text>
                    </Space>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
      {step && c && <StepModal c={c} step={step} onClose={() => setStep(null)} />}
    </Drawer>
  );
}
