// Risk reports of the early-warning system (`/labor`): the reports of the reader's scope, the
// gravest first, filtered by grade, kind, state, unit and name; each opens with its grade and why.
// The city federation's legal department edits the grading rule (分级标准) from here.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Input, Space, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useAuth } from '../../web/auth';
import { PageLoading } from '../../web/components/page-state';
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
  type ReportQuery,
  type ReportView,
} from '../contract';
import { SIZE_BANDS } from '../../enterprises/contract';
import { fetchReports, laborKeys } from './labor-api';
import { amountOrDash, DueText, GradeTag } from './labor-format';
import { industryLabel, sizeBandLabel } from './labor-format';

// Loaded when first shown: a report (with its steps and attachments), the analysis (with its
// chart) and the rule editor.
const AnalysisTab = lazy(() => import('./analysis-tab').then((m) => ({ default: m.AnalysisTab })));
const ReportDrawer = lazy(() => import('./report-drawer').then((m) => ({ default: m.ReportDrawer })));
const RuleModal = lazy(() => import('./rule-modal').then((m) => ({ default: m.RuleModal })));

const DUE_LABELS = { awaitingMe: '待我单位签收', overdue: '超时未签收', followUp: '到期待回访' } as const;
type Due = keyof typeof DUE_LABELS;

export default function ReportsPage() {
  const { can, me } = useAuth();
  const [editingRule, setEditingRule] = useState(false);
  const { get, page, pageSize, set, paging } = useListParams();
  const query = {
    orgId: get('orgId'),
    grade: get('grade'),
    kind: get('kind'),
    state: get('state'),
    due: get('due') as Due | undefined,
    q: get('q'),
    industry: get('industry'),
    sizeBand: get('sizeBand') as ReportQuery['sizeBand'],
    from: get('from'),
    to: get('to'),
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
    {
      title: '状态',
      key: 'state',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>
            {REPORT_STATE_LABELS[r.state]}
            {r.overdue && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                超时
              </Tag>
            )}
          </span>
          {r.awaitingOrg && r.dueAt && list.data && (
            <span style={{ fontSize: 12 }}>
              {r.awaitingOrg.name}：<DueText dueAt={r.dueAt} asOf={list.data.asOf} />
            </span>
          )}
          {r.state === 'closed' && r.followUpDue && (
            <span style={{ fontSize: 12 }}>{r.followUpDue} 前回访</span>
          )}
        </Space>
      ),
    },
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
                    placeholder="全部待办"
                    value={query.due}
                    onChange={(due) => set({ due })}
                    options={(Object.keys(DUE_LABELS) as Due[]).map((d) => ({
                      value: d,
                      label: DUE_LABELS[d],
                    }))}
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
                  <FilterSelect
                    placeholder="全部规模"
                    value={query.sizeBand}
                    onChange={(sizeBand) => set({ sizeBand })}
                    options={[...SIZE_BANDS, 'unknown' as const].map((b) => ({
                      value: b,
                      label: sizeBandLabel(b),
                    }))}
                    minWidth={130}
                  />
                  <Input.Search
                    allowClear
                    defaultValue={query.q}
                    placeholder="企业名称"
                    onSearch={(value) => set({ q: value.trim() || undefined })}
                    style={{ maxWidth: 220 }}
                  />
                </Space>
                {(query.industry || query.from || query.to) && (
                  <Space wrap style={{ marginBottom: 12 }} data-testid="report-drill">
                    {query.industry && (
                      <Tag closable onClose={() => set({ industry: undefined })}>
                        行业：{industryLabel(query.industry)}
                      </Tag>
                    )}
                    {(query.from || query.to) && (
                      <Tag closable onClose={() => set({ from: undefined, to: undefined })}>
                        上报月份：{query.from ?? '…'} 至 {query.to ?? '…'}
                      </Tag>
                    )}
                  </Space>
                )}
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
              <Suspense fallback={<PageLoading />}>
                <AnalysisTab
                  orgId={query.orgId}
                  onOrg={(orgId) => set({ orgId })}
                  onList={(f) =>
                    set({
                      tab: undefined,
                      orgId: f.orgId,
                      grade: f.grade,
                      industry: f.industry,
                      sizeBand: f.sizeBand,
                      from: f.from,
                      to: f.to,
                      kind: undefined,
                      state: undefined,
                      due: undefined,
                      q: undefined,
                    })
                  }
                />
              </Suspense>
            ),
          },
        ]}
      />
      {open && (
        <Suspense fallback={null}>
          <ReportDrawer id={open} onClose={() => set({ report: undefined }, true)} />
        </Suspense>
      )}
      {editingRule && (
        <Suspense fallback={null}>
          <RuleModal onClose={() => setEditingRule(false)} />
        </Suspense>
      )}
    </Card>
  );
}
