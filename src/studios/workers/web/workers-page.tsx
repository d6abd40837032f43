// The model workers register (`/studios/workers`, 劳模名册): the model workers kept in the reader's
// scope, searched by name or unit and filtered by level, years, status, field, unit and the link
// to the honours register, exported as xlsx with those filters; a record opens in a drawer with
// its history and its change. Staff who keep the register enter model workers, import lists and
// add the honours register's 劳动模范 not yet entered.
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Input, InputNumber, Popconfirm, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../../web/auth';
import { errorMessage } from '../../../web/api';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { PagedTable } from '../../../web/components/paged-table';
import { PageLoading } from '../../../web/components/page-state';
import { OrgSelect } from '../../../orgs/web/org-select';
import {
  MODEL_WORKER_FIELDS,
  MODEL_WORKER_LEVEL_LABELS,
  MODEL_WORKER_LEVELS,
  MODEL_WORKER_STATUS_LABELS,
  MODEL_WORKER_STATUSES,
  type ModelWorkerLevel,
  type ModelWorkerStatus,
  type ModelWorkerView,
} from '../contract';
import { addFromHonours, fetchWorkers, workerKeys, WORKERS_API } from './workers-api';
import { StatusTag } from './worker-format';

const WorkerDrawer = lazy(() => import('./worker-drawer').then((m) => ({ default: m.WorkerDrawer })));
const WorkerForm = lazy(() => import('./worker-form').then((m) => ({ default: m.WorkerForm })));
const ImportTab = lazy(() => import('./import-tab').then((m) => ({ default: m.ImportTab })));

const TABS = ['list', 'import'] as const;
const yearOf = (text: string | undefined) => (text && /^\d{4}$/.test(text) ? Number(text) : undefined);

