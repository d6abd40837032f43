// The score sheets of the yearly assessment (`/studios/assessment-sheets`): each year's criteria
// with weights, maximum scores and the evidence asked for, the thresholds of the results and how
// many fails in a row lead to revocation. The city's studio staff write them; everyone who reads
// studios reads them. A sheet some studio was scored with can no longer change.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { useAuth } from '../../../web/auth';
import { showFormError } from '../../../web/form-errors';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { chinaYear } from '../../../platform/shared/dates';
import { MAX_CRITERIA, MAX_SCORE, sheetIssues, type SheetBody, type SheetView } from '../contract';
import { assessmentKeys, createSheet, fetchSheets, updateSheet } from './assessments-api';

interface CriterionForm {
  key?: string;
  label?: string;
  weight?: number;
  maxScore?: number;
  evidence?: string;
}
interface SheetForm {
  name?: string;
  year?: number;
  excellentFrom?: number;
  passFrom?: number;
  failsToRevoke?: number;
  criteria?: CriterionForm[];
}

const DEFAULT_CRITERIA: CriterionForm[] = [
  { label: '四明确计划落实', weight: 30, maxScore: 100, evidence: '年度计划、里程碑完成情况及证明材料' },
  {
    label: '创新成果',
    weight: 30,
    maxScore: 100,
    evidence: '专利证书、技术改进项目验收材料、合理化建议采纳记录',
  },
  { label: '人才培养', weight: 20, maxScore: 100, evidence: '培训记录、技能等级晋升证明' },
  { label: '经济效益', weight: 20, maxScore: 100, evidence: '财务部门出具的效益测算依据' },
];

/** A key for a new criterion that the sheet does not use yet. */
function freshKey(used: (string | undefined)[]): string {
  for (let n = 1; ; n++) if (!used.includes(`c${n}`)) return `c${n}`;
}

