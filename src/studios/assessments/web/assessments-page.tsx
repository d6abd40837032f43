// The yearly assessment (`/studios/assessments`, 督察考核): a year's studios with their state and
// result, searched by name and filtered by state, result, district, level and batch; what waits
// for the reader (scoring for a district, review for the city); the year's report as xlsx and Word;
// for the city, opening the year. An assessment opens in a drawer with its scoring and review.
import { lazy, Suspense } from 'react';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlayCircleOutlined, ProfileOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { queryString, errorMessage } from '../../../web/api';
import { useAuth } from '../../../web/auth';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { PagedTable } from '../../../web/components/paged-table';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { STUDIO_LEVEL_LABELS, STUDIO_LEVELS, type StudioLevel } from '../../register/contract';
import {
  ASSESSMENT_STATE_LABELS,
  ASSESSMENT_STATES,
  RESULT_LABELS,
  RESULTS,
  type AssessmentResult,
  type AssessmentState,
  type AssessmentView,
} from '../contract';
import { ASSESSMENTS_API, assessmentKeys, fetchAssessments, fetchSummary, openYear } from './assessments-api';
import { AssessmentStateTag, ResultTag } from './assessment-format';

const AssessmentDrawer = lazy(() =>
  import('./assessment-drawer').then((m) => ({ default: m.AssessmentDrawer })),
);

const DUE_LABELS = { score: '待我评分', review: '待审定' } as const;
type Due = keyof typeof DUE_LABELS;

