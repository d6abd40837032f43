// The achievements' totals (`/studios/achievements`, menu 创新成果): the records of the reader's
// scope added up by district, level, year or studio, filtered by year, level and district, as a
// chart and a table with the whole, and exported as xlsx. A studio's row opens its records.
import { lazy, Suspense } from 'react';
import { Alert, Card, InputNumber, Segmented, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { ErrorResult } from '../../../web/components/page-state';
import { HostOrgSelect } from '../../../enterprises/web/org-pickers';
import { STUDIO_LEVEL_LABELS, STUDIO_LEVELS, type StudioLevel } from '../../register/contract';
import {
  ACHIEVEMENT_KIND_LABELS,
  ACHIEVEMENT_KINDS,
  PATENT_KIND_LABELS,
  PATENT_KINDS,
  TOTALS_BY,
  TOTALS_BY_LABELS,
  yuanText,
  type AchievementTotalsView,
  type TotalsBy,
} from '../contract';
import { ACHIEVEMENTS_API, achievementKeys, fetchTotals } from './achievements-api';

const TotalsChart = lazy(() => import('./totals-chart').then((m) => ({ default: m.TotalsChart })));

type Row = AchievementTotalsView['rows'][number];

const HEADS: Record<TotalsBy, string> = { district: '地区', level: '级别', year: '年度', studio: '工作室' };

export default function AchievementsPage() {
  const { get, set } = useListParams();
  const yearText = get('year');
  const by = TOTALS_BY.find((b) => b === get('by')) ?? 'district';
  const query = {
    by,
    year: yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined,
    level: get('level') as StudioLevel | undefined,
    orgId: get('orgId'),
    studioId: get('studioId'),
  };
  const totals = useQuery({
    queryKey: achievementKeys.totals(query),
    queryFn: () => fetchTotals(query),
    placeholderData: keepPreviousData,
  });
  const data = totals.data;
  const columns: ColumnsType<Row> = [
    {
      title: HEADS[by],
      key: 'name',
      fixed: 'left',
      width: by === 'studio' ? 200 : 120,
      render: (_, r) =>
        by === 'studio' && r.key ? <Link to={`/studios/${r.key}?tab=achievements`}>{r.name}</Link> : r.name,
    },
    ...(by === 'studio'
      ? [
          { title: '地区', key: 'district', width: 110, render: (_: unknown, r: Row) => r.district },
          {
            title: '级别',
            key: 'level',
            width: 150,
            render: (_: unknown, r: Row) => (r.level ? STUDIO_LEVEL_LABELS[r.level] : '—'),
          },
        ]
      : [
          {
            title: '工作室',
            key: 'studios',
            align: 'right' as const,
            width: 70,
            render: (_: unknown, r: Row) => r.studios,
          },
        ]),
    { title: '成果', key: 'records', align: 'right', width: 64, render: (_, r) => <b>{r.totals.records}</b> },
    ...ACHIEVEMENT_KINDS.map((k) => ({
      title: ACHIEVEMENT_KIND_LABELS[k],
      key: k,
      align: 'right' as const,
      width: 80,
      render: (_: unknown, r: Row) =>
        k === 'patent' && r.totals.kinds.patent > 0 ? (
          <span title={PATENT_KINDS.map((p) => `${PATENT_KIND_LABELS[p]} ${r.totals.patents[p]}`).join('，')}>
            {r.totals.kinds.patent}
          </span>
        ) : (
          r.totals.kinds[k]
        ),
    })),
    ...PATENT_KINDS.map((p) => ({
      title: `${PATENT_KIND_LABELS[p]}专利`,
      key: `p-${p}`,
      align: 'right' as const,
      width: 90,
      render: (_: unknown, r: Row) => r.totals.patents[p],
    })),
    { title: '培养人数', key: 'people', align: 'right', width: 80, render: (_, r) => r.totals.peopleTrained },
    { title: '建议条数', key: 'proposals', align: 'right', width: 80, render: (_, r) => r.totals.proposals },
    {
      title: '经济效益',
      key: 'benefit',
      align: 'right',
      width: 160,
      render: (_, r) => yuanText(r.totals.benefitFen),
    },
  ];
  return (
    <Card title="劳模创新工作室成果统计" styles={{ body: { padding: 12 } }}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Segmented<TotalsBy>
          value={by}
          onChange={(b) => set({ by: b === 'district' ? undefined : b })}
          options={TOTALS_BY.map((b) => ({ value: b, label: TOTALS_BY_LABELS[b] }))}
          data-testid="achievement-by"
        />
        <Space wrap>
          <InputNumber
            placeholder="全部年度"
            min={1950}
            max={2100}
            precision={0}
            value={query.year ?? null}
            onChange={(y) => set({ year: y ? String(y) : undefined })}
            style={{ width: 110 }}
          />
          <FilterSelect
            placeholder="全部级别"
            value={query.level}
            onChange={(level) => set({ level })}
            options={STUDIO_LEVELS.map((l) => ({ value: l, label: STUDIO_LEVEL_LABELS[l] }))}
            minWidth={180}
          />
          <HostOrgSelect
            allowClear
            value={query.orgId}
            onChange={(orgId) => set({ orgId })}
            placeholder="全部地区"
            style={{ minWidth: 180 }}
          />
          <ExportButton path={`${ACHIEVEMENTS_API}/totals/export.xlsx`} query={query} />
        </Space>
        <Alert
          type="info"
          showIcon
          message="工作室的成果按其当前级别和所在地区统计；已摘牌工作室此前的成果仍计入。经济效益按各项成果登记的金额合计。"
        />
        {totals.isError && !data ? (
          <ErrorResult error={totals.error} onRetry={() => void totals.refetch()} />
        ) : (
          <>
            {data && data.rows.some((r) => r.totals.records > 0) && (
              <Suspense fallback={<div style={{ height: 320 }} />}>
                <TotalsChart view={data} />
              </Suspense>
            )}
            <Table<Row>
              size="small"
              rowKey={(r) => r.key ?? r.name}
              loading={totals.isFetching}
              dataSource={data?.rows}
              columns={columns}
              pagination={by === 'studio' ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '没有符合条件的成果记录' }}
              data-testid="achievement-totals"
              summary={() =>
                data ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <b>合计</b>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} colSpan={by === 'studio' ? 2 : 1} align="right">
                      {by === 'studio' ? '' : data.studios}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <b>{data.total.records}</b>
                    </Table.Summary.Cell>
                    {ACHIEVEMENT_KINDS.map((k, i) => (
                      <Table.Summary.Cell key={k} index={4 + i} align="right">
                        {data.total.kinds[k]}
                      </Table.Summary.Cell>
                    ))}
                    {PATENT_KINDS.map((p, i) => (
                      <Table.Summary.Cell key={p} index={20 + i} align="right">
                        {data.total.patents[p]}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={30} align="right">
                      {data.total.peopleTrained}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={31} align="right">
                      {data.total.proposals}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={32} align="right">
                      <b>{yuanText(data.total.benefitFen)}</b>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </>
        )}
      </Space>
    </Card>
  );
}
