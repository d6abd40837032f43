// The organiser's tabs of a competition: its particulars, participating units and participants,
// indicators and commendation. Each change answers with the whole competition, which replaces the
// cached one; a stale version reloads it with a message.
import { useMemo, useState } from 'react';
import {
  App,
  AutoComplete,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  TreeSelect,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { useHostOrgs } from '../../../enterprises/web/org-pickers';
import { EnterpriseSearch } from '../../../enterprises/web/enterprise-search';
import { useAuth } from '../../../web/auth';
import { chinaToday } from '../../../platform/shared/dates';
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_KINDS,
  COMMENDATION_KIND_LABELS,
  COMMENDATION_KINDS,
  COMMON_UNITS,
  CYCLE_LABELS,
  CYCLES,
  PARTICIPANT_KIND_LABELS,
  PARTICIPANT_KINDS,
  ROLLUP_LABELS,
  ROLLUPS,
  type CampaignDetail,
  type CampaignKind,
  type CommendationKind,
  type Cycle,
  type ParticipantKind,
  type Rollup,
} from '../contract';
import {
  addCommendation,
  addIndicator,
  addParticipant,
  campaignKeys,
  removeCommendation,
  removeIndicator,
  removeParticipant,
  setUnits,
  updateCampaign,
} from './campaigns-api';

/** A change of the competition: the answer replaces the cached one; failures go to the form. */
function useCampaignChange<V>(
  campaign: CampaignDetail,
  run: (v: V) => Promise<CampaignDetail>,
  options: { form?: FormInstance; fields?: string[]; done?: string; after?: () => void } = {},
) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      queryClient.setQueryData(campaignKeys.one(campaign.id), updated);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      if (options.done) void message.success(options.done);
      options.form?.resetFields();
      options.after?.();
    },
    onError: (error) => {
      if (options.form && options.fields) showFormError(options.form, error, message, options.fields);
      else void message.error(errorMessage(error));
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: campaignKeys.one(campaign.id) });
    },
  });
}

interface EditForm {
  name: string;
  kind: CampaignKind;
  partners: string[];
  span: [Dayjs, Dayjs];
  cycle: Cycle;
  description?: string;
}

