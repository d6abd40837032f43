// Reporting a risk (`/labor/reports/new`), made for a phone: the enterprise (from the registry, or
// named by hand), the kinds of risk, people, months and amount in arrears, what happened. The
// grade the rule gives is shown as it is typed, with why; the reporter may raise it with a reason.
// Files chosen (attachments) are sent once the report is saved.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { CheckboxGroup } from '../../web/components/checkbox-group';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { showFormError } from '../../web/form-errors';
import { api, errorMessage } from '../../web/api';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES } from '../../platform/shared/attachments-contract';
import { chinaToday } from '../../platform/shared/dates';
import { EnterpriseSearch } from '../../enterprises/web/enterprise-search';
import {
  GRADES,
  GRADE_LABELS,
  gradeOf,
  graver,
  MAX_REPORT_ATTACHMENTS,
  RISK_KINDS,
  RISK_KIND_LABELS,
  type Grade,
  type RiskKind,
} from '../contract';
import { createReport, fetchGradingRule, laborKeys } from './labor-api';
import { GradeTag } from './labor-format';

interface ReportForm {
  at: 'registry' | 'byHand';
  enterpriseId?: string;
  enterpriseName?: string;
  kinds: RiskKind[];
  workers?: number | null;
  months?: number | null;
  amountWan?: number | null;
  occurredOn: Dayjs;
  description?: string;
  raisedGrade?: Grade | null;
  raiseReason?: string;
}

const FIELDS = [
  'enterpriseId',
  'enterpriseName',
  'kinds',
  'workers',
  'months',
  'amountWan',
  'occurredOn',
  'description',
  'raisedGrade',
  'raiseReason',
];

