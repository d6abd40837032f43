// Labour competitions (`/competitions/campaigns`): the competitions the user sees (its own
// subtree's and those of the units above it), filtered by kind, year, state and name, paged;
// starting a new one; from the home page, a hint of what waits (values to report or to check).
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { FilterSelect } from '../../../web/components/filter-select';
import { PagedTable } from '../../../web/components/paged-table';
import { useListParams } from '../../../web/components/list-params';
import { showFormError } from '../../../web/form-errors';
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_KINDS,
  CAMPAIGN_LEVEL_LABELS,
  CAMPAIGN_STATE_LABELS,
  CAMPAIGN_STATES,
  CYCLE_LABELS,
  CYCLES,
  type CampaignKind,
  type CampaignState,
  type CampaignView,
  type Cycle,
} from '../contract';
import { campaignKeys, createCampaign, fetchCampaigns } from './campaigns-api';

interface NewForm {
  name?: string;
  kind?: CampaignKind;
  partners?: string[];
  span?: [Dayjs, Dayjs];
  cycle?: Cycle;
  description?: string;
}

function NewCampaignModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewForm>();
  const save = useMutation({
    mutationFn: (v: NewForm) =>
      createCampaign({
        name: v.name ?? '',
        kind: v.kind ?? 'labour',
        partners: v.partners ?? [],
        startsOn: v.span?.[0].format('YYYY-MM-DD') ?? '',
        endsOn: v.span?.[1].format('YYYY-MM-DD') ?? '',
        cycle: v.cycle ?? 'quarter',
        description: v.description ?? null,
      }),
    onSuccess: async (created) => {
      void message.success('竞赛已创建，请设置参赛单位、参赛对象和指标');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      navigate(`/competitions/campaigns/${created.id}`);
    },
    onError: (error) =>
      showFormError(form, error, message, ['name', 'kind', 'partners', 'span', 'cycle', 'description'], {
        startsOn: 'span',
        endsOn: 'span',
      }),
  });
  return (
    <Modal
      open
      title="发起劳动竞赛"
      okText="创建"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<NewForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'labour', cycle: 'quarter' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label="竞赛名称"
          rules={[{ required: true, whitespace: true, message: '请填写竞赛名称' }]}
        >
          <Input maxLength={100} placeholder="如：2026年招商引资劳动竞赛" />
        </Form.Item>
        <Form.Item name="kind" label="竞赛类别" rules={[{ required: true, message: '请选择竞赛类别' }]}>
          <Select options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          name="partners"
          label="合作主办单位"
          extra="本单位为主办单位；可填写联合主办的部门，如区商务局"
        >
          <Select mode="tags" placeholder="输入单位名称后回车" tokenSeparators={['，', ',', '、']} />
        </Form.Item>
        <Form.Item name="span" label="竞赛期间" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="cycle" label="填报周期" rules={[{ required: true, message: '请选择填报周期' }]}>
          <Select options={CYCLES.map((c) => ({ value: c, label: CYCLE_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="description" label="竞赛说明">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CampaignsPage() {
  const [creating, setCreating] = useState(false);
  const { get, page, pageSize, set, paging } = useListParams();
  const year = Number(get('year')) || undefined;
  const query = {
    kind: get('kind') as CampaignKind | undefined,
    state: get('state') as CampaignState | undefined,
    year,
    q: get('q'),
    page,
    pageSize,
  };
  const waiting = get('waiting');
  const list = useQuery({
    queryKey: campaignKeys.list(query),
    queryFn: () => fetchCampaigns(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<CampaignView> = [
    {
      title: '竞赛名称',
      key: 'name',
      render: (_, c) => (
        <Link
          to={`/competitions/campaigns/${c.id}${waiting ? '?tab=values' : ''}`}
          data-testid="campaign-open"
        >
          {c.name}
        </Link>
      ),
    },
    { title: '类别', key: 'kind', render: (_, c) => CAMPAIGN_KIND_LABELS[c.kind] },
    { title: '级别', key: 'level', render: (_, c) => CAMPAIGN_LEVEL_LABELS[c.level] },
    {
      title: '主办单位',
      key: 'owner',
      render: (_, c) => [c.owner.name, ...c.partners].join('、'),
    },
    { title: '竞赛期间', key: 'span', render: (_, c) => `${c.startsOn} 至 ${c.endsOn}` },
    { title: '参赛单位', dataIndex: 'units', align: 'right' },
    { title: '参赛对象', dataIndex: 'participants', align: 'right' },
    {
      title: '状态',
      key: 'state',
      render: (_, c) => (
        <Space size={4}>
          <Tag color={c.state === 'active' ? 'green' : 'default'}>{CAMPAIGN_STATE_LABELS[c.state]}</Tag>
          {c.manages && <Tag color="red">主办</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title="劳动竞赛"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="campaign-new"
        >
          发起竞赛
        </Button>
      }
    >
      {waiting && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          closable
          onClose={() => set({ waiting: undefined }, true)}
          message={
            waiting === 'check'
              ? '有参赛单位填报的数据待您核实：请打开您主办的竞赛，在“填报与核实”中逐条核实或退回。'
              : '有竞赛指标待本单位填报：请打开竞赛，在“填报与核实”中为本单位的参赛对象填报各期数值。'
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          placeholder="全部类别"
          value={query.kind}
          onChange={(kind) => set({ kind })}
          options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }))}
          minWidth={120}
        />
        <FilterSelect
          placeholder="全部状态"
          value={query.state}
          onChange={(state) => set({ state })}
          options={CAMPAIGN_STATES.map((s) => ({ value: s, label: CAMPAIGN_STATE_LABELS[s] }))}
          minWidth={110}
        />
        <InputNumber
          placeholder="年份"
          min={1900}
          max={2100}
          value={year}
          onChange={(v) => set({ year: v ? String(v) : undefined })}
          style={{ width: 110 }}
          data-testid="campaign-year"
        />
        <Input.Search
          allowClear
          defaultValue={query.q}
          placeholder="竞赛名称"
          onSearch={(value) => set({ q: value.trim() || undefined })}
          style={{ maxWidth: 220 }}
        />
      </Space>
      <PagedTable<CampaignView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 960 }}
        locale={{ emptyText: '没有符合条件的劳动竞赛' }}
        data-testid="campaign-table"
      />
      {creating && <NewCampaignModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
