// The points of one item (积分记录): its events with what each unit and author received, voided
// ones struck through with the reason; editors record a higher outlet's adoption, a leader's
// instruction or a special reward, and void an event with a reason.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../web/api';
import { ADOPTION_KIND_LABELS } from '../contract';
import {
  HIGHER_OUTLETS,
  LEADER_LEVELS,
  LEADER_LEVEL_LABELS,
  OUTLET_LEVEL_LABELS,
  POINTS_REASON_LABELS,
  type PointsEventBody,
  type PointsEventView,
} from '../points-contract';
import { fetchPointsEvents, pointsKeys, recordPointsEvent, voidPointsEvent } from './points-api';
import { chinaToday } from '../../platform/shared/dates';

type Recording = 'outlet' | 'instruction' | 'special';

interface RecordForm {
  outletLevel?: (typeof HIGHER_OUTLETS)[number];
  outletName?: string;
  kind?: 'full' | 'brief';
  leaderLevel?: (typeof LEADER_LEVELS)[number];
  instructedBy?: string;
  points?: number | null;
  note?: string;
  occurredOn: Dayjs;
}

function bodyOf(reason: Recording, v: RecordForm): PointsEventBody {
  const occurredOn = v.occurredOn.format('YYYY-MM-DD');
  switch (reason) {
    case 'outlet':
      return {
        reason,
        outletLevel: v.outletLevel!,
        outletName: v.outletName ?? '',
        kind: v.kind ?? 'full',
        occurredOn,
        note: v.note ?? null,
      };
    case 'instruction':
      return {
        reason,
        leaderLevel: v.leaderLevel!,
        instructedBy: v.instructedBy ?? '',
        occurredOn,
        note: v.note ?? '',
      };
    case 'special':
      return { reason, points: v.points ?? undefined, occurredOn, note: v.note ?? '' };
  }
}

const TITLES: Record<Recording, string> = {
  outlet: '记录上级采用',
  instruction: '记录领导批示',
  special: '记录特别奖励',
};

function describe(e: PointsEventView): string {
  switch (e.reason) {
    case 'adoption':
      return `《工作动态》${e.kind ? ADOPTION_KIND_LABELS[e.kind] : ''}`;
    case 'outlet':
      return `${e.levelLabel ?? ''}：${e.outletName ?? ''}${e.kind ? `（${ADOPTION_KIND_LABELS[e.kind]}）` : ''}`;
    case 'instruction':
      return `${e.levelLabel ?? ''}${e.instructedBy ?? ''}批示：${e.note ?? ''}`;
    case 'special':
      return e.note ?? '';
  }
}

