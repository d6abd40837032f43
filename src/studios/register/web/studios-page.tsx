// The studios (`/studios`): the studios and applications of the reader's scope, searched by name
// or host unit and filtered by level, state, batch, district, field and year of designation, with
// the applications waiting for the reader; the export of the list; the application form.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Input, InputNumber, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../web/auth';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { PagedTable } from '../../../web/components/paged-table';
import { HostOrgSelect } from '../../../enterprises/web/org-pickers';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_LEVELS,
  STUDIO_STATE_LABELS,
  STUDIO_STATES,
  type StudioDue,
  type StudioLevel,
  type StudioState,
  type StudioView,
} from '../contract';
import { fetchBatches, fetchStudios, studioKeys, STUDIOS_API } from './studios-api';
import { LevelTag, StudioStateTag } from './studio-format';

const StudioForm = lazy(() => import('./studio-form').then((m) => ({ default: m.StudioForm })));

const DUE_LABELS: Record<StudioDue, string> = {
  recommend: '待我推荐',
  review: '待审核',
  designate: '审核通过待命名',
};

export default function StudiosPage() {
  const { can } = useAuth();
  const { get, page, pageSize, set, paging } = useListParams();
  const [applying, setApplying] = useState(false);
  const yearText = get('year');
  const filters = {
    q: get('q'),
    level: get('level') as StudioLevel | undefined,
    state: get('state') as StudioState | undefined,
    batchId: get('batchId'),
    orgId: get('orgId'),
    field: get('field'),
    year: yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined,
    due: get('due') as StudioDue | undefined,
  };
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: studioKeys.list(query),
    queryFn: () => fetchStudios(query),
    placeholderData: keepPreviousData,
  });
  const batches = useQuery({ queryKey: studioKeys.batches({}), queryFn: () => fetchBatches() });
  const columns: ColumnsType<StudioView> = [
    {
      title: '工作室',
      key: 'name',
      render: (_, s) => (
        <Link to={`/studios/${s.id}`} data-testid="studio-open">
          {s.name}
        </Link>
      ),
    },
    { title: '负责人', key: 'leader', width: 90, render: (_, s) => s.leader.name },
    { title: '承载单位', key: 'host', render: (_, s) => s.hostUnitName },
    { title: '领域', key: 'field', width: 100, render: (_, s) => s.field },
    { title: '级别', key: 'level', width: 100, render: (_, s) => <LevelTag level={s.level} /> },
    { title: '命名批次', key: 'batch', render: (_, s) => s.batch?.name ?? '—' },
    { title: '挂牌日期', key: 'plaque', width: 110, render: (_, s) => s.plaqueOn ?? '—' },
    { title: '所属地区', key: 'district', render: (_, s) => s.district },
    { title: '状态', key: 'state', width: 150, render: (_, s) => <StudioStateTag studio={s} /> },
  ];
  return (
    <Card
      title="劳模创新工作室"
      extra={
        can('studio:apply') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setApplying(true)}
            data-testid="studio-new"
          >
            申报工作室
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder="工作室或承载单位名称"
          onSearch={(value) => set({ q: value.trim() || undefined })}
          style={{ maxWidth: 220 }}
          data-testid="studio-search"
        />
        <FilterSelect
          placeholder="全部待办"
          value={filters.due}
          onChange={(due) => set({ due })}
          options={(Object.keys(DUE_LABELS) as StudioDue[]).map((d) => ({ value: d, label: DUE_LABELS[d] }))}
          minWidth={140}
        />
        <FilterSelect
          placeholder="全部级别"
          value={filters.level}
          onChange={(level) => set({ level })}
          options={STUDIO_LEVELS.map((l) => ({ value: l, label: STUDIO_LEVEL_LABELS[l] }))}
          minWidth={160}
        />
        <FilterSelect
          placeholder="全部状态"
          value={filters.state}
          onChange={(state) => set({ state })}
          options={STUDIO_STATES.map((s) => ({ value: s, label: STUDIO_STATE_LABELS[s] }))}
          minWidth={140}
        />
        <FilterSelect
          placeholder="全部命名批次"
          value={filters.batchId}
          onChange={(batchId) => set({ batchId })}
          options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          minWidth={160}
        />
        <HostOrgSelect
          allowClear
          value={filters.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部地区"
          style={{ minWidth: 180 }}
        />
        <Input.Search
          allowClear
          defaultValue={filters.field}
          placeholder="所属领域"
          onSearch={(value) => set({ field: value.trim() || undefined })}
          style={{ maxWidth: 140 }}
        />
        <InputNumber
          placeholder="命名年度"
          min={1990}
          max={2100}
          precision={0}
          value={filters.year ?? null}
          onChange={(y) => set({ year: y ? String(y) : undefined })}
          style={{ width: 110 }}
        />
        <ExportButton path={`${STUDIOS_API}/export.xlsx`} query={filters} />
      </Space>
      <PagedTable<StudioView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的劳模创新工作室' }}
        data-testid="studio-table"
      />
      {applying && (
        <Suspense fallback={null}>
          <StudioForm onClose={() => setApplying(false)} />
        </Suspense>
      )}
    </Card>
  );
}
