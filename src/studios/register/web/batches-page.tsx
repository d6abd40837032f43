// The batches of designation (`/studios/batches`): every batch with the count of the reader's
// studios in it; the city's studio staff open and change batches. A batch opens in a drawer with
// its studios and, for the city, the approved applications of its level, designated into it with
// a confirmation.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorMessage, STALE_MESSAGE } from '../../../web/api';
import { useAuth } from '../../../web/auth';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { showFormError } from '../../../web/form-errors';
import { chinaToday } from '../../../platform/shared/dates';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_LEVELS,
  type BatchView,
  type StudioLevel,
  type StudioView,
} from '../contract';
import { createBatch, fetchBatch, fetchBatches, studioKeys, takeStep, updateBatch } from './studios-api';
import { LevelTag } from './studio-format';

interface BatchForm {
  year: number;
  name: string;
  level: StudioLevel;
  awardingBody: string;
  plaqueOn: Dayjs;
  ceremony?: string;
}

const FIELDS = ['year', 'name', 'level', 'awardingBody', 'plaqueOn', 'ceremony'];

function BatchModal({ batch, onClose }: { batch?: BatchView; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BatchForm>();
  const save = useMutation({
    mutationFn: (v: BatchForm) => {
      const body = {
        year: v.year,
        name: v.name,
        level: v.level,
        awardingBody: v.awardingBody,
        plaqueOn: v.plaqueOn.format('YYYY-MM-DD'),
        ceremony: v.ceremony || null,
      };
      return batch ? updateBatch(batch.id, { ...body, version: batch.version }) : createBatch(body);
    },
    onSuccess: async () => {
      void message.success(batch ? '命名批次已修改' : '命名批次已设立');
      await queryClient.invalidateQueries({ queryKey: studioKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: studioKeys.all });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS);
    },
  });
  const year = Number(chinaToday().slice(0, 4));
  const required = (text: string) => [{ required: true, message: text }];
  return (
    <Modal
      open
      title={batch ? '修改命名批次' : '设立命名批次'}
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(560, window.innerWidth)}
    >
      <Form<BatchForm>
        form={form}
        layout="vertical"
        initialValues={
          batch
            ? { ...batch, ceremony: batch.ceremony ?? undefined, plaqueOn: dayjs(batch.plaqueOn) }
            : { year, level: 'city', awardingBody: '苏州市总工会', plaqueOn: dayjs(chinaToday()) }
        }
        onFinish={(v) => save.mutate(v)}
        data-testid="batch-form"
      >
        <Form.Item name="year" label="年度" rules={required('请填写年度')}>
          <InputNumber min={1990} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="name"
          label="批次名称"
          rules={[{ required: true, whitespace: true, message: '请填写批次名称' }]}
        >
          <Input maxLength={50} placeholder={`如：${year}年第一批`} />
        </Form.Item>
        <Form.Item name="level" label="命名级别" rules={required('请选择命名级别')}>
          <Radio.Group options={STUDIO_LEVELS.map((l) => ({ value: l, label: STUDIO_LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item
          name="awardingBody"
          label="命名单位"
          rules={[{ required: true, whitespace: true, message: '请填写命名单位' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="plaqueOn" label="挂牌日期" rules={required('请选择挂牌日期')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ceremony" label="挂牌仪式（可不填）">
          <Input.TextArea rows={2} maxLength={500} placeholder="时间、地点、授牌领导" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StudioLine({ s }: { s: StudioView }) {
  return (
    <Space direction="vertical" size={0}>
      <Link to={`/studios/${s.id}`}>{s.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {s.hostUnitName} · {s.leader.name} · {s.district}
      </Typography.Text>
    </Space>
  );
}

function BatchDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string;
  onClose: () => void;
  onEdit?: (b: BatchView) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const batch = useQuery({ queryKey: studioKeys.batch(id), queryFn: () => fetchBatch(id) });
  const designate = useMutation({
    mutationFn: (s: StudioView) => takeStep(s.id, 'designate', { version: s.version, batchId: id }),
    onSuccess: async (s) => {
      void message.success(`${s.name}已命名挂牌`);
      await queryClient.invalidateQueries({ queryKey: studioKeys.all });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const b = batch.data;
  return (
    <Drawer open onClose={onClose} title={b?.name ?? '命名批次'} width={Math.min(640, window.innerWidth)}>
      {batch.isError && !b ? (
        <ErrorResult error={batch.error} onRetry={() => void batch.refetch()} />
      ) : !b ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>
            {b.awardingBody}命名
            <LevelTag level={b.level} />，{b.plaqueOn} 挂牌
            {b.ceremony ? `；${b.ceremony}` : ''}
          </Typography.Text>
          {onEdit && <Button onClick={() => onEdit(b)}>修改批次</Button>}
          {b.candidates.length > 0 && (
            <div>
              <Typography.Title level={5}>审核通过、可命名进本批次的工作室</Typography.Title>
              <List
                size="small"
                bordered
                dataSource={b.candidates}
                data-testid="batch-candidates"
                renderItem={(s) => (
                  <List.Item
                    actions={[
                      <Popconfirm
                        key="designate"
                        title={`将“${s.name}”命名进“${b.name}”？`}
                        okText="命名"
                        cancelText="取消"
                        onConfirm={() => designate.mutate(s)}
                      >
                        <a>命名</a>
                      </Popconfirm>,
                    ]}
                  >
                    <StudioLine s={s} />
                  </List.Item>
                )}
              />
            </div>
          )}
          <div>
            <Typography.Title level={5}>本批次命名的工作室（{b.studios.length}）</Typography.Title>
            <List
              size="small"
              bordered
              dataSource={b.studios}
              locale={{ emptyText: '本批次尚未命名工作室' }}
              renderItem={(s) => (
                <List.Item>
                  <StudioLine s={s} />
                </List.Item>
              )}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

export default function BatchesPage() {
  const { can, me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<BatchView | 'new' | null>(null);
  const batches = useQuery({ queryKey: studioKeys.batches({}), queryFn: () => fetchBatches() });
  const keeps = can('studio:manage') && me.scope.kind === 'cityFederation';
  const open = params.get('batch');
  const show = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('batch', id);
    else next.delete('batch');
    setParams(next);
  };
  const columns: ColumnsType<BatchView> = [
    { title: '年度', key: 'year', width: 70, render: (_, b) => b.year },
    { title: '批次', key: 'name', render: (_, b) => <a onClick={() => show(b.id)}>{b.name}</a> },
    { title: '级别', key: 'level', width: 100, render: (_, b) => <LevelTag level={b.level} /> },
    { title: '命名单位', key: 'body', render: (_, b) => b.awardingBody },
    { title: '挂牌日期', key: 'plaque', width: 110, render: (_, b) => b.plaqueOn },
    { title: '工作室数', key: 'count', width: 90, render: (_, b) => b.studioCount },
  ];
  return (
    <Card
      title="命名批次"
      extra={
        keeps && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="batch-new"
          >
            设立批次
          </Button>
        )
      }
    >
      {batches.isError && !batches.data ? (
        <ErrorResult error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        <Table<BatchView>
          size="small"
          rowKey="id"
          loading={batches.isFetching}
          dataSource={batches.data?.items}
          columns={columns}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: '尚未设立命名批次' }}
          data-testid="batch-table"
        />
      )}
      {open && (
        <BatchDrawer id={open} onClose={() => show(null)} onEdit={keeps ? (b) => setEditing(b) : undefined} />
      )}
      {editing && (
        <BatchModal batch={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
