// The bell in the header for officers and editors: how many notifications are unread (asked every
// 60 s and when the window regains focus), the latest ones in a dropdown; a click marks one read
// and opens its item.
import { Badge, Button, Dropdown, Empty, List, Space, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '../contract';
import { fetchNotifications, markNotificationRead, submissionKeys } from './submissions-api';
import { timeText } from './submission-format';

export function NotificationBell() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { token } = theme.useToken();
  const query = useQuery({
    queryKey: submissionKeys.notifications,
    queryFn: fetchNotifications,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];

  const open = async (n: NotificationView) => {
    if (!n.readAt) {
      try {
        await markNotificationRead(n.id);
      } finally {
        void queryClient.invalidateQueries({ queryKey: submissionKeys.notifications });
      }
    }
    void navigate(`/bulletin/submissions/${n.submissionId}`);
  };

  const panel = (
    <div
      style={{
        width: 380,
        background: token.colorBgElevated,
        borderRadius: token.borderRadiusLG,
        boxShadow: token.boxShadowSecondary,
      }}
      data-testid="notification-panel"
    >
      <div style={{ padding: '10px 16px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Typography.Text strong>通知</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
          {unread ? `${unread} 条未读` : '全部已读'}
        </Typography.Text>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" style={{ padding: '16px 0' }} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => void open(n)}
              style={{
                cursor: 'pointer',
                padding: '10px 16px',
                background: n.readAt ? undefined : token.colorPrimaryBg,
              }}
              data-testid="notification-item"
            >
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text strong={!n.readAt} style={{ lineHeight: 1.5 }}>
                  {n.text}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {timeText(n.createdAt)}
                  {n.readAt ? '' : ' · 未读'}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Dropdown
      trigger={['click']}
      popupRender={() => panel}
      placement="bottomRight"
      onOpenChange={(o) => {
        if (o) void query.refetch();
      }}
    >
      <Button
        type="text"
        aria-label={`通知，${unread} 条未读`}
        data-testid="notification-bell"
        data-unread={query.isSuccess ? unread : undefined}
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
