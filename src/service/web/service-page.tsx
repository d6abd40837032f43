// The service programme for union staff (`/service`): the programmes they see (creating one where
// they run a city or county federation), the pairings of their scope with their visiting rhythm,
// the visits logged and the needs followed. Filters live in the address bar.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { HostOrgSelect } from '../../enterprises/web/org-pickers';
import { FilterSelect } from '../../web/components/filter-select';
import {
  LEVEL_LABELS,
  NEED_KINDS,
  NEED_KIND_LABELS,
  NEED_STATES,
  NEED_STATE_LABELS,
  type NeedView,
  type PairingView,
  type ProgrammeView,
  type UnpairedView,
  type VisitView,
} from '../contract';
import {
  endPairing,
  fetchNeeds,
  fetchPairings,
  fetchProgrammes,
  fetchUnpaired,
  fetchVisits,
  reassignPairing,
  serviceKeys,
} from './service-api';
import { DueTag, itemsText, NeedStateTag } from './service-format';
import { ExportButton } from '../../web/components/export-button';
import { NeedDrawer } from './need-drawer';
import { CadreSelect } from './cadre-select';
import { useListParams } from '../../web/components/list-params';
import { PagedTable } from '../../web/components/paged-table';

const PairModal = lazy(() => import('./pair-modal'));
// The heavier tabs and the picture viewer load when first shown, so the page's first load stays small.
const DashboardTab = lazy(() => import('./dashboard-tab').then((m) => ({ default: m.DashboardTab })));
const CampaignsTab = lazy(() => import('./campaigns-tab').then((m) => ({ default: m.CampaignsTab })));
const VisitPhotos = lazy(() => import('./visit-photos').then((m) => ({ default: m.VisitPhotos })));
const ProgrammeModal = lazy(() => import('./programme-modal'));
const later = (node: ReactNode) => <Suspense fallback={<PageLoading />}>{node}</Suspense>;

const TABS = ['programmes', 'dashboard', 'pairings', 'unpaired', 'visits', 'needs', 'campaigns'] as const;
type Tab = (typeof TABS)[number];