/** The points panel of an item, for the item's detail view. */
export function PointsPanel({ submissionId }: { submissionId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState<Recording | null>(null);
  const [voiding, setVoiding] = useState<PointsEventView | null>(null);
  const [form] = Form.useForm<RecordForm>();
  const [voidForm] = Form.useForm<{ reason: string }>();
  const events = useQuery({
    queryKey: pointsKeys.events(submissionId),
    queryFn: () => fetchPointsEvents(submissionId),
  });
  const done = (text: string) => (list: Awaited<ReturnType<typeof fetchPointsEvents>>) => {
    queryClient.setQueryData(pointsKeys.events(submissionId), list);
    void queryClient.invalidateQueries({ queryKey: pointsKeys.allRankings });
    void message.success(text);
  };
  const record = useMutation({
    mutationFn: (v: { reason: Recording; values: RecordForm }) =>
      recordPointsEvent(submissionId, bodyOf(v.reason, v.values)),
    onSuccess: (list) => {
      done('已记录')(list);
      setRecording(null);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const voidIt = useMutation({
    mutationFn: (v: { eventId: string; reason: string }) =>
      voidPointsEvent(submissionId, v.eventId, v.reason),
    onSuccess: (list) => {
      done('已作废')(list);
      setVoiding(null);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const data = events.data;
  const columns: ColumnsType<PointsEventView> = [
    { title: '日期', dataIndex: 'occurredOn', width: 110 },
    {
      title: '事项',
      key: 'what',
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Space>
            <Tag color={e.voided ? 'default' : 'red'}>{POINTS_REASON_LABELS[e.reason]}</Tag>
            <Typography.Text delete={e.voided}>{describe(e)}</Typography.Text>
          </Space>
          {e.voided && <Typography.Text type="secondary">已作废：{e.voidReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '得分',
      key: 'credits',
      render: (_, e) => (
        <Typography.Text type={e.voided ? 'secondary' : undefined} delete={e.voided}>
          {e.credits.map((c) => `${c.author ?? c.org.name} ${c.points}`).join('；')}
        </Typography.Text>
      ),
    },
    {
      title: '分值',
      dataIndex: 'points',
      width: 72,
      align: 'right',
    },
    ...(data?.canEdit
      ? [
          {
            title: '',
            key: 'void',
            width: 72,
            render: (_: unknown, e: PointsEventView) =>
              e.voided ? null : (
                <Button
                  type="link"
                  danger
                  size="small"
                  onClick={() => {
                    voidForm.resetFields();
                    setVoiding(e);
                  }}
                >
                  作废
                </Button>
              ),
          },
        ]
      : []),
  ];

  const open = (reason: Recording) => {
    form.resetFields();
    form.setFieldsValue({ occurredOn: dayjs(chinaToday()), kind: 'full' });
    setRecording(reason);
  };

  return (
    <Card
      size="small"
      title={`积分记录${data ? `（合计 ${data.total} 分）` : ''}`}
      data-testid="points-panel"
      extra={
        data?.canEdit && (
          <Space size={4} wrap>
            <Button size="small" onClick={() => open('outlet')} data-testid="points-record-outlet">
              上级采用
            </Button>
            <Button size="small" onClick={() => open('instruction')}>
              领导批示
            </Button>
            <Button size="small" onClick={() => open('special')}>
              特别奖励
            </Button>
          </Space>
        )
      }
    >
      {events.isError ? (
        <Typography.Text type="danger">{errorMessage(events.error)}</Typography.Text>
      ) : (
        <Table<PointsEventView>
          size="small"
          rowKey="id"
          loading={events.isPending}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无积分（采用后自动计分）" />
            ),
          }}
        />
      )}
      <Modal
        open={recording !== null}
        title={recording ? TITLES[recording] : ''}
        okText="记录"
        confirmLoading={record.isPending}
        onCancel={() => setRecording(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((values) => recording && record.mutate({ reason: recording, values }))
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          {recording === 'outlet' && (
            <>
              <Form.Item
                name="outletLevel"
                label="采用级别"
                rules={[{ required: true, message: '请选择采用级别' }]}
              >
                <Select options={HIGHER_OUTLETS.map((l) => ({ value: l, label: OUTLET_LEVEL_LABELS[l] }))} />
              </Form.Item>
              <Form.Item
                name="outletName"
                label="采用刊物或单位"
                rules={[{ required: true, whitespace: true, message: '请填写采用刊物或单位' }]}
              >
                <Input maxLength={100} placeholder="如：江苏工人报、省总工会《工作简报》" />
              </Form.Item>
              <Form.Item name="kind" label="采用方式">
                <Select
                  options={(['full', 'brief'] as const).map((k) => ({
                    value: k,
                    label: ADOPTION_KIND_LABELS[k],
                  }))}
                />
              </Form.Item>
            </>
          )}
          {recording === 'instruction' && (
            <>
              <Form.Item
                name="leaderLevel"
                label="领导级别"
                rules={[{ required: true, message: '请选择领导级别' }]}
              >
                <Select options={LEADER_LEVELS.map((l) => ({ value: l, label: LEADER_LEVEL_LABELS[l] }))} />
              </Form.Item>
              <Form.Item
                name="instructedBy"
                label="批示领导"
                rules={[{ required: true, whitespace: true, message: '请填写批示领导' }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
          {recording === 'special' && (
            <Form.Item name="points" label="奖励分（不填按规则默认）">
              <InputNumber min={0} max={10000} precision={2} style={{ width: 140 }} addonAfter="分" />
            </Form.Item>
          )}
          <Form.Item name="occurredOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item
            name="note"
            label={recording === 'instruction' ? '批示内容' : recording === 'special' ? '奖励说明' : '备注'}
            rules={
              recording === 'outlet' ? [] : [{ required: true, whitespace: true, message: '请填写内容' }]
            }
          >
            <Input.TextArea rows={3} maxLength={recording === 'instruction' ? 2000 : 500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={voiding !== null}
        title="作废积分"
        okText="作废"
        okButtonProps={{ danger: true }}
        confirmLoading={voidIt.isPending}
        onCancel={() => setVoiding(null)}
        onOk={() =>
          void voidForm
            .validateFields()
            .then((v) => voiding && voidIt.mutate({ eventId: voiding.id, reason: v.reason }))
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          作废后该事项的积分不再计入排名，记录保留备查。
        </Typography.Paragraph>
        <Form form={voidForm} layout="vertical" requiredMark={false}>
          <Form.Item
            name="reason"
            label="作废原因"
            rules={[{ required: true, whitespace: true, message: '请填写作废原因' }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