function SheetModal({ sheet, onClose }: { sheet: SheetView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SheetForm>();
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = criteria.reduce((a, c) => a + (c?.weight ?? 0), 0);
  const save = useMutation({
    mutationFn: (v: SheetForm) => {
      const body: SheetBody = {
        name: v.name ?? '',
        year: v.year ?? 0,
        excellentFrom: v.excellentFrom ?? 0,
        passFrom: v.passFrom ?? 0,
        failsToRevoke: v.failsToRevoke ?? 0,
        criteria: (v.criteria ?? []).map((c, i, all) => ({
          key: c.key ?? freshKey(all.slice(0, i).map((x) => x.key)),
          label: c.label ?? '',
          weight: c.weight ?? 0,
          maxScore: c.maxScore ?? 0,
          evidence: c.evidence?.trim() || null,
        })),
      };
      return sheet ? updateSheet(sheet.id, { ...body, version: sheet.version }) : createSheet(body);
    },
    onSuccess: async () => {
      void message.success('考核表已保存');
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: assessmentKeys.sheets });
        onClose();
        return;
      }
      showFormError(form, error, message, [
        'name',
        'year',
        'excellentFrom',
        'passFrom',
        'failsToRevoke',
        'criteria',
        ...Array.from({ length: MAX_CRITERIA }, (_, i) =>
          ['label', 'weight', 'maxScore', 'evidence', 'key'].map((f) => `criteria.${i}.${f}`),
        ).flat(),
      ]);
    },
  });
  const year = chinaYear();
  const initial: SheetForm = sheet
    ? { ...sheet, criteria: sheet.criteria.map((c) => ({ ...c, evidence: c.evidence ?? '' })) }
    : {
        name: `${year}年度劳模创新工作室督察考核表`,
        year,
        excellentFrom: 90,
        passFrom: 60,
        failsToRevoke: 2,
        criteria: DEFAULT_CRITERIA.map((c, i) => ({ ...c, key: `c${i + 1}` })),
      };
  return (
    <Modal
      open
      title={sheet ? '修改考核表' : '制定考核表'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(860, window.innerWidth)}
    >
      <Form<SheetForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          const issues = sheetIssues({
            criteria: (v.criteria ?? []).map((c, i) => ({ key: c.key ?? `new${i}`, weight: c.weight ?? 0 })),
            excellentFrom: v.excellentFrom ?? 0,
            passFrom: v.passFrom ?? 0,
          });
          if (issues.length) {
            void message.error(issues[0]!.message);
            return;
          }
          save.mutate(v);
        }}
        data-testid="sheet-form"
      >
        <Space wrap align="start">
          <Form.Item
            name="name"
            label="名称"
            rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
          >
            <Input maxLength={100} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            name="excellentFrom"
            label="优秀分数线"
            rules={[{ required: true, message: '请填写优秀分数线' }]}
          >
            <InputNumber min={1} max={100} precision={0} addonAfter="分" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item
            name="passFrom"
            label="合格分数线"
            rules={[{ required: true, message: '请填写合格分数线' }]}
          >
            <InputNumber min={1} max={100} precision={0} addonAfter="分" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item
            name="failsToRevoke"
            label="连续不合格几年摘牌"
            rules={[{ required: true, message: '请填写连续不合格摘牌的年数' }]}
          >
            <InputNumber min={1} max={10} precision={0} addonAfter="年" style={{ width: 130 }} />
          </Form.Item>
        </Space>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`指标 ${i + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                      >
                        删除
                      </Button>
                    )
                  }
                >
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'label']}
                      label="考核指标"
                      rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}
                    >
                      <Input maxLength={60} style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'weight']}
                      label="权重"
                      rules={[{ required: true, message: '请填写权重' }]}
                    >
                      <InputNumber min={1} max={100} precision={0} addonAfter="%" style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'maxScore']}
                      label="满分"
                      rules={[{ required: true, message: '请填写满分' }]}
                    >
                      <InputNumber min={1} max={MAX_SCORE} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'evidence']} label="佐证材料要求" style={{ marginBottom: 0 }}>
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                </Card>
              ))}
              <Space wrap>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_CRITERIA}
                  onClick={() =>
                    add({ key: freshKey(criteria.map((c) => c?.key)), weight: 10, maxScore: 100 })
                  }
                >
                  添加指标
                </Button>
                <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="sheet-weight-sum">
                  权重合计 {sum}%{sum === 100 ? '' : '（应为 100%）'}
                </Typography.Text>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export default function SheetsPage() {
  const { me, can } = useAuth();
  const city = me.scope.kind === 'cityFederation' && can('studio:manage');
  const sheets = useQuery({ queryKey: assessmentKeys.sheets, queryFn: fetchSheets });
  const [editing, setEditing] = useState<SheetView | 'new' | null>(null);
  if (sheets.isError && !sheets.data)
    return <ErrorResult error={sheets.error} onRetry={() => void sheets.refetch()} />;
  if (!sheets.data) return <PageLoading />;
  return (
    <Card
      title="督察考核表"
      extra={
        city && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="sheet-new"
          >
            制定考核表
          </Button>
        )
      }
    >
      {sheets.data.items.length === 0 ? (
        <Empty description="尚未制定考核表" />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {sheets.data.items.map((s) => (
            <Card
              key={s.id}
              size="small"
              title={
                <Space wrap>
                  <span>{s.name}</span>
                  {s.locked ? <Tag color="orange">已开始评分，不能修改</Tag> : <Tag>可修改</Tag>}
                </Space>
              }
              extra={
                city &&
                !s.locked && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                    修改
                  </Button>
                )
              }
              data-testid="sheet-card"
            >
              <Typography.Paragraph>
                优秀 ≥ {s.excellentFrom} 分，合格 ≥ {s.passFrom} 分；连续 {s.failsToRevoke} 年不合格予以摘牌。
                {s.assessments > 0 && `已有 ${s.assessments} 个工作室按此表考核。`}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={s.criteria}
                scroll={{ x: 520 }}
                columns={[
                  { title: '考核指标', dataIndex: 'label' },
                  { title: '权重', width: 70, render: (_, c) => `${c.weight}%` },
                  { title: '满分', width: 70, dataIndex: 'maxScore' },
                  { title: '佐证材料要求', render: (_, c) => c.evidence ?? '' },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
      {!city && (
        <Alert style={{ marginTop: 16 }} type="info" showIcon message="考核表由市总工会制定，各地按表评分" />
      )}
      {editing && <SheetModal sheet={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
