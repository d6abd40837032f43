// One enterprise need with its follow-up log, and what may be done next: hand it to someone,
// log progress, resolve or close it with the reason, reopen it.
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { useAuth } from '../../web/auth';
import { NEED_KIND_LABELS, type NeedAction, type NeedView } from '../contract';
import { fetchCadres, fetchNeed, followNeed, serviceKeys } from './service-api';
import { NeedStateTag } from './service-format';

const ACTION_LABELS: Record<NeedAction | 'create', string> = {
  create: '登记',
  assign: '交办',
  progress: '进展',
  resolve: '已解决',
  close: '关闭',
  reopen: '重新办理',
  note: '备注',
};

interface FollowForm {
  action: NeedAction;
  ownerId?: string;
  dueOn?: Dayjs | null;
  note?: string;
}

function allowed(need: NeedView): NeedAction[] {
  return need.state === 'open' || need.state === 'inProgress'
    ? ['progress', 'assign', 'resolve', 'close', 'note']
    : ['reopen', 'note'];
}

export function NeedDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FollowForm>();
  const need = useQuery({ queryKey: serviceKeys.need(id), queryFn: () => fetchNeed(id) });
  const action = Form.useWatch('action', form);
  const [ownerQuery, setOwnerQuery] = useState('');
  const owners = useQuery({
    queryKey: serviceKeys.cadres('', ownerQuery),
    queryFn: () => fetchCadres('', ownerQuery),
    enabled: action === 'assign',
  });
  const save = useMutation({
    mutationFn: (values: FollowForm) =>
      followNeed(id, {
        action: values.action,
        ownerId: values.ownerId ?? null,
        dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
        note: values.note ?? null,
        version: need.data!.version,
      }),
    onSuccess: async () => {
      void message.success('已保存');
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await need.refetch();
        return;
      }
      showFormError(form, error, message, ['ownerId', 'dueOn', 'note']);
    },
  });
  const n = need.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title="企业需求"
      width={Math.min(560, window.innerWidth)}
      data-testid="need-drawer"
    >
      {need.isError && !n ? (
        <ErrorResult error={need.error} onRetry={() => void need.refetch()} />
      ) : !n ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="企业">{n.enterprise.name}</Descriptions.Item>
            <Descriptions.Item label="类型">{NEED_KIND_LABELS[n.kind]}</Descriptions.Item>
            <Descriptions.Item label="内容">{n.description}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="need-state">
                <NeedStateTag need={n} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="负责人">{n.owner?.name ?? '未交办'}</Descriptions.Item>
            <Descriptions.Item label="办结期限">{n.dueOn ?? '未定'}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Text strong>跟踪记录</Typography.Text>
            <Timeline
              style={{ marginTop: 12 }}
              items={(n.events ?? []).map((e) => ({
                children: (
                  <span>
                    {dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.actor} {ACTION_LABELS[e.action]}
                    {e.owner ? ` 给 ${e.owner}` : ''}
                    {e.note ? `：${e.note}` : ''}
                  </span>
                ),
              }))}
            />
          </div>
          {can('service:record') && (
            <Form<FollowForm>
              // A new state offers other actions: start again from the first of them.
              key={n.state}
              form={form}
              layout="vertical"
              initialValues={{ action: allowed(n)[0] }}
              onFinish={(values) => save.mutate(values)}
              data-testid="need-follow-form"
            >
              <Form.Item name="action" label="办理">
                <Radio.Group
                  optionType="button"
                  options={allowed(n).map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
                />
              </Form.Item>
              {action === 'assign' && (
                <>
                  <Form.Item
                    name="ownerId"
                    label="负责人"
                    rules={[{ required: true, message: '请选择负责人' }]}
                  >
                    <Select
                      showSearch
                      filterOption={false}
                      onSearch={setOwnerQuery}
                      loading={owners.isFetching}
                      placeholder="输入姓名查找"
                      options={owners.data?.items.map((u) => ({
                        value: u.id,
                        label: `${u.name}（${u.orgName}）`,
                      }))}
                      data-testid="need-owner"
                    />
                  </Form.Item>
                  <Form.Item name="dueOn" label="办结期限">
                    <DatePicker style={{ width: '100%' }} inputReadOnly />
                  </Form.Item>
                </>
              )}
              <Form.Item
                name="note"
                label={action === 'close' ? '关闭原因' : action === 'resolve' ? '办理结果' : '说明'}
                rules={
                  action === 'close' || action === 'resolve' || action === 'note'
                    ? [{ required: true, message: '请填写' }]
                    : []
                }
              >
                <Input.TextArea rows={3} maxLength={1000} showCount data-testid="need-note" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={save.isPending}
                block
                data-testid="need-submit"
              >
                保存
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
