// The honours register (`/competitions/honours`): honours and nominations of the reader's scope,
// searched by recipient or unit and filtered by kind, level, year, unit and state, with the
// nominations waiting for the reader; the counts per unit and year; the import of old lists.
// An honour opens in a drawer with the steps of its nomination.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Input, InputNumber, Space, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { PagedTable } from '../../../web/components/paged-table';
import { PageLoading } from '../../../web/components/page-state';
import { HostOrgSelect } from '../../../enterprises/web/org-pickers';
import {
  HONOUR_KIND_LABELS,
  HONOUR_KINDS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  HONOUR_STATE_LABELS,
  HONOUR_STATES,
  RECIPIENT_KIND_LABELS,
  type HonourKind,
  type HonourLevel,
  type HonourState,
  type HonourView,
} from '../contract';
import { fetchHonours, honourKeys, HONOURS_API } from './honours-api';
import { StateTag } from './honour-format';

const HonourDrawer = lazy(() => import('./honour-drawer').then((m) => ({ default: m.HonourDrawer })));
const HonourForm = lazy(() => import('./honour-form').then((m) => ({ default: m.HonourForm })));
const CountsTab = lazy(() => import('./counts-tab').then((m) => ({ default: m.CountsTab })));
const ImportTab = lazy(() => import('./import-tab').then((m) => ({ default: m.ImportTab })));

const DUE_LABELS = { review: '待我审核', confer: '公示期满待授予' } as const;
type Due = keyof typeof DUE_LABELS;
const TABS = ['list', 'counts', 'import'] as const;

export default function HonoursPage() {
  const { get, page, pageSize, set, paging } = useListParams();
  const [nominating, setNominating] = useState(false);
  const yearText = get('year');
  const filters = {
    q: get('q'),
    kind: get('kind') as HonourKind | undefined,
    level: get('level') as HonourLevel | undefined,
    year: yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined,
    state: get('state') as HonourState | undefined,
    orgId: get('orgId'),
    due: get('due') as Due | undefined,
  };
  const query = { ...filters, page, pageSize };
  const tab = TABS.find((t) => t === get('tab')) ?? 'list';
  const open = get('honour');
  const list = useQuery({
    queryKey: honourKeys.list(query),
    queryFn: () => fetchHonours(query),
    placeholderData: keepPreviousData,
    enabled: tab === 'list',
  });
  const columns: ColumnsType<HonourView> = [
    { title: '年度', key: 'year', width: 70, render: (_, h) => h.year },
    {
      title: '获奖对象',
      key: 'recipient',
      render: (_, h) => (
        <a onClick={() => set({ honour: h.id }, true)} data-testid="honour-open">
          {h.recipientName}
        </a>
      ),
    },
    { title: '荣誉', key: 'title', render: (_, h) => h.title },
    { title: '级别', key: 'level', width: 90, render: (_, h) => HONOUR_LEVEL_LABELS[h.level] },
    { title: '类型', key: 'rk', width: 90, render: (_, h) => RECIPIENT_KIND_LABELS[h.recipientKind] },
    { title: '所在单位', key: 'unit', render: (_, h) => h.unitName ?? '—' },
    { title: '授予机关', key: 'body', render: (_, h) => h.awardingBody },
    { title: '所属地区', key: 'district', render: (_, h) => h.district },
    { title: '状态', key: 'state', width: 100, render: (_, h) => <StateTag state={h.state} /> },
  ];
  return (
    <Card
      title="荣誉管理"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setNominating(true)}
          data-testid="honour-new"
        >
          推荐荣誉
        </Button>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'list' ? undefined : key })}
        items={[
          {
            key: 'list',
            label: '荣誉库',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    defaultValue={filters.q}
                    placeholder="获奖对象或单位名称"
                    onSearch={(value) => set({ q: value.trim() || undefined })}
                    style={{ maxWidth: 220 }}
                    data-testid="honour-search"
                  />
                  <FilterSelect
                    placeholder="全部待办"
                    value={filters.due}
                    onChange={(due) => set({ due })}
                    options={(Object.keys(DUE_LABELS) as Due[]).map((d) => ({
                      value: d,
                      label: DUE_LABELS[d],
                    }))}
                    minWidth={150}
                  />
                  <FilterSelect
                    placeholder="全部荣誉类型"
                    value={filters.kind}
                    onChange={(kind) => set({ kind })}
                    options={HONOUR_KINDS.map((k) => ({ value: k, label: HONOUR_KIND_LABELS[k] }))}
                    minWidth={150}
                  />
                  <FilterSelect
                    placeholder="全部级别"
                    value={filters.level}
                    onChange={(level) => set({ level })}
                    options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))}
                  />
                  <InputNumber
                    placeholder="年度"
                    min={1950}
                    max={2100}
                    precision={0}
                    value={filters.year ?? null}
                    onChange={(y) => set({ year: y ? String(y) : undefined })}
                    style={{ width: 100 }}
                  />
                  <FilterSelect
                    placeholder="全部状态"
                    value={filters.state}
                    onChange={(state) => set({ state })}
                    options={HONOUR_STATES.map((s) => ({ value: s, label: HONOUR_STATE_LABELS[s] }))}
                  />
                  <HostOrgSelect
                    allowClear
                    value={filters.orgId}
                    onChange={(orgId) => set({ orgId })}
                    placeholder="全部区、乡镇(街道)"
                    style={{ minWidth: 200 }}
                  />
                  <ExportButton path={`${HONOURS_API}/export.xlsx`} query={filters} />
                </Space>
                <PagedTable<HonourView>
                  list={list}
                  paging={paging}
                  rowKey="id"
                  columns={columns}
                  scroll={{ x: 1000 }}
                  locale={{ emptyText: '没有符合条件的荣誉' }}
                  data-testid="honour-table"
                />
              </>
            ),
          },
          {
            key: 'counts',
            label: '数量统计',
            children: (
              <Suspense fallback={<PageLoading />}>
                <CountsTab
                  orgId={filters.orgId}
                  kind={filters.kind}
                  level={filters.level}
                  onFilter={(f) => set({ tab: 'counts', kind: f.kind, level: f.level })}
                  onList={(f) =>
                    set({
                      tab: undefined,
                      orgId: f.orgId,
                      year: f.year,
                      state: 'conferred',
                      due: undefined,
                      q: undefined,
                    })
                  }
                />
              </Suspense>
            ),
          },
          {
            key: 'import',
            label: '导入名单',
            children: (
              <Suspense fallback={<PageLoading />}>
                <ImportTab />
              </Suspense>
            ),
          },
        ]}
      />
      {open && (
        <Suspense fallback={null}>
          <HonourDrawer id={open} onClose={() => set({ honour: undefined }, true)} />
        </Suspense>
      )}
      {nominating && (
        <Suspense fallback={null}>
          <HonourForm onClose={() => setNominating(false)} />
        </Suspense>
      )}
    </Card>
  );
}
