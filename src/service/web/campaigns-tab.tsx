// 送清凉 / 送温暖 (`/service?tab=campaigns`): a season's totals for the unit and each unit below (a
// unit's name opens its own, every count its records), the campaigns of the season with the
// deliveries recorded in them, and the records themselves; the totals export in the shape a
// federation reports upward.
import { lazy, Suspense, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { queryString } from '../../web/api';
import { useAuth } from '../../web/auth';
import { showFormError } from '../../web/form-errors';
import { ErrorResult } from '../../web/components/page-state';
import { chinaToday } from '../../platform/shared/dates';
import {
  CAMPAIGN_GROUPS,
  GROUP_LABELS,
  SEASON_LABELS,
  type CampaignSeason,
  type CampaignTotalsView,
  type CampaignView,
  type CampaignVisitView,
} from '../contract';
import {
  campaignKeys,
  createCampaign,
  deleteCampaignVisit,
  fetchCampaigns,
  fetchCampaignTotals,
  fetchCampaignVisits,
} from './service-api';
import { useListParams } from '../../web/components/list-params';
import { PagedTable } from '../../web/components/paged-table';

const CampaignVisitModal = lazy(() => import('./campaign-visit-modal'));

type TotalsRow = CampaignTotalsView['rows'][number];

/** Yuan from fen, with thousands separators: 12,345.60 */
export const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The season a campaign page opens on: winter from November to February, summer otherwise. */
function currentSeason(today: string): { season: CampaignSeason; year: number } {
  const month = Number(today.slice(5, 7));
  const year = Number(today.slice(0, 4));
  if (month >= 11) return { season: 'winter', year };
  if (month <= 2) return { season: 'winter', year: year - 1 };
  return { season: 'summer', year };
}

function CampaignModal({
  season,
  year,
  onClose,
}: {
  season: CampaignSeason;
  year: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; period: [Dayjs, Dayjs]; description?: string }>();
  const save = useMutation({
    mutationFn: (v: { name: string; period: [Dayjs, Dayjs]; description?: string }) =>
      createCampaign({
        season,
        year,
        name: v.name,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        description: v.description ?? null,
      }),
    onSuccess: async () => {
      void message.success('活动已建立');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
    },
    onError: (error) =>
      showFormError(form, error, message, ['name', 'period', 'description'], {
        startsOn: 'period',
        endsOn: 'period',
      }),
  });
  const period: [Dayjs, Dayjs] =
    season === 'summer'
      ? [dayjs(`${year}-06-15`), dayjs(`${year}-08-31`)]
      : [dayjs(`${year}-12-01`), dayjs(`${year + 1}-02-28`)];
  return (
    <Modal
      open
      title={`建立 ${year} 年${SEASON_LABELS[season]}活动`}
      okText="建立"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: `${year}年${SEASON_LABELS[season]}`, period }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="period" label="活动期间" rules={[{ required: true, message: '请选择活动期间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CampaignsTab() {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { get, page, pageSize, set: go, paging } = useListParams('campaigns');
  const fallback = currentSeason(chinaToday());
  const season: CampaignSeason =
    get('season') === 'winter' || get('season') === 'summer'
      ? (get('season') as CampaignSeason)
      : fallback.season;
  const year = Number(get('year')) || fallback.year;
  const orgId = get('orgId');
  const q = get('q');
  const [creating, setCreating] = useState(false);
  const [recording, setRecording] = useState<CampaignView | null>(null);
  const [editing, setEditing] = useState<CampaignVisitView | null>(null);

  const totals = useQuery({
    queryKey: campaignKeys.totals({ season, year, orgId }),
    queryFn: () => fetchCampaignTotals({ season, year, orgId }),
    placeholderData: keepPreviousData,
  });
  const campaigns = useQuery({
    queryKey: campaignKeys.list({ season, year }),
    queryFn: () => fetchCampaigns({ season, year }),
  });
  const recordsQuery = { season, year, orgId, q, page, pageSize };
  const records = useQuery({
    queryKey: campaignKeys.visits(recordsQuery),
    queryFn: () => fetchCampaignVisits(recordsQuery),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (v: CampaignVisitView) => deleteCampaignVisit(v.id, v.version),
    onSuccess: async () => {
      void message.success('慰问记录已删除');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
    onError: (error) => void message.error(error instanceof Error ? error.message : '删除失败'),
  });

  const canRecord = can('service:record');
  const runsHere = canRecord && me.scope.kind !== 'grassrootsUnion' && me.scope.kind !== 'jointUnion';
  const ownCampaign = campaigns.data?.items.some((c) => c.editable && c.org.id === me.scope.id);
  const t = totals.data?.total;
  const thisYear = Number(chinaToday().slice(0, 4));

  const totalsColumns: ColumnsType<TotalsRow> = [
    {
      title: '单位',
      key: 'org',
      fixed: 'left',
      width: 150,
      render: (_, r) =>
        r.org ? (
          <a onClick={() => go({ orgId: r.org!.id })} data-testid="campaign-unit">
            {r.org.name}
          </a>
        ) : (
          '本级'
        ),
    },
    { title: '活动数', key: 'campaigns', align: 'right', render: (_, r) => r.campaigns },
    {
      title: '慰问次数',
      key: 'visits',
      align: 'right',
      render: (_, r) =>
        r.visits && r.org ? <a onClick={() => go({ orgId: r.org!.id })}>{r.visits}</a> : r.visits,
    },
    { title: '企业(地点)', key: 'places', align: 'right', render: (_, r) => r.places },
    { title: '慰问职工', key: 'people', align: 'right', render: (_, r) => r.people },
    ...CAMPAIGN_GROUPS.map((g) => ({
      title: `其中${GROUP_LABELS[g]}`,
      key: g,
      align: 'right' as const,
      render: (_: unknown, r: TotalsRow) => r.groups[g],
    })),
    { title: '慰问金（元）', key: 'money', align: 'right', render: (_, r) => yuan(r.moneyFen) },
    { title: '物资折款（元）', key: 'goods', align: 'right', render: (_, r) => yuan(r.goodsValueFen) },
  ];
  const campaignColumns: ColumnsType<CampaignView> = [
    { title: '活动', key: 'name', render: (_, c) => c.name },
    { title: '组织单位', key: 'org', render: (_, c) => c.org.name },
    { title: '期间', key: 'period', render: (_, c) => `${c.startsOn} 至 ${c.endsOn}` },
    { title: '慰问次数', key: 'visits', align: 'right', render: (_, c) => c.totals.visits },
    { title: '慰问职工', key: 'people', align: 'right', render: (_, c) => c.totals.people },
    {
      title: '金额（元）',
      key: 'money',
      align: 'right',
      render: (_, c) => yuan(c.totals.moneyFen + c.totals.goodsValueFen),
    },
    ...(canRecord
      ? [
          {
            title: '',
            key: 'record',
            render: (_: unknown, c: CampaignView) => (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setRecording(c)}
                data-testid="delivery-new"
              >
                登记慰问
              </Button>
            ),
          },
        ]
      : []),
  ];
  const recordColumns: ColumnsType<CampaignVisitView> = [
    { title: '日期', key: 'day', width: 110, render: (_, v) => v.visitedOn },
    { title: '企业或地点', key: 'where', render: (_, v) => v.enterprise?.name ?? v.place },
    { title: '所属单位', key: 'org', render: (_, v) => v.orgName },
    { title: '活动', key: 'campaign', render: (_, v) => v.campaign.name },
    { title: '人数', key: 'people', align: 'right', render: (_, v) => v.people },
    {
      title: '按姓名',
      key: 'workers',
      render: (_, v) => v.workers.map((w) => w.name).join('、') || '—',
    },
    { title: '慰问金（元）', key: 'money', align: 'right', render: (_, v) => yuan(v.moneyFen) },
    {
      title: '物资',
      key: 'goods',
      render: (_, v) => (v.goods ? `${v.goods}（折 ${yuan(v.goodsValueFen)} 元）` : '—'),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, v) =>
        v.editable && (
          <Space size={4}>
            <a onClick={() => setEditing(v)}>更正</a>
            <Popconfirm
              title="删除这条慰问记录？"
              description="删除后汇总数相应减少，操作记入审计日志。"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutate(v)}
            >
              <a style={{ color: '#cf1322' }}>删除</a>
            </Popconfirm>
          </Space>
        ),
    },
  ];
  const editingCampaign = editing && campaigns.data?.items.find((c) => c.id === editing.campaign.id);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Segmented
            value={season}
            onChange={(s) => go({ season: String(s), orgId: undefined })}
            options={[
              { value: 'summer', label: '送清凉' },
              { value: 'winter', label: '送温暖' },
            ]}
            data-testid="campaign-season"
          />
          <Select
            value={year}
            onChange={(y: number) => go({ year: String(y), orgId: undefined })}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
              value: y,
              label: `${y} 年`,
            }))}
            style={{ width: 100 }}
          />
          {orgId && <a onClick={() => go({ orgId: undefined })}>返回本单位</a>}
          {totals.data && <Typography.Text type="secondary">{totals.data.org.name}</Typography.Text>}
          <Button
            icon={<DownloadOutlined />}
            href={`/api/service/campaigns/totals/export.xlsx${queryString({ season, year, orgId })}`}
            download
            data-testid="campaign-totals-export"
          >
            导出汇总表
          </Button>
          {runsHere && !ownCampaign && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              建立本单位{SEASON_LABELS[season]}活动
            </Button>
          )}
        </Space>
      </Card>
      {totals.isError && !totals.data ? (
        <ErrorResult error={totals.error} onRetry={() => void totals.refetch()} />
      ) : (
        <>
          {t && (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="慰问职工（人）" value={t.people} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="慰问企业(地点)" value={t.places} />
                  <Typography.Text type="secondary">慰问 {t.visits} 次</Typography.Text>
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="慰问金（元）" value={yuan(t.moneyFen)} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="物资折款（元）" value={yuan(t.goodsValueFen)} />
                </Card>
              </Col>
            </Row>
          )}
          <Card size="small" title={`${year} 年${SEASON_LABELS[season]}：各单位情况`}>
            <Table<TotalsRow>
              rowKey={(r) => r.org?.id ?? 'own'}
              size="small"
              columns={totalsColumns}
              dataSource={totals.data?.rows}
              loading={totals.isFetching}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: '本单位以下还没有这一季的活动' }}
              data-testid="campaign-totals"
            />
          </Card>
        </>
      )}
      <Card size="small" title="活动">
        <Table<CampaignView>
          rowKey="id"
          size="small"
          columns={campaignColumns}
          dataSource={campaigns.data?.items}
          loading={campaigns.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: `${year} 年还没有${SEASON_LABELS[season]}活动` }}
          data-testid="campaign-table"
        />
      </Card>
      <Card
        size="small"
        title="慰问记录"
        extra={
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`/api/service/campaign-visits/export.xlsx${queryString({ season, year, orgId, q })}`}
            download
          >
            导出
          </Button>
        }
      >
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder="企业或地点名称"
          onSearch={(value) => go({ q: value.trim() || undefined })}
          style={{ maxWidth: 280, marginBottom: 12 }}
        />
        <PagedTable<CampaignVisitView>
          list={records}
          paging={paging}
          rowKey="id"
          columns={recordColumns}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '还没有慰问记录' }}
          data-testid="delivery-table"
        />
      </Card>
      {creating && <CampaignModal season={season} year={year} onClose={() => setCreating(false)} />}
      <Suspense fallback={null}>
        {recording && <CampaignVisitModal campaign={recording} onClose={() => setRecording(null)} />}
        {editing && (
          <CampaignVisitModal
            campaign={
              editingCampaign ?? { ...editing.campaign, startsOn: '2000-01-01', endsOn: '2100-12-31' }
            }
            editing={editing}
            onClose={() => setEditing(null)}
          />
        )}
      </Suspense>
    </Space>
  );
}
