// 积分规则: the editors' drawer for the points table of their unit (points by outlet level, the
// bonus of leaders' instructions, the special reward, how points are split among units and
// authors). Saved as a whole with its version; a stale save reloads the table.
import { useEffect } from 'react';
import { Alert, App, Button, Drawer, Form, InputNumber, Radio, Space, Spin, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE, errorMessage } from '../../web/api';
import { ErrorResult } from '../../web/components/page-state';
import {
  AUTHOR_SPLIT_LABELS,
  AUTHOR_SPLIT_MODES,
  LEADER_LEVELS,
  LEADER_LEVEL_LABELS,
  OUTLET_LEVELS,
  OUTLET_LEVEL_LABELS,
  UNIT_SPLIT_LABELS,
  UNIT_SPLIT_MODES,
  type PointsConfig,
} from '../points-contract';
import { fetchPointsConfig, pointsKeys, savePointsConfig } from './points-api';

const pointsInput = { min: 0, max: 10000, precision: 2, style: { width: 110 }, addonAfter: '分' };

export function PointsRulesDrawer({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PointsConfig>();
  const config = useQuery({ queryKey: pointsKeys.config, queryFn: fetchPointsConfig });
  useEffect(() => {
    if (config.data) form.setFieldsValue(config.data.config);
  }, [config.data, form]);
  const mode = Form.useWatch(['unitSplit', 'mode'], form);

  const save = useMutation({
    mutationFn: (values: PointsConfig) => savePointsConfig(config.data!.version, values),
    onSuccess: (saved) => {
      queryClient.setQueryData(pointsKeys.config, saved);
      void queryClient.invalidateQueries({ queryKey: pointsKeys.allRankings });
      void message.success('积分规则已保存，此后记录的积分按新规则计算');
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        void config.refetch();
        return;
      }
      void message.error(errorMessage(error));
    },
  });

  return (
    <Drawer
      open
      width={640}
      title="积分规则"
      onClose={onClose}
      data-testid="points-rules-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!config.data}
            onClick={() => void form.validateFields().then((v) => save.mutate(v))}
            data-testid="points-rules-save"
          >
            保存
          </Button>
        </Space>
      }
    >
      {config.isError ? (
        <ErrorResult error={config.error} onRetry={() => void config.refetch()} />
      ) : !config.data ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${config.data.org.name}的积分规则。已记录的积分保持记录时的分值，修改只影响此后的积分。`}
          />
          <Typography.Title level={5}>采用得分</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="level"
            dataSource={OUTLET_LEVELS.map((level) => ({ level }))}
            columns={[
              {
                title: '采用级别',
                dataIndex: 'level',
                render: (l: (typeof OUTLET_LEVELS)[number]) => OUTLET_LEVEL_LABELS[l],
              },
              ...(['full', 'brief'] as const).map((kind) => ({
                title: kind === 'full' ? '全文采用' : '简讯',
                key: kind,
                render: (_: unknown, row: { level: (typeof OUTLET_LEVELS)[number] }) => (
                  <Form.Item
                    name={['outlets', row.level, kind]}
                    rules={[{ required: true, message: '请填写分值' }]}
                    style={{ margin: 0 }}
                  >
                    <InputNumber
                      {...pointsInput}
                      aria-label={`${OUTLET_LEVEL_LABELS[row.level]}${kind === 'full' ? '全文' : '简讯'}`}
                    />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            领导批示加分
          </Typography.Title>
          <Space wrap>
            {LEADER_LEVELS.map((l) => (
              <Form.Item
                key={l}
                label={LEADER_LEVEL_LABELS[l]}
                name={['instructions', l]}
                rules={[{ required: true }]}
              >
                <InputNumber {...pointsInput} />
              </Form.Item>
            ))}
            <Form.Item label="特别奖励（默认）" name="specialDefault" rules={[{ required: true }]}>
              <InputNumber {...pointsInput} />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>多个来源单位时</Typography.Title>
          <Form.Item name={['unitSplit', 'mode']}>
            <Radio.Group>
              <Space direction="vertical">
                {UNIT_SPLIT_MODES.map((m) => (
                  <Radio key={m} value={m}>
                    {UNIT_SPLIT_LABELS[m]}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            label="报送单位所得比例"
            name={['unitSplit', 'firstShare']}
            rules={[{ required: true, message: '请填写比例' }]}
            hidden={mode !== 'first'}
          >
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 120 }} />
          </Form.Item>
          <Typography.Title level={5}>本单位有多位作者时</Typography.Title>
          <Form.Item name="authorSplit">
            <Radio.Group>
              <Space direction="vertical">
                {AUTHOR_SPLIT_MODES.map((m) => (
                  <Radio key={m} value={m}>
                    {AUTHOR_SPLIT_LABELS[m]}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