export default function ReportFormPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportForm>();
  // Files chosen with the report; sent one by one once it is saved.
  const [files, setFiles] = useState<UploadFile[]>([]);
  const rule = useQuery({ queryKey: laborKeys.rule, queryFn: fetchGradingRule });
  const values = Form.useWatch([], form) as Partial<ReportForm> | undefined;
  const computed =
    rule.data && values?.kinds?.length && values.workers
      ? gradeOf(rule.data, {
          kinds: values.kinds,
          workers: values.workers,
          months: values.months ?? null,
          amountFen: values.amountWan ? Math.round(values.amountWan * 1_000_000) : null,
        })
      : null;
  const save = useMutation({
    mutationFn: (v: ReportForm) =>
      createReport({
        enterpriseId: v.at === 'registry' ? (v.enterpriseId ?? null) : null,
        enterpriseName: v.at === 'byHand' ? (v.enterpriseName ?? null) : null,
        kinds: v.kinds,
        workers: v.workers ?? 0,
        months: v.months ?? null,
        amountFen: v.amountWan ? Math.round(v.amountWan * 1_000_000) : null,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        description: v.description ?? '',
        raisedGrade: v.raisedGrade ?? null,
        raiseReason: v.raiseReason ?? null,
      }),
    onSuccess: async (report) => {
      void message.success(`已上报，${GRADE_LABELS[report.grade]}预警`);
      const failed: string[] = [];
      for (const f of files) {
        try {
          await api.upload(`/api/labor/reports/${report.id}/attachments`, f.originFileObj as File);
        } catch (error) {
          failed.push(`“${f.name}”：${errorMessage(error)}`);
        }
      }
      if (failed.length)
        void message.warning(`报告已上报，以下附件未能上传，可在报告中重新上传：${failed.join('；')}`, 8);
      await queryClient.invalidateQueries({ queryKey: laborKeys.all });
      void navigate(`/labor?report=${report.id}`);
    },
    onError: (error) => showFormError(form, error, message, FIELDS, { amountFen: 'amountWan' }),
  });
  const at = values?.at ?? 'registry';
  const raiseTo = computed ? GRADES.filter((g) => graver(g, computed.grade)) : [];
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        上报劳动关系风险
      </Typography.Title>
      <Form<ReportForm>
        form={form}
        layout="vertical"
        initialValues={{ at: 'registry', kinds: [], occurredOn: dayjs(chinaToday()) }}
        onFinish={(v) => save.mutate(v)}
        onFinishFailed={() => void message.error('请按提示修改标红的内容')}
        data-testid="report-form"
      >
        <Form.Item name="at" label="企业">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'registry', label: '企业名单中的企业' },
              { value: 'byHand', label: '未在名单中，手工填写' },
            ]}
          />
        </Form.Item>
        {at === 'registry' ? (
          <Form.Item name="enterpriseId" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterpriseSearch notFound="没有找到，可改为手工填写" testId="report-enterprise" />
          </Form.Item>
        ) : (
          <Form.Item name="enterpriseName" rules={[{ required: true, message: '请填写企业名称' }]}>
            <Input maxLength={100} placeholder="企业全称" data-testid="report-enterprise-name" />
          </Form.Item>
        )}
        <Form.Item
          name="kinds"
          label="风险类型（可多选）"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种风险类型' }]}
        >
          <CheckboxGroup options={RISK_KINDS.map((k) => ({ value: k, label: RISK_KIND_LABELS[k] }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="workers"
            label="涉及职工（人）"
            rules={[{ required: true, message: '请填写涉及职工人数' }]}
          >
            <InputNumber min={1} precision={0} data-testid="report-workers" />
          </Form.Item>
          <Form.Item name="months" label="欠薪月数">
            <InputNumber min={0} max={120} precision={0} data-testid="report-months" />
          </Form.Item>
          <Form.Item name="amountWan" label="涉及金额（万元）">
            <InputNumber min={0} precision={2} data-testid="report-amount" />
          </Form.Item>
        </Space>
        <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择发生日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label="基本情况"
          rules={[{ required: true, message: '请填写基本情况' }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="report-description" />
        </Form.Item>
        {computed && (
          <Card size="small" style={{ marginBottom: 16 }} data-testid="report-grade">
            <Space direction="vertical" size={4}>
              <Space>
                按分级标准：
                <GradeTag grade={computed.grade} />
              </Space>
              {computed.reasons.map((r) => (
                <Typography.Text key={r} type="secondary">
                  {r}
                </Typography.Text>
              ))}
              {raiseTo.length > 0 && (
                <Form.Item name="raisedGrade" label="如情况更严重，可提高等级" style={{ marginBottom: 0 }}>
                  <Select
                    allowClear
                    placeholder="不提高"
                    options={raiseTo.map((g) => ({ value: g, label: `${GRADE_LABELS[g]}预警` }))}
                    style={{ minWidth: 140 }}
                  />
                </Form.Item>
              )}
              {values?.raisedGrade && (
                <Form.Item
                  name="raiseReason"
                  label="提高等级的理由"
                  rules={[{ required: true, message: '请填写提高等级的理由' }]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              )}
            </Space>
          </Card>
        )}
        <Form.Item
          label="附件"
          extra={`情况说明、欠薪名单、现场照片等：PDF、Word、Excel 或图片，每个不超过 ${MAX_ATTACHMENT_BYTES / 2 ** 20} MB`}
        >
          <Upload
            accept={ATTACHMENT_ACCEPT}
            multiple
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > MAX_ATTACHMENT_BYTES) {
                void message.error(`“${file.name}”超过 ${MAX_ATTACHMENT_BYTES / 2 ** 20} MB 上限`);
                return Upload.LIST_IGNORE;
              }
              if (files.length >= MAX_REPORT_ATTACHMENTS) {
                void message.error(`每份风险报告最多 ${MAX_REPORT_ATTACHMENTS} 个附件`);
                return Upload.LIST_IGNORE;
              }
              setFiles((list) => [...list, { uid: file.uid, name: file.name, originFileObj: file }]);
              return false;
            }}
            onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<PaperClipOutlined />} data-testid="report-files">
              选择文件
            </Button>
          </Upload>
        </Form.Item>
        {rule.isError && <Alert type="warning" showIcon message="暂时无法读取分级标准，提交后由系统定级" />}
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="report-submit">
          上报
        </Button>
      </Form>
    </div>
  );
}
