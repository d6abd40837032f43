// Reporting and checking values (填报与核实). The reporting form is one column, usable on a
// phone 390 px wide: the participant of my unit, the indicator, the period (those begun), the
// value as exact text and a note. A returned value is reported again from its row. The organiser
// accepts or returns each reported value (a reason is required to return).
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../web/api';
import { FilterSelect } from '../../../web/components/filter-select';
import { PagedTable } from '../../../web/components/paged-table';
import { useListParams } from '../../../web/components/list-params';
import { showFormError } from '../../../web/form-errors';
import { zodRule } from '../../../web/zod-rule';
import { chinaMinute, chinaToday } from '../../../platform/shared/dates';
import {
  DecimalText,
  VALUE_EVENT_LABELS,
  VALUE_STATE_LABELS,
  VALUE_STATES,
  type CampaignDetail,
  type ValueState,
  type ValueView,
} from '../contract';
import { acceptValue, campaignKeys, fetchValues, reportValue, returnValue } from './campaigns-api';

const STATE_COLORS: Record<ValueState, string> = { reported: 'blue', accepted: 'green', returned: 'orange' };

const DecimalRule = zodRule(DecimalText);

interface ReportForm {
  participantId?: string;
  indicatorId?: string;
  period?: string;
  value?: string;
  note?: string;
}