export default function AssessmentsPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { get, page, pageSize, set, paging } = useListParams();
  const city = me.scope.kind === 'cityFederation' && can('studio:manage');
  const yearText = get('year');
  const wanted = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const summary = useQuery({
    queryKey: assessmentKeys.summary(wanted),
    queryFn: () => fetchSummary(wanted),
    placeholderData: keepPreviousData,
  });
  const year = summary.data?.year ?? undefined;
  const filters = {
    year,
    q: get('q'),
    state: get('state') as AssessmentState | undefined,
    result: get('result') as AssessmentResult | undefined,
    orgId: get('orgId'),
    level: get('level') as StudioLevel | undefined,
    batchId: get('batchId'),
    due: get('due') as Due | undefined,
  };
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: assessmentKeys.list(query),
    queryFn: () => fetchAssessments(query),
    placeholderData: keepPreviousData,
    enabled: year !== undefined,
  });
  const open = useMutation({
    mutationFn: () => openYear({ year: year!, sheetId: summary.data!.sheet!.id }),
    onSuccess: async (r) => {
      void message.success(`已启动：新建 ${r.opened} 份考核${r.existing ? `，原有 ${r.existing} 份` : ''}`);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const opened = get('assessment');
  const s = summary.data;
  const columns: ColumnsType<AssessmentView> = [
    {
      title: '工作室',
      key: 'studio',
      render: (_, a) => (
        <a onClick={() => set({ assessment: a.id }, true)} data-testid="assessment-open">
          {a.studio.name}
        </a>
      ),
    },
    { title: '依托单位', key: 'host', render: (_, a) => a.studio.hostUnitName },
    { title: '所属地区', key: 'district', width: 120, render: (_, a) => a.district },
    {
      title: '级别',
      key: 'level',
      width: 110,
      render: (_, a) => STUDIO_LEVEL_LABELS[a.level].replace('劳模创新工作室', ''),
    },
    { title: '批次', key: 'batch', width: 140, render: (_, a) => a.batch?.name ?? '—' },
    { title: '总分', key: 'total', width: 70, align: 'right', render: (_, a) => a.total ?? '—' },
    { title: '状态', key: 'state', width: 80, render: (_, a) => <AssessmentStateTag state={a.state} /> },
    { title: '结果', key: 'result', width: 140, render: (_, a) => <ResultTag a={a} /> },
    { title: '表彰宣传', key: 'flag', width: 80, render: (_, a) => (a.flagged ? '★' : '') },
  ];
  const report = (ext: 'xlsx' | 'docx') =>
    `${ASSESSMENTS_API}/report.${ext}${queryString({ year, batchId: filters.batchId, orgId: filters.orgId })}`;
  if (summary.isError && !s)
    return <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} />;
  if (!s) return <PageLoading />;
  return (
    <Card
      title="督察考核"
      extra={
        <Space wrap>
          <Link to="/studios/assessment-sheets">
            <Button icon={<ProfileOutlined />}>考核表</Button>
          </Link>
        </Space>
      }
    >
      {s.years.length === 0 ? (
        <Empty
          description={city ? '尚未制定年度考核表，请先在“考核表”中制定' : '市总工会尚未制定年度考核表'}
        />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <Select
              value={year}
              onChange={(y: number) => set({ year: String(y) })}
              options={s.years.map((y) => ({ value: y, label: `${y} 年度` }))}
              style={{ width: 120 }}
              data-testid="assessment-year"
            />
            {city && s.sheet && (
              <Popconfirm
                title={`启动 ${year} 年度督察考核`}
                description="将为当前已命名的每个工作室建立一份待评分的考核（已建立的不受影响）"
                okText="启动"
                cancelText="取消"
                onConfirm={() => open.mutate()}
              >
                <Button
                  icon={<PlayCircleOutlined />}
                  loading={open.isPending}
                  data-testid="assessment-open-year"
                >
                  启动年度考核
                </Button>
              </Popconfirm>
            )}
            <Button icon={<DownloadOutlined />} href={report('xlsx')} download data-testid="report-xlsx">
              考核结果表
            </Button>
            <Button icon={<DownloadOutlined />} href={report('docx')} download data-testid="report-docx">
              考核情况报告
            </Button>
          </Space>
          <Space wrap size={24}>
            <Statistic title="考核工作室" value={s.counts.total} />
            <Statistic title="待评分" value={s.counts.open} />
            <Statistic title="待审定" value={s.counts.scored} />
            <Statistic title="优秀" value={s.counts.excellent} />
            <Statistic title="合格" value={s.counts.pass} />
            <Statistic title="不合格" value={s.counts.fail} />
            <Statistic title="摘牌" value={s.counts.revoked} />
          </Space>
          <Space wrap>
            <Input.Search
              allowClear
              defaultValue={filters.q}
              placeholder="工作室或依托单位名称"
              onSearch={(value) => set({ q: value.trim() || undefined })}
              style={{ maxWidth: 220 }}
              data-testid="assessment-search"
            />
            <FilterSelect
              placeholder="全部待办"
              value={filters.due}
              onChange={(due) => set({ due })}
              options={(Object.keys(DUE_LABELS) as Due[]).map((d) => ({ value: d, label: DUE_LABELS[d] }))}
            />
            <FilterSelect
              placeholder="全部状态"
              value={filters.state}
              onChange={(state) => set({ state })}
              options={ASSESSMENT_STATES.map((x) => ({ value: x, label: ASSESSMENT_STATE_LABELS[x] }))}
            />
            <FilterSelect
              placeholder="全部结果"
              value={filters.result}
              onChange={(result) => set({ result })}
              options={RESULTS.map((r) => ({ value: r, label: RESULT_LABELS[r] }))}
            />
            {s.districts.length > 1 && (
              <FilterSelect
                placeholder="全部地区"
                value={filters.orgId}
                onChange={(orgId) => set({ orgId })}
                options={s.districts.map((d) => ({ value: d.id, label: d.name }))}
                minWidth={150}
              />
            )}
            <FilterSelect
              placeholder="全部级别"
              value={filters.level}
              onChange={(level) => set({ level })}
              options={STUDIO_LEVELS.map((l) => ({ value: l, label: STUDIO_LEVEL_LABELS[l] }))}
              minWidth={150}
            />
            <FilterSelect
              placeholder="全部批次"
              value={filters.batchId}
              onChange={(batchId) => set({ batchId })}
              options={s.batches.map((b) => ({ value: b.id, label: b.name }))}
              minWidth={150}
            />
          </Space>
          <PagedTable<AssessmentView>
            list={list}
            paging={paging}
            rowKey="id"
            columns={columns}
            scroll={{ x: 1000 }}
            locale={{
              emptyText: s.counts.total === 0 ? `${year} 年度的考核尚未启动` : '没有符合条件的考核',
            }}
            data-testid="assessment-table"
          />
        </Space>
      )}
      {opened && (
        <Suspense fallback={null}>
          <AssessmentDrawer id={opened} onClose={() => set({ assessment: undefined }, true)} />
        </Suspense>
      )}
    </Card>
  );
}
