// Conferred honours per unit below and year (for the city: per district), with totals; each
// count opens the register filtered to exactly those honours.
import { Alert, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { ErrorResult } from '../../../web/components/page-state';
import {
  HONOUR_KIND_LABELS,
  HONOUR_KINDS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  type HonourCountsView,
  type HonourKind,
  type HonourLevel,
} from '../contract';
import { fetchCounts, honourKeys, HONOURS_API } from './honours-api';

type Row = HonourCountsView['rows'][number];

export function CountsTab({
  orgId,
  kind,
  level,
  onFilter,
  onList,
}: {
  orgId?: string;
  kind?: HonourKind;
  level?: HonourLevel;
  onFilter: (f: { kind?: string; level?: string }) => void;
  onList: (f: { orgId?: string; year?: string }) => void;
}) {
  const query = { orgId, kind, level };
  const counts = useQuery({
    queryKey: honourKeys.counts(query),
    queryFn: () => fetchCounts(query),
    placeholderData: keepPreviousData,
  });
  if (counts.isError && !counts.data)
    return <ErrorResult error={counts.error} onRetry={() => void counts.refetch()} />;
  const data = counts.data;
  const cell = (n: number, row: Row | null, year?: number) =>
    n > 0 ? (
      <a
        onClick={() =>
          onList({ orgId: row?.orgId ?? orgId, year: year === undefined ? undefined : String(year) })
        }
      >
        {n}
      </a>
    ) : (
      <span style={{ color: '#bbb' }}>0</span>
    );
  const columns: ColumnsType<Row> = [
    { title: '单位', key: 'name', fixed: 'left', width: 160, render: (_, r) => r.name },
    ...(data?.years ?? []).map((y, i) => ({
      title: `${y}`,
      key: String(y),
      align: 'right' as const,
      width: 64,
      render: (_: unknown, r: Row) => cell(r.counts[i] ?? 0, r, y),
    })),
    { title: '合计', key: 'total', align: 'right', width: 72, render: (_, r) => <b>{cell(r.total, r)}</b> },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <FilterSelect
          placeholder="全部类型"
          value={kind}
          onChange={(k) => onFilter({ kind: k, level })}
          options={HONOUR_KINDS.map((k) => ({ value: k, label: HONOUR_KIND_LABELS[k] }))}
          minWidth={150}
        />
        <FilterSelect
          placeholder="全部级别"
          value={level}
          onChange={(l) => onFilter({ kind, level: l })}
          options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))}
          minWidth={120}
        />
        <ExportButton path={`${HONOURS_API}/counts/export.xlsx`} query={query} />
      </Space>
      <Alert type="info" showIcon message="统计已授予的荣誉；点击数字查看对应的荣誉名单。" />
      <Table<Row>
        size="small"
        rowKey={(r) => r.orgId ?? r.name}
        loading={counts.isFetching}
        dataSource={data?.rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无已授予的荣誉' }}
        data-testid="honour-counts"
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <b>合计</b>
              </Table.Summary.Cell>
              {data.totals.map((n, i) => (
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  {cell(n, null, data.years[i])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={data.years.length + 1} align="right">
                <b>{cell(data.total, null)}</b>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