function Programmes() {
  const { can, me } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: serviceKeys.programmes, queryFn: fetchProgrammes });
  const canCreate =
    can('service:record') && (me.scope.kind === 'cityFederation' || me.scope.kind === 'districtFederation');
  const columns: ColumnsType<ProgrammeView> = [
    {
      title: '活动名称',
      key: 'name',
      render: (_, p) => <Link to={`/service?tab=pairings&programmeId=${p.id}`}>{p.name}</Link>,
    },
    { title: '组织单位', key: 'org', render: (_, p) => p.org.name },
    { title: '期间', key: 'period', render: (_, p) => `${p.startsOn} 至 ${p.endsOn}` },
    { title: '参加层级', key: 'levels', render: (_, p) => p.levels.map((l) => LEVEL_LABELS[l]).join('、') },
    { title: '走访周期', key: 'every', align: 'right', render: (_, p) => `${p.visitEveryDays} 天` },
    { title: '挂钩企业', key: 'pairings', align: 'right', render: (_, p) => p.pairings },
  ];
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      size="small"
      title="服务活动"
      extra={
        canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="programme-new"
          >
            创建活动
          </Button>
        )
      }
    >
      <Table<ProgrammeView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: canCreate ? '还没有服务活动，请先创建本年度的活动' : '上级尚未组织服务活动' }}
        data-testid="programme-table"
      />
      {creating && <ProgrammeModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function ProgrammeFilter({ value, onChange }: { value?: string; onChange: (id?: string) => void }) {
  const list = useQuery({ queryKey: serviceKeys.programmes, queryFn: fetchProgrammes });
  return (
    <Select
      allowClear
      placeholder="全部活动"
      value={value}
      onChange={onChange}
      options={list.data?.items.map((p) => ({ value: p.id, label: p.name }))}
      style={{ minWidth: 220 }}
    />
  );
}

function PairingAction({ pairing }: { pairing: PairingView }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ cadreId: string; reason: string }>();
  const done = async (text: string) => {
    void message.success(text);
    await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
  };
  const reassign = useMutation({
    mutationFn: (v: { cadreId: string; reason: string }) =>
      reassignPairing(pairing.id, { ...v, version: pairing.version }),
    onSuccess: async () => {
      setOpen(false);
      await done('已调整挂钩干部');
    },
    onError: (error) => showFormError(form, error, message, ['cadreId', 'reason']),
  });
  const end = () =>
    modal.confirm({
      title: `解除与“${pairing.enterprise.name}”的挂钩？`,
      content: '解除后该企业不再计入挂钩企业，历史走访记录保留。',
      okText: '解除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        await endPairing(pairing.id, { reason: '解除挂钩', version: pairing.version });
        await done('已解除挂钩');
      },
    });
  if (pairing.endedOn) return null;
  return (
    <Space size={4}>
      <Button size="small" onClick={() => setOpen(true)}>
        调整
      </Button>
      <Button
        size="small"
        danger
        onClick={() => {
          end();
        }}
      >
        解除
      </Button>
      {open && (
        <Modal
          open
          title={`调整挂钩干部 · ${pairing.enterprise.name}`}
          okText="保存"
          cancelText="取消"
          onCancel={() => setOpen(false)}
          onOk={() => form.submit()}
          confirmLoading={reassign.isPending}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" onFinish={(v) => reassign.mutate(v)}>
            <Form.Item
              name="cadreId"
              label="新的服务干部"
              rules={[{ required: true, message: '请选择服务干部' }]}
            >
              <CadreSelect programmeId={pairing.programme.id} />
            </Form.Item>
            <Form.Item name="reason" label="调整原因" rules={[{ required: true, message: '请填写调整原因' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}

function Pairings() {
  const { can } = useAuth();
  const { get, page, pageSize, set, paging } = useListParams('pairings');
  const query = {
    programmeId: get('programmeId'),
    orgId: get('orgId'),
    due: get('due'),
    q: get('q'),
    history: get('history'),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: serviceKeys.pairings(query),
    queryFn: () => fetchPairings(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<PairingView> = [
    {
      title: '企业',
      key: 'enterprise',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <Link to={`/enterprises/${p.enterprise.id}`}>{p.enterprise.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.enterprise.orgName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '服务干部',
      key: 'cadre',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <span>{p.cadre.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.cadre.orgName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '活动', key: 'programme', render: (_, p) => p.programme.name },
    { title: '上次走访', key: 'last', render: (_, p) => p.lastVisitOn ?? '尚未走访' },
    {
      title: '下次走访',
      key: 'due',
      render: (_, p) =>
        p.endedOn ? (
          <Tag>{`已于 ${p.endedOn} 解除：${p.endedReason ?? ''}`}</Tag>
        ) : (
          <DueTag state={p.dueState} dueOn={p.dueOn} />
        ),
    },
    ...(can('service:record')
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, p: PairingView) => <PairingAction pairing={p} />,
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <ProgrammeFilter value={query.programmeId} onChange={(programmeId) => set({ programmeId })} />
        <HostOrgSelect
          allowClear
          value={query.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部区、乡镇(街道)"
          style={{ minWidth: 200 }}
        />
        <FilterSelect
          placeholder="走访状态"
          value={query.due}
          onChange={(due) => set({ due })}
          options={[
            { value: 'overdue', label: '已逾期' },
            { value: 'due', label: '14 天内到期' },
            { value: 'ok', label: '正常' },
          ]}
          minWidth={130}
          testId="pairing-due-filter"
        />
        <Input.Search
          allowClear
          placeholder="企业名称"
          defaultValue={query.q}
          onSearch={(q) => set({ q })}
          style={{ width: 200 }}
        />
        <Checkbox
          checked={query.history === 'true'}
          onChange={(e) => set({ history: e.target.checked ? 'true' : undefined })}
        >
          含已解除
        </Checkbox>
        <ExportButton path="/api/service/pairings/export.xlsx" query={query} />
      </Space>
      <PagedTable<PairingView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有挂钩企业。可在“三类企业”名单中勾选企业挂钩给服务干部。' }}
        data-testid="pairing-table"
      />
    </Card>
  );
}

function Unpaired() {
  const { can } = useAuth();
  const { get, page, pageSize, set, paging } = useListParams('unpaired');
  const query = { orgId: get('orgId'), page, pageSize };
  const [selected, setSelected] = useState<string[]>([]);
  const [pairing, setPairing] = useState(false);
  const list = useQuery({
    queryKey: ['service', 'unpaired', query],
    queryFn: () => fetchUnpaired(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<UnpairedView> = [
    {
      title: '企业',
      key: 'enterprise',
      render: (_, u) => <Link to={`/enterprises/${u.enterprise.id}`}>{u.enterprise.name}</Link>,
    },
    { title: '所属乡镇(街道)', key: 'org', render: (_, u) => u.enterprise.orgName },
    { title: '职工数', key: 'employees', align: 'right', render: (_, u) => u.employees ?? '—' },
    { title: '紧急度', key: 'urgency', align: 'right', render: (_, u) => u.urgency },
  ];
  return (
    <Card
      size="small"
      title={<Typography.Text type="secondary">按紧急度排列；勾选后挂钩给服务干部</Typography.Text>}
      extra={
        can('service:record') && (
          <Button
            type="primary"
            disabled={!selected.length}
            onClick={() => setPairing(true)}
            data-testid="unpaired-pair"
          >
            挂钩给服务干部{selected.length ? `（${selected.length}）` : ''}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <HostOrgSelect
          allowClear
          value={query.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部区、乡镇(街道)"
          style={{ minWidth: 200 }}
        />
        <ExportButton path="/api/service/unpaired/export.xlsx" query={query} />
      </Space>
      <PagedTable<UnpairedView>
        list={list}
        paging={paging}
        rowKey={(u) => u.enterprise.id}
        columns={columns}
        rowSelection={
          can('service:record')
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (k) => setSelected(k.map(String)),
              }
            : undefined
        }
        scroll={{ x: 700 }}
        locale={{ emptyText: '管理范围内的三类企业都已挂钩服务干部' }}
        data-testid="unpaired-table"
      />
      {pairing && (
        <Suspense fallback={null}>
          <PairModal
            enterpriseIds={selected}
            onClose={() => setPairing(false)}
            onDone={() => {
              setPairing(false);
              setSelected([]);
            }}
          />
        </Suspense>
      )}
    </Card>
  );
}

function Visits() {
  const { get, page, pageSize, set, paging } = useListParams('visits');
  const query = { programmeId: get('programmeId'), orgId: get('orgId'), page, pageSize };
  const list = useQuery({
    queryKey: serviceKeys.visits(query),
    queryFn: () => fetchVisits(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<VisitView> = [
    { title: '日期', key: 'day', width: 110, render: (_, v) => v.visitedOn },
    {
      title: '企业',
      key: 'enterprise',
      render: (_, v) => <Link to={`/enterprises/${v.enterprise.id}`}>{v.enterprise.name}</Link>,
    },
    { title: '服务干部', key: 'cadres', render: (_, v) => v.cadres.map((c) => c.name).join('、') },
    { title: '服务内容', key: 'items', render: (_, v) => itemsText(v.items) },
    { title: '服务情况', key: 'content', render: (_, v) => v.content },
    {
      title: '照片',
      key: 'photos',
      width: 140,
      render: (_, v) =>
        v.images.length ? (
          <Suspense fallback={null}>
            <VisitPhotos visit={v} />
          </Suspense>
        ) : null,
    },
    { title: '需求', key: 'needs', align: 'right', render: (_, v) => v.needIds.length || '' },
  ];
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <ProgrammeFilter value={query.programmeId} onChange={(programmeId) => set({ programmeId })} />
        <HostOrgSelect
          allowClear
          value={query.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部区、乡镇(街道)"
          style={{ minWidth: 200 }}
        />
        <ExportButton path="/api/service/visits/export.xlsx" query={query} />
      </Space>
      <PagedTable<VisitView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: '还没有走访记录' }}
        data-testid="visit-table"
      />
    </Card>
  );
}

function Needs() {
  const { get, page, pageSize, set, paging } = useListParams('needs');
  const query = {
    programmeId: get('programmeId'),
    orgId: get('orgId'),
    state: get('state'),
    kind: get('kind'),
    overdue: get('overdue'),
    page,
    pageSize,
  };
  const open = get('need');
  const list = useQuery({
    queryKey: serviceKeys.needs(query),
    queryFn: () => fetchNeeds(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<NeedView> = [
    {
      title: '需求',
      key: 'description',
      render: (_, n) => (
        <a onClick={() => set({ need: n.id }, true)} data-testid="need-open">
          【{NEED_KIND_LABELS[n.kind]}】{n.description}
        </a>
      ),
    },
    { title: '企业', key: 'enterprise', render: (_, n) => n.enterprise.name },
    { title: '负责人', key: 'owner', render: (_, n) => n.owner?.name ?? '未交办' },
    { title: '办结期限', key: 'due', width: 110, render: (_, n) => n.dueOn ?? '—' },
    { title: '状态', key: 'state', width: 140, render: (_, n) => <NeedStateTag need={n} /> },
  ];
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <ProgrammeFilter value={query.programmeId} onChange={(programmeId) => set({ programmeId })} />
        <HostOrgSelect
          allowClear
          value={query.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部区、乡镇(街道)"
          style={{ minWidth: 200 }}
        />
        <FilterSelect
          placeholder="全部状态"
          value={query.state}
          onChange={(state) => set({ state })}
          options={NEED_STATES.map((s) => ({ value: s, label: NEED_STATE_LABELS[s] }))}
          minWidth={120}
        />
        <FilterSelect
          placeholder="全部类型"
          value={query.kind}
          onChange={(kind) => set({ kind })}
          options={NEED_KINDS.map((k) => ({ value: k, label: NEED_KIND_LABELS[k] }))}
          minWidth={120}
        />
        <Checkbox
          checked={query.overdue === 'true'}
          onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
        >
          只看逾期
        </Checkbox>
        <ExportButton path="/api/service/needs/export.xlsx" query={query} />
      </Space>
      <PagedTable<NeedView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: '没有符合条件的企业需求' }}
        data-testid="need-table"
      />
      {open && <NeedDrawer id={open} onClose={() => set({ need: undefined }, true)} />}
    </Card>
  );
}

export default function ServicePage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'programmes';
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setParams({ tab: key })}
      items={[
        { key: 'programmes', label: '服务活动', children: <Programmes /> },
        { key: 'dashboard', label: '统计', children: later(<DashboardTab />) },
        { key: 'pairings', label: '挂钩企业', children: <Pairings /> },
        { key: 'unpaired', label: '未挂钩的三类企业', children: <Unpaired /> },
        { key: 'visits', label: '走访记录', children: <Visits /> },
        { key: 'needs', label: '企业需求', children: <Needs /> },
        { key: 'campaigns', label: '送清凉·送温暖', children: later(<CampaignsTab />) },
      ]}
    />
  );
}