/** The reporting form; `again` is a returned (or not yet checked) value being reported again. */
function ReportCard({
  campaign,
  again,
  onDone,
}: {
  campaign: CampaignDetail;
  again: ValueView | null;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportForm>();
  const today = chinaToday();
  const mine = campaign.participantList.filter((p) => p.reportable);
  const save = useMutation({
    mutationFn: (v: ReportForm) =>
      reportValue(campaign.id, {
        participantId: v.participantId ?? '',
        indicatorId: v.indicatorId ?? '',
        period: v.period ?? '',
        value: (v.value ?? '').trim(),
        note: v.note ?? null,
        version: again?.version ?? null,
      }),
    onSuccess: async () => {
      void message.success('已填报，待主办单位核实');
      form.setFieldsValue({ value: undefined, note: undefined });
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onDone();
    },
    onError: (error) => {
      showFormError(form, error, message, ['participantId', 'indicatorId', 'period', 'value', 'note']);
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
  if (!mine.length) return null;
  return (
    <Card
      size="small"
      title={
        again
          ? `重新填报：${again.participant.name} · ${again.indicator.name} · ${again.periodLabel}`
          : '填报数据'
      }
      style={{ maxWidth: 480, marginBottom: 16 }}
    >
      {again?.returnReason && (
        <Typography.Paragraph type="warning">退回原因：{again.returnReason}</Typography.Paragraph>
      )}
      <Form<ReportForm>
        key={again?.id ?? 'new'}
        form={form}
        layout="vertical"
        initialValues={
          again
            ? {
                participantId: again.participant.id,
                indicatorId: again.indicator.id,
                period: again.period,
                value: again.value,
                note: again.note ?? undefined,
              }
            : { participantId: mine.length === 1 ? mine[0]!.id : undefined }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="participantId"
          label="参赛对象"
          rules={[{ required: true, message: '请选择参赛对象' }]}
        >
          <Select
            disabled={!!again}
            options={mine.map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}）` }))}
            data-testid="report-participant"
          />
        </Form.Item>
        <Form.Item name="indicatorId" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select
            disabled={!!again}
            options={campaign.indicators.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))}
            data-testid="report-indicator"
          />
        </Form.Item>
        <Form.Item name="period" label="填报期" rules={[{ required: true, message: '请选择填报期' }]}>
          <Select
            disabled={!!again}
            options={campaign.periods
              .filter((p) => p.startsOn <= today)
              .map((p) => ({ value: p.period, label: p.label }))}
            data-testid="report-period"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label="数值"
          rules={[{ required: true, whitespace: true, message: '请填写数值' }, DecimalRule]}
        >
          <Input inputMode="decimal" placeholder="如 32.27" maxLength={24} data-testid="report-value" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="report-submit">
            提交
          </Button>
          {again && <Button onClick={onDone}>取消</Button>}
        </Space>
      </Form>
    </Card>
  );
}

function ReturnModal({
  campaign,
  value,
  onClose,
}: {
  campaign: CampaignDetail;
  value: ValueView;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const save = useMutation({
    mutationFn: (v: { reason?: string }) => returnValue(campaign.id, value.id, value.version, v.reason ?? ''),
    onSuccess: async () => {
      void message.success('已退回');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
    },
    onError: (error) => {
      showFormError(form, error, message, ['reason']);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
  return (
    <Modal
      open
      title={`退回：${value.participant.name} · ${value.indicator.name}`}
      okText="退回"
      okButtonProps={{ danger: true }}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="reason"
          label="退回原因"
          rules={[{ required: true, whitespace: true, message: '请写明退回原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ValuesTab({ campaign }: { campaign: CampaignDetail }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { get, page, pageSize, set, paging } = useListParams('values');
  const [again, setAgain] = useState<ValueView | null>(null);
  const [returning, setReturning] = useState<ValueView | null>(null);
  const query = {
    period: get('period'),
    indicatorId: get('indicatorId'),
    state: get('state') as ValueState | undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: campaignKeys.values(campaign.id, query),
    queryFn: () => fetchValues(campaign.id, query),
    placeholderData: keepPreviousData,
  });
  const accept = useMutation({
    mutationFn: (v: ValueView) => acceptValue(campaign.id, v.id, v.version),
    onSuccess: async () => {
      void message.success('已核实');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
    onError: (error) => {
      void message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
  const columns: ColumnsType<ValueView> = [
    { title: '填报期', dataIndex: 'periodLabel' },
    { title: '参赛对象', key: 'participant', render: (_, v) => v.participant.name },
    { title: '参赛单位', key: 'org', render: (_, v) => v.org.name },
    { title: '指标', key: 'indicator', render: (_, v) => v.indicator.name },
    { title: '数值', key: 'value', align: 'right', render: (_, v) => `${v.value} ${v.indicator.unit}` },
    {
      title: '状态',
      key: 'state',
      render: (_, v) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATE_COLORS[v.state]}>{VALUE_STATE_LABELS[v.state]}</Tag>
          {v.returnReason && <Typography.Text type="warning">{v.returnReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '来源',
      key: 'source',
      render: (_, v) =>
        v.source ? (
          <Link to={`/bulletin/submissions/${v.source.itemId}`}>工作动态：{v.source.raw}</Link>
        ) : (
          `${v.reportedBy.name}填报`
        ),
    },
    { title: '核实人', key: 'checkedBy', render: (_, v) => v.checkedBy?.name ?? '—' },
    {
      title: '操作',
      key: 'ops',
      render: (_, v) => (
        <Space wrap size={4}>
          {v.actions.includes('accept') && (
            <a
              onClick={() =>
                void modal.confirm({
                  title: `核实 ${v.participant.name} ${v.periodLabel} 的“${v.indicator.name}”为 ${v.value} ${v.indicator.unit}？`,
                  content: '核实后计入汇总，不能再修改。',
                  okText: '核实',
                  cancelText: '取消',
                  onOk: () => accept.mutateAsync(v),
                })
              }
              data-testid="value-accept"
            >
              核实
            </a>
          )}
          {v.actions.includes('return') && (
            <a onClick={() => setReturning(v)} data-testid="value-return">
              退回
            </a>
          )}
          {v.actions.includes('report') && (
            <a onClick={() => setAgain(v)} data-testid="value-report">
              {v.state === 'returned' ? '重新填报' : '修改'}
            </a>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      {campaign.state === 'active' && (
        <ReportCard campaign={campaign} again={again} onDone={() => setAgain(null)} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          placeholder="全部填报期"
          value={query.period}
          onChange={(period) => set({ period })}
          options={campaign.periods.map((p) => ({ value: p.period, label: p.label }))}
          minWidth={140}
        />
        <FilterSelect
          placeholder="全部指标"
          value={query.indicatorId}
          onChange={(indicatorId) => set({ indicatorId })}
          options={campaign.indicators.map((i) => ({ value: i.id, label: i.name }))}
          minWidth={140}
        />
        <FilterSelect
          placeholder="全部状态"
          value={query.state}
          onChange={(state) => set({ state })}
          options={VALUE_STATES.map((s) => ({ value: s, label: VALUE_STATE_LABELS[s] }))}
          minWidth={110}
        />
      </Space>
      <PagedTable<ValueView>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 960 }}
        locale={{ emptyText: '没有符合条件的填报数据' }}
        data-testid="value-table"
        expandable={{
          expandedRowRender: (v) => (
            <Timeline
              style={{ marginTop: 8, marginBottom: -16 }}
              items={v.trail.map((e) => ({
                color:
                  e.kind === 'returned'
                    ? 'orange'
                    : e.kind === 'accepted' || e.kind === 'fromBulletin'
                      ? 'green'
                      : 'blue',
                children: `${chinaMinute(new Date(e.at))} ${e.actor.name}${VALUE_EVENT_LABELS[e.kind]}${
                  e.value === null ? '' : ` ${e.value} ${v.indicator.unit}`
                }${e.text ? `：${e.text}` : ''}`,
              }))}
            />
          ),
        }}
      />
      {returning && <ReturnModal campaign={campaign} value={returning} onClose={() => setReturning(null)} />}
    </>
  );
}
