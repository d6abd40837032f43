// Risk reports of the early-warning system (`/labor`): the reports of the reader's scope, the
// gravest first, filtered by grade, kind, state, unit and name; each opens with its grade and why.
// The city federation's legal department edits the grading rule (分级标准) from here.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useAuth } from '../../web/auth';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { HostOrgSelect } from '../../enterprises/web/org-pickers';
import { FilterSelect } from '../../web/components/filter-select';
import { PagedTable } from '../../web/components/paged-table';
import { useListParams } from '../../web/components/list-params';
import {
  GRADES,
  GRADE_LABELS,
  REPORT_STATES,
  REPORT_STATE_LABELS,
  RISK_KINDS,
  RISK_KIND_LABELS,
  RULED_GRADES,
  type GradeCondition,
  type GradingRule,
  type ReportView,
  type RuledGrade,
} from '../contract';
import { fetchGradingRule, fetchReport, fetchReports, laborKeys, saveGradingRule } from './labor-api';
import { amountOrDash, GradeTag } from './labor-format';
import { AnalysisTab } from './analysis-tab';

type RuleForm = Record<
  RuledGrade,
  { workers: number | null; months: number | null; amountWan: number | null; kinds: GradeCondition['kinds'] }
>;

const toForm = (rule: GradingRule): RuleForm =>
  Object.fromEntries(
    RULED_GRADES.map((g) => [
      g,
      {
        workers: rule[g].workersAtLeast,
        months: rule[g].monthsAtLeast,
        amountWan: rule[g].amountAtLeast === null ? null : rule[g].amountAtLeast / 1_000_000,
        kinds: rule[g].kinds,
      },
    ]),
  ) as RuleForm;

function RuleModal({ onClose }: { onClose: () => void }) {
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
        ) as GradingRule),
      }),
    onSuccess: async () => {
      void message.success('分级标准已保存，此后上报的风险按新标准定级');
      await queryClient.invalidateQueries({ queryKey: laborKeys.all });
      onClose();
    },
    onError: (error) => showFormError(form, error, message, []),
  });
  return (
    <Modal
      open
      title="预警分级标准"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={760}
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
        </Form>
      )}
    </Modal>
  );
}

function ReportDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const report = useQuery({ queryKey: laborKeys.report(id), queryFn: () => fetchReport(id) });
  const r = report.data;
  return (
    <Drawer open onClose={onClose} title="风险报告" width={560} data-testid="report-drawer">
      {report.isError ? (
        <ErrorResult error={report.error} onRetry={() => void report.refetch()} />
      ) : !r ? (
        <PageLoading />
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="企业">
            {r.enterprise.id ? (
              <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link>
            ) : (
              r.enterprise.name
            )}
            {!r.enterprise.registered && '（未在企业名单中）'}
          </Descriptions.Item>
          <Descriptions.Item label="所属单位">{r.orgName}</Descriptions.Item>
          <Descriptions.Item label="预警等级">
            <Space direction="vertical" size={4}>
              <GradeTag grade={r.grade} />
              {r.gradeReasons.map((reason) => (
                <Typography.Text key={reason} type="secondary">
                  {reason}
                </Typography.Text>
              ))}
              {r.raiseReason && (
                <Typography.Text type="warning">
                  按标准为{GRADE_LABELS[r.computedGrade]}，上报单位提高等级：{r.raiseReason}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="风险类型">
            {r.kinds.map((k) => RISK_KIND_LABELS[k]).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="涉及职工">{r.workers} 人</Descriptions.Item>
          <Descriptions.Item label="欠薪月数">{r.months ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="涉及金额">{amountOrDash(r.amountFen)}</Descriptions.Item>
          <Descriptions.Item label="发生日期">{r.occurredOn}</Descriptions.Item>
          <Descriptions.Item label="基本情况">{r.description}</Descriptions.Item>
          <Descriptions.Item label="上报">
            {r.reportingOrg.name} {r.reporter.name} · {dayjs(r.reportedAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label="状态">{REPORT_STATE_LABELS[r.state]}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}

export default function ReportsPage() {
  const { can, me } = useAuth();
  const [editingRule, setEditingRule] = useState(false);
  const { get, page, pageSize, set, paging } = useListParams();
  const query = {
    orgId: get('orgId'),
    grade: get('grade'),
    kind: get('kind'),
    state: get('state'),
    q: get('q'),
    page,
    pageSize,
  };
  const open = get('report');
  const tab = get('tab') === 'analysis' ? 'analysis' : 'reports';
  const list = useQuery({
    queryKey: laborKeys.reports(query),
    queryFn: () => fetchReports(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<ReportView> = [
    { title: '等级', key: 'grade', width: 100, render: (_, r) => <GradeTag grade={r.grade} /> },
    {
      title: '企业',
      key: 'enterprise',
      render: (_, r) => (
        <a onClick={() => set({ report: r.id }, true)} data-testid="report-open">
          {r.enterprise.name}
        </a>
      ),
    },
    { title: '所属单位', key: 'org', render: (_, r) => r.orgName },
    { title: '风险类型', key: 'kinds', render: (_, r) => r.kinds.map((k) => RISK_KIND_LABELS[k]).join('、') },
    { title: '涉及职工', key: 'workers', align: 'right', render: (_, r) => r.workers },
    { title: '涉及金额', key: 'amount', align: 'right', render: (_, r) => amountOrDash(r.amountFen) },
    { title: '上报时间', key: 'at', render: (_, r) => dayjs(r.reportedAt).format('YYYY-MM-DD HH:mm') },
    { title: '状态', key: 'state', render: (_, r) => REPORT_STATE_LABELS[r.state] },
  ];
  const cityLegal = can('labor:handle') && me.scope.kind === 'cityFederation';
  return (
    <Card
      title="劳动关系风险预警"
      extra={
        <Space wrap>
          {cityLegal && (
            <Button icon={<SettingOutlined />} onClick={() => setEditingRule(true)}>
              分级标准
            </Button>
          )}
          <Link to="/labor/reports/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="report-new">
              上报风险
            </Button>
          </Link>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'analysis' ? 'analysis' : undefined })}
        items={[
          {
            key: 'reports',
            label: '风险报告',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <FilterSelect
                    placeholder="全部等级"
                    value={query.grade}
                    onChange={(grade) => set({ grade })}
                    options={GRADES.map((g) => ({ value: g, label: `${GRADE_LABELS[g]}预警` }))}
                    minWidth={120}
                  />
                  <FilterSelect
                    placeholder="全部类型"
                    value={query.kind}
                    onChange={(kind) => set({ kind })}
                    options={RISK_KINDS.map((k) => ({ value: k, label: RISK_KIND_LABELS[k] }))}
                    minWidth={140}
                  />
                  <FilterSelect
                    placeholder="全部状态"
                    value={query.state}
                    onChange={(state) => set({ state })}
                    options={REPORT_STATES.map((s) => ({ value: s, label: REPORT_STATE_LABELS[s] }))}
                    minWidth={120}
                  />
                  <HostOrgSelect
                    allowClear
                    value={query.orgId}
                    onChange={(orgId) => set({ orgId })}
                    placeholder="全部区、乡镇(街道)"
                    style={{ minWidth: 200 }}
                  />
                  <Input.Search
                    allowClear
                    defaultValue={query.q}
                    placeholder="企业名称"
                    onSearch={(value) => set({ q: value.trim() || undefined })}
                    style={{ maxWidth: 220 }}
                  />
                </Space>
                <PagedTable<ReportView>
                  list={list}
                  paging={paging}
                  rowKey="id"
                  columns={columns}
                  scroll={{ x: 900 }}
                  locale={{ emptyText: '没有符合条件的风险报告' }}
                  data-testid="report-table"
                />
              </>
            ),
          },
          {
            key: 'analysis',
            label: '分析研判',
            children: (
              <AnalysisTab
                orgId={query.orgId}
                onOrg={(orgId) => set({ orgId })}
                onList={(f) => set({ tab: undefined, orgId: f.orgId, grade: f.grade })}
              />
            ),
          },
        ]}
      />
      {open && <ReportDrawer id={open} onClose={() => set({ report: undefined }, true)} />}
      {editingRule && <RuleModal onClose={() => setEditingRule(false)} />}
    </Card>
  );
}