export function EditCampaignModal({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const save = useCampaignChange(
    campaign,
    (v: EditForm) =>
      updateCampaign(campaign.id, {
        version: campaign.version,
        name: v.name,
        kind: v.kind,
        partners: v.partners,
        startsOn: v.span[0].format('YYYY-MM-DD'),
        endsOn: v.span[1].format('YYYY-MM-DD'),
        cycle: v.cycle,
        description: v.description ?? null,
      }),
    { form, fields: ['name', 'kind', 'partners', 'cycle', 'description'], done: '已保存', after: onClose },
  );
  return (
    <Modal
      open
      title="修改竞赛"
      okText="保存"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{
          name: campaign.name,
          kind: campaign.kind,
          partners: campaign.partners,
          span: [dayjs(campaign.startsOn), dayjs(campaign.endsOn)],
          cycle: campaign.cycle,
          description: campaign.description ?? undefined,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label="竞赛名称"
          rules={[{ required: true, whitespace: true, message: '请填写竞赛名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="竞赛类别">
          <Select options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="partners" label="合作主办单位">
          <Select mode="tags" tokenSeparators={['，', ',', '、']} />
        </Form.Item>
        <Form.Item name="span" label="竞赛期间" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="cycle" label="填报周期" extra="已有填报数据后不能修改">
          <Select options={CYCLES.map((c) => ({ value: c, label: CYCLE_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="description" label="竞赛说明">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnitsEditor({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const hosts = useHostOrgs();
  const [chosen, setChosen] = useState<string[]>(campaign.unitList.map((u) => u.id));
  const save = useCampaignChange(campaign, () => setUnits(campaign.id, campaign.version, chosen), {
    done: '参赛单位已保存',
    after: onClose,
  });
  const tree = useMemo(() => {
    const orgs = hosts.data ?? [];
    type Node = { value: string; title: string; children: Node[] };
    const nodes = new Map<string, Node>(
      orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] }]),
    );
    const roots: Node[] = [];
    for (const o of orgs) {
      const parent = o.parentId ? nodes.get(o.parentId) : undefined;
      if (parent) parent.children.push(nodes.get(o.id)!);
      else roots.push(nodes.get(o.id)!);
    }
    return roots;
  }, [hosts.data]);
  return (
    <Modal
      open
      title="设置参赛单位"
      okText="保存"
      onCancel={onClose}
      onOk={() => save.mutate(undefined)}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">
        参赛单位须是主办单位本级或下级的组织；已有参赛对象的单位不能移除。
      </Typography.Paragraph>
      <TreeSelect
        multiple
        treeCheckable
        treeCheckStrictly={false}
        showCheckedStrategy={TreeSelect.SHOW_ALL}
        value={chosen}
        onChange={(v: string[]) => setChosen(v)}
        treeData={tree}
        loading={hosts.isFetching}
        showSearch
        treeNodeFilterProp="title"
        placeholder="选择参赛单位"
        style={{ width: '100%' }}
        data-testid="units-select"
      />
    </Modal>
  );
}

interface ParticipantForm {
  kind: ParticipantKind;
  name?: string;
  orgId?: string;
  enterpriseId?: string;
}

export function UnitsTab({ campaign }: { campaign: CampaignDetail }) {
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<ParticipantForm>();
  const add = useCampaignChange(
    campaign,
    (v: ParticipantForm) =>
      addParticipant(campaign.id, {
        kind: v.kind,
        name: v.name ?? '',
        orgId: v.orgId ?? '',
        enterpriseId: v.enterpriseId ?? null,
      }),
    { form, fields: ['kind', 'name', 'orgId', 'enterpriseId'], done: '已添加参赛对象' },
  );
  const remove = useCampaignChange(campaign, (childId: string) =>
    removeParticipant(campaign.id, childId, campaign.version),
  );
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          参赛单位（{campaign.unitList.length}）
        </Typography.Title>
        {campaign.manages && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="units-edit">
            设置参赛单位
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={campaign.unitList}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未设置参赛单位' }}
        columns={[
          { title: '参赛单位', dataIndex: 'name' },
          { title: '所属区（县级市）', dataIndex: 'district' },
        ]}
      />
      <Typography.Title level={5}>参赛对象（{campaign.participantList.length}）</Typography.Title>
      {campaign.manages && campaign.unitList.length > 0 && (
        <Form<ParticipantForm>
          form={form}
          layout="inline"
          initialValues={{ kind: 'project' }}
          onFinish={(v) => add.mutate(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 130 }}
              options={PARTICIPANT_KINDS.map((k) => ({ value: k, label: PARTICIPANT_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input placeholder="项目、班组名称或姓名" maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="orgId" rules={[{ required: true, message: '请选择所属参赛单位' }]}>
            <Select
              placeholder="所属参赛单位"
              style={{ width: 200 }}
              options={campaign.unitList.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          {can('enterprise:read') && (
            <Form.Item name="enterpriseId" style={{ minWidth: 240 }}>
              <EnterpriseSearch notFound="没有找到企业（所在企业可不填）" testId="participant-enterprise" />
            </Form.Item>
          )}
          <Button
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="participant-add"
          >
            添加
          </Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={campaign.participantList}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        locale={{ emptyText: '尚无参赛对象' }}
        columns={[
          { title: '参赛对象', dataIndex: 'name' },
          { title: '类别', key: 'kind', render: (_, p) => PARTICIPANT_KIND_LABELS[p.kind] },
          { title: '参赛单位', key: 'org', render: (_, p) => p.org.name },
          { title: '所在企业', key: 'enterprise', render: (_, p) => p.enterprise?.name ?? '—' },
          ...(campaign.manages
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  render: (_: unknown, p: CampaignDetail['participantList'][number]) => (
                    <Popconfirm
                      title={`确定删除参赛对象“${p.name}”吗？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => remove.mutate(p.id)}
                    >
                      <a>删除</a>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <UnitsEditor campaign={campaign} onClose={() => setEditing(false)} />}
    </>
  );
}

interface IndicatorForm {
  name?: string;
  unit?: string;
  decimals: number;
  rollup: Rollup;
}

export function IndicatorsTab({ campaign }: { campaign: CampaignDetail }) {
  const [form] = Form.useForm<IndicatorForm>();
  const add = useCampaignChange(
    campaign,
    (v: IndicatorForm) =>
      addIndicator(campaign.id, {
        name: v.name ?? '',
        unit: v.unit ?? '',
        decimals: v.decimals,
        rollup: v.rollup,
      }),
    { form, fields: ['name', 'unit', 'decimals', 'rollup'], done: '已添加指标' },
  );
  const remove = useCampaignChange(campaign, (childId: string) =>
    removeIndicator(campaign.id, childId, campaign.version),
  );
  return (
    <>
      {campaign.manages && (
        <Form<IndicatorForm>
          form={form}
          layout="inline"
          initialValues={{ decimals: 0, rollup: 'sum' }}
          onFinish={(v) => add.mutate(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
            <Input placeholder="指标名称，如：签约项目" maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="unit" rules={[{ required: true, whitespace: true, message: '请填写计量单位' }]}>
            <AutoComplete
              placeholder="计量单位"
              style={{ width: 120 }}
              options={COMMON_UNITS.map((u) => ({ value: u }))}
            />
          </Form.Item>
          <Form.Item name="decimals" label="小数位">
            <InputNumber min={0} max={6} precision={0} style={{ width: 70 }} />
          </Form.Item>
          <Form.Item name="rollup">
            <Select
              style={{ width: 210 }}
              options={ROLLUPS.map((r) => ({ value: r, label: ROLLUP_LABELS[r] }))}
            />
          </Form.Item>
          <Button
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="indicator-add"
          >
            添加指标
          </Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={campaign.indicators}
        pagination={false}
        locale={{ emptyText: '尚未设置指标' }}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '计量单位', dataIndex: 'unit' },
          { title: '小数位', dataIndex: 'decimals', align: 'right' },
          { title: '汇总方式', key: 'rollup', render: (_, i) => ROLLUP_LABELS[i.rollup] },
          ...(campaign.manages
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  render: (_: unknown, i: CampaignDetail['indicators'][number]) => (
                    <Popconfirm
                      title={`确定删除指标“${i.name}”吗？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => remove.mutate(i.id)}
                    >
                      <a>删除</a>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

interface CommendationForm {
  kind: CommendationKind;
  name?: string;
  title?: string;
  orgId?: string;
  participantId?: string;
  awardedOn: Dayjs;
}

export function CommendationsTab({ campaign }: { campaign: CampaignDetail }) {
  const [form] = Form.useForm<CommendationForm>();
  const add = useCampaignChange(
    campaign,
    (v: CommendationForm) =>
      addCommendation(campaign.id, {
        kind: v.kind,
        name: v.name ?? '',
        title: v.title ?? '',
        orgId: v.orgId ?? '',
        participantId: v.participantId ?? null,
        awardedOn: v.awardedOn.format('YYYY-MM-DD'),
      }),
    { form, fields: ['kind', 'name', 'title', 'orgId', 'participantId', 'awardedOn'], done: '已记录表彰' },
  );
  const remove = useCampaignChange(campaign, (childId: string) =>
    removeCommendation(campaign.id, childId, campaign.version),
  );
  const units = [{ id: campaign.owner.id, name: campaign.owner.name }, ...campaign.unitList];
  return (
    <>
      {campaign.manages && (
        <Form<CommendationForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'individual', awardedOn: dayjs(chinaToday()) }}
          onFinish={(v) => add.mutate(v)}
          style={{ maxWidth: 560, marginBottom: 16 }}
        >
          <Space wrap align="start">
            <Form.Item name="kind" label="类别">
              <Select
                style={{ width: 120 }}
                options={COMMENDATION_KINDS.map((k) => ({ value: k, label: COMMENDATION_KIND_LABELS[k] }))}
              />
            </Form.Item>
            <Form.Item
              name="name"
              label="姓名或集体名称"
              rules={[{ required: true, whitespace: true, message: '请填写姓名或名称' }]}
            >
              <Input maxLength={100} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="title"
              label="荣誉称号"
              rules={[{ required: true, whitespace: true, message: '请填写荣誉称号' }]}
            >
              <Input maxLength={60} placeholder="如：招商引资先进个人" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="orgId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
              <Select style={{ width: 200 }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="participantId" label="对应参赛对象">
              <Select
                allowClear
                style={{ width: 200 }}
                options={campaign.participantList.map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item
              name="awardedOn"
              label="表彰日期"
              rules={[{ required: true, message: '请选择表彰日期' }]}
            >
              <DatePicker />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="commendation-add">
            记录表彰
          </Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={campaign.commendations}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        locale={{ emptyText: '尚未记录表彰' }}
        columns={[
          { title: '类别', key: 'kind', render: (_, c) => COMMENDATION_KIND_LABELS[c.kind] },
          { title: '姓名或名称', dataIndex: 'name' },
          { title: '荣誉称号', dataIndex: 'title' },
          { title: '所在单位', key: 'org', render: (_, c) => c.org.name },
          { title: '表彰日期', dataIndex: 'awardedOn' },
          ...(campaign.manages
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  render: (_: unknown, c: CampaignDetail['commendations'][number]) => (
                    <Popconfirm
                      title={`确定撤销对“${c.name}”的表彰记录吗？`}
                      okText="撤销"
                      cancelText="取消"
                      onConfirm={() => remove.mutate(c.id)}
                    >
                      <a>撤销</a>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