export default function WorkersPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const manages = can('studio:manage');
  const { get, page, pageSize, set, paging } = useListParams();
  const [creating, setCreating] = useState(false);
  const filters = {
    q: get('q'),
    level: get('level') as ModelWorkerLevel | undefined,
    yearFrom: yearOf(get('yearFrom')),
    yearTo: yearOf(get('yearTo')),
    status: get('status') as ModelWorkerStatus | undefined,
    field: get('field'),
    orgId: get('orgId'),
    hasHonour: get('hasHonour') as 'true' | 'false' | undefined,
  };
  const query = { ...filters, page, pageSize };
  const tab = TABS.find((t) => t === get('tab') && (t !== 'import' || manages)) ?? 'list';
  const open = get('worker');
  const list = useQuery({
    queryKey: workerKeys.list(query),
    queryFn: () => fetchWorkers(query),
    placeholderData: keepPreviousData,
    enabled: tab === 'list',
  });
  const fromHonours = useMutation({
    mutationFn: addFromHonours,
    onSuccess: async ({ added }) => {
      void message.success(added ? `已从荣誉库添加 ${added} 名劳模` : '荣誉库中的劳动模范都已在名册中');
      await queryClient.invalidateQueries({ queryKey: workerKeys.all });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const columns: ColumnsType<ModelWorkerView> = [
    {
      title: '姓名',
      key: 'name',
      fixed: 'left',
      width: 90,
      render: (_, w) => (
        <a onClick={() => set({ worker: w.id }, true)} data-testid="worker-open">
          {w.name}
        </a>
      ),
    },
    {
      title: '称号',
      key: 'level',
      width: 150,
      render: (_, w) => `${w.year}年${MODEL_WORKER_LEVEL_LABELS[w.level]}`,
    },
    { title: '工作单位', key: 'unit', render: (_, w) => w.unitName },
    { title: '职务职称', key: 'position', render: (_, w) => w.position ?? '—' },
    { title: '专业领域', key: 'field', width: 100, render: (_, w) => w.field ?? '—' },
    { title: '状态', key: 'status', width: 70, render: (_, w) => <StatusTag status={w.status} /> },
    { title: '荣誉库', key: 'honour', width: 80, render: (_, w) => (w.honour ? '已关联' : '—') },
    ...(list.data?.items.some((w) => !w.contactsHidden)
      ? [
          {
            title: '联系电话',
            key: 'phone',
            width: 130,
            render: (_: unknown, w: ModelWorkerView) => w.phone ?? '—',
          },
        ]
      : []),
    { title: '所属地区', key: 'district', width: 120, render: (_, w) => w.district },
  ];
  return (
    <Card
      title="劳模名册"
      extra={
        manages && (
          <Space wrap>
            <Popconfirm
              title="从荣誉库添加"
              description="将荣誉库中您管理范围内已授予、尚未登记的劳动模范全部加入名册？"
              okText="添加"
              cancelText="取消"
              onConfirm={() => fromHonours.mutate()}
            >
              <Button
                icon={<ImportOutlined />}
                loading={fromHonours.isPending}
                data-testid="worker-from-honours"
              >
                从荣誉库添加
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="worker-new"
            >
              登记劳模
            </Button>
          </Space>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'list' ? undefined : key })}
        items={[
          {
            key: 'list',
            label: '名册',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    defaultValue={filters.q}
                    placeholder="姓名或工作单位"
                    maxLength={50}
                    onSearch={(value) => set({ q: value.trim() || undefined })}
                    style={{ maxWidth: 220 }}
                    data-testid="worker-search"
                  />
                  <FilterSelect
                    placeholder="全部级别"
                    value={filters.level}
                    onChange={(level) => set({ level })}
                    options={MODEL_WORKER_LEVELS.map((l) => ({
                      value: l,
                      label: MODEL_WORKER_LEVEL_LABELS[l],
                    }))}
                    minWidth={140}
                  />
                  <Space.Compact>
                    <InputNumber
                      placeholder="起始年度"
                      min={1950}
                      max={2100}
                      precision={0}
                      value={filters.yearFrom ?? null}
                      onChange={(y) => set({ yearFrom: y ? String(y) : undefined })}
                      style={{ width: 100 }}
                    />
                    <InputNumber
                      placeholder="截止年度"
                      min={1950}
                      max={2100}
                      precision={0}
                      value={filters.yearTo ?? null}
                      onChange={(y) => set({ yearTo: y ? String(y) : undefined })}
                      style={{ width: 100 }}
                    />
                  </Space.Compact>
                  <FilterSelect
                    placeholder="全部状态"
                    value={filters.status}
                    onChange={(status) => set({ status })}
                    options={MODEL_WORKER_STATUSES.map((s) => ({
                      value: s,
                      label: MODEL_WORKER_STATUS_LABELS[s],
                    }))}
                  />
                  <FilterSelect
                    placeholder="全部专业领域"
                    value={filters.field}
                    onChange={(field) => set({ field })}
                    options={MODEL_WORKER_FIELDS.map((f) => ({ value: f, label: f }))}
                    minWidth={130}
                  />
                  <FilterSelect
                    placeholder="是否关联荣誉库"
                    value={filters.hasHonour}
                    onChange={(hasHonour) => set({ hasHonour })}
                    options={[
                      { value: 'true', label: '已关联荣誉库' },
                      { value: 'false', label: '未关联荣誉库' },
                    ]}
                    minWidth={140}
                  />
                  <OrgSelect
                    allowClear
                    value={filters.orgId}
                    onChange={(orgId) => set({ orgId })}
                    placeholder="全部单位（输入名称查找）"
                    style={{ minWidth: 200 }}
                  />
                  <ExportButton path={`${WORKERS_API}/export.xlsx`} query={filters} />
                </Space>
                {list.data?.items.some((w) => w.contactsHidden) && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                    联系方式仅生产部、劳模协会可见
                  </Typography.Paragraph>
                )}
                <PagedTable<ModelWorkerView>
                  list={list}
                  paging={paging}
                  rowKey="id"
                  columns={columns}
                  scroll={{ x: 1000 }}
                  locale={{ emptyText: filtered ? '没有符合条件的劳模' : '劳模名册还是空的' }}
                  data-testid="worker-table"
                />
              </>
            ),
          },
          ...(manages
            ? [
                {
                  key: 'import',
                  label: '导入名单',
                  children: (
                    <Suspense fallback={<PageLoading />}>
                      <ImportTab />
                    </Suspense>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open && (
        <Suspense fallback={null}>
          <WorkerDrawer id={open} onClose={() => set({ worker: undefined }, true)} />
        </Suspense>
      )}
      {creating && (
        <Suspense fallback={null}>
          <WorkerForm
            canWriteContacts={can('studio:contacts')}
            onClose={() => setCreating(false)}
            onSaved={(saved) => set({ worker: saved.id }, true)}
          />
        </Suspense>
      )}
    </Card>
  );
}
