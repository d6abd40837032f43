// The home page's waiting items (首页待办): what each part of the work has waiting for the
// signed-in user, with its count, each opening the list that holds it.
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CheckSquareOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import { api, errorMessage } from '../api';

export function WaitingCard() {
  const waiting = useQuery({
    queryKey: ['home', 'waiting'],
    queryFn: () => api.get<WaitingList>('/api/home/waiting'),
    refetchInterval: 5 * 60_000,
  });
  return (
    <Card
      title={
        <Space>
          <CheckSquareOutlined />
          待办事项
        </Space>
      }
      data-testid="waiting"
    >
      {waiting.isError ? (
        <Typography.Text type="danger">待办加载失败：{errorMessage(waiting.error)}</Typography.Text>
      ) : (
        <List
          loading={waiting.isPending}
          dataSource={waiting.data?.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" /> }}
          renderItem={(item) => (
            <List.Item data-testid={`waiting-${item.key}`}>
              <Link to={item.link} style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 8 }}>
                <span style={{ flex: 1, color: 'rgba(0,0,0,0.88)' }}>{item.label}</span>
                <Tag
                  color={item.urgent ? 'red' : 'blue'}
                  style={{ marginInlineEnd: 0 }}
                  data-testid="waiting-count"
                >
                  {item.count}
                </Tag>
                <RightOutlined style={{ fontSize: 11, color: 'rgba(0,0,0,0.45)' }} />
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
