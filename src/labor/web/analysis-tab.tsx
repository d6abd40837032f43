// 分析研判 on the early-warning page: the reports of the reader's unit (or one below) over 24
// months, by unit below with each grade's count opening the list, by kind of risk and by month.
import { lazy, Suspense } from 'react';
import { Card, Col, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../web/api';
import { ErrorResult } from '../../web/components/page-state';
import { GRADES, GRADE_LABELS, RISK_KIND_LABELS, type AnalysisView, type Grade } from '../contract';
import { amountOrDash, GRADE_COLORS, industryLabel, sizeBandLabel } from './labor-format';
import { ExportButton } from '../../web/components/export-button';

const AnalysisTrend = lazy(() => import('./analysis-trend'));

type Row = AnalysisView['rows'][number];
type Month = AnalysisView['months'][number];
type Profile = AnalysisView['industries'][number] | AnalysisView['sizes'][number];

/** What a count of the analysis opens in the list: the same reports over the same months. */
export interface Drill {
  orgId?: string;
  grade?: Grade;
  industry?: string;
  sizeBand?: string;
  from?: string;
  to?: string;
}

/** Reports by industry or by size band, each count opening its reports. */
function ProfileTable({
  title,
  rows,
  keyOf,
  labelOf,
  onOpen,
  testId,
}: {
  title: string;
  rows: Profile[] | undefined;
  keyOf: (p: Profile) => string;
  labelOf: (key: string) => string;
  onOpen: (key: string) => void;
  testId: string;
}) {
  const columns: ColumnsType<Profile> = [
    { title, key: 'label', render: (_, p) => labelOf(keyOf(p)) },
    {
      title: '报告数',
      key: 'reports',
      align: 'right',
      width: 72,
      render: (_, p) => (
        <a onClick={() => onOpen(keyOf(p))} data-testid={`${testId}-open`}>
          {p.reports}
        </a>
      ),
    },
    { title: '未销号', key: 'open', align: 'right', width: 72, render: (_, p) => p.open },
    { title: '涉及职工', key: 'workers', align: 'right', width: 84, render: (_, p) => p.workers },
    {
      title: '涉及金额',
      key: 'amount',
      align: 'right',
      width: 110,
      render: (_, p) => amountOrDash(p.amountFen),
    },
  ];
  return (
    <Table<Profile>
      rowKey={keyOf}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows && rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: '这段时间没有风险报告' }}
      scroll={{ x: 520 }}
      data-testid={testId}
    />
  );
}

export function AnalysisTab({
  orgId,
  onOrg,
  onList,
}: {
  orgId: string | undefined;
  /** Opens a unit's own analysis. */
  onOrg: (orgId: string | undefined) => void;
  /** Opens the reports behind a count. */
  onList: (filters: Drill) => void;
}) {
  const view = useQuery({
    queryKey: ['labor', 'analysis', orgId],
    queryFn: () => api.get<AnalysisView>('/api/labor/analysis', { orgId }),
    placeholderData: keepPreviousData,
  });
  if (view.isError && !view.data)
    return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const d = view.data;
  // The months counted, so that a count opens exactly the reports it counts.
  const span = { orgId, from: d?.from, to: d?.to };
  const gradeColumns = GRADES.map((g) => ({
    title: <span style={{ color: GRADE_COLORS[g] }}>{GRADE_LABELS[g]}</span>,
    key: g,
    align: 'right' as const,
    render: (_: unknown, r: Row) =>
      r.grades[g] && r.org ? (
        <a onClick={() => onList({ ...span, orgId: r.org!.id, grade: g })} data-testid={`analysis-${g}`}>
          {r.grades[g]}
        </a>
      ) : (
        r.grades[g]
      ),
  }));
  const columns: ColumnsType<Row> = [
    {
      title: '单位',
      key: 'org',
      render: (_, r) => (r.org ? <a onClick={() => onOrg(r.org!.id)}>{r.org.name}</a> : '本级'),
    },
    { title: '报告数', key: 'reports', align: 'right', render: (_, r) => r.reports },
    ...gradeColumns,
    { title: '未销号', key: 'open', align: 'right', render: (_, r) => r.open },
    { title: '涉及职工', key: 'workers', align: 'right', render: (_, r) => r.workers },
    { title: '涉及金额', key: 'amount', align: 'right', render: (_, r) => amountOrDash(r.amountFen) },
  ];
  const monthColumns: ColumnsType<Month> = [
    { title: '月份', key: 'month', render: (_, m) => m.month },
    { title: '报告数', key: 'reports', align: 'right', render: (_, m) => m.reports },
    ...GRADES.map((g) => ({
      title: GRADE_LABELS[g],
      key: g,
      align: 'right' as const,
      render: (_: unknown, m: Month) => m.grades[g],
    })),
    { title: '涉及职工', key: 'workers', align: 'right', render: (_, m) => m.workers },
    { title: '涉及金额', key: 'amount', align: 'right', render: (_, m) => amountOrDash(m.amountFen) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {d && (
        <Typography.Text type="secondary">
          {d.org.name} · {d.from} 至 {d.to} · 共 {d.total.reports} 件，涉及职工 {d.total.workers} 人，金额{' '}
          {amountOrDash(d.total.amountFen)}
          {orgId && (
            <>
              {' '}
              · <a onClick={() => onOrg(undefined)}>返回本单位</a>
            </>
          )}
        </Typography.Text>
      )}
      <Card
        size="small"
        title="各单位"
        extra={<ExportButton path="/api/labor/analysis/export.xlsx" query={{ orgId }} />}
      >
        <Table<Row>
          rowKey={(r) => r.org?.id ?? 'own'}
          size="small"
          columns={columns}
          dataSource={d?.rows}
          loading={view.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="analysis-table"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按行业">
            <ProfileTable
              title="行业"
              rows={d?.industries}
              keyOf={(p) => ('industry' in p ? p.industry : '')}
              labelOf={industryLabel}
              onOpen={(industry) => onList({ ...span, industry })}
              testId="analysis-industries"
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按企业规模">
            <ProfileTable
              title="企业规模"
              rows={d?.sizes}
              keyOf={(p) => ('sizeBand' in p ? p.sizeBand : '')}
              labelOf={sizeBandLabel}
              onOpen={(sizeBand) => onList({ ...span, sizeBand })}
              testId="analysis-sizes"
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" title="按风险类型">
            {d?.kinds.map((k) => (
              <div key={k.kind}>
                {RISK_KIND_LABELS[k.kind]}：{k.reports} 件，涉及职工 {k.workers} 人
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title="近 24 个月趋势">
            <Suspense fallback={<div style={{ height: 260 }} />}>
              {d && <AnalysisTrend months={d.months} />}
            </Suspense>
            <Table<Month>
              rowKey="month"
              size="small"
              columns={monthColumns}
              dataSource={d ? [...d.months].reverse() : []}
              pagination={{ pageSize: 12, showSizeChanger: false }}
              scroll={{ x: 600 }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
