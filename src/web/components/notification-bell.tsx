// The bell in the header: how many of the signed-in user's notifications are unread (asked every
// 60 s and when the window regains focus), the latest ones in a dropdown; a click marks one read
// and opens its item. Drawn with plain elements: it is part of every signed-in page's frame, which
// should not carry antd's List (and its pagination and select) for a short list.
import { Badge, Button, Dropdown, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import type { NotificationPage, NotificationView } from '../../platform/shared/notifications-contract';
import { api } from '../api';

/** The bell's query: a feature whose change notifies someone invalidates it. */
export const notificationKeys = { all: ['notifications'] as const };

const fetchNotifications = () => api.get<NotificationPage>('/api/notifications', { pageSize: 10 });
const markNotificationRead = (id: string) =>
  api.post<NotificationView>(`/api/notifications/${encodeURIComponent(id)}/read`);

export function NotificationBell() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { token } = theme.useToken();
  const query = useQuery({
    queryKey: notificationKeys.all,
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
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      }
    }
    void navigate(n.link);
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
        <strong>通知</strong>
        <span style={{ marginLeft: 8, fontSize: 12, color: token.colorTextSecondary }}>
          {unread ? `${unread} 条未读` : '全部已读'}
        </span>
      </div>
      {items.length === 0 ? (
        <div style={{ padding: '24px 0', textAlign: 'center', color: token.colorTextDescription }}>
          暂无通知
        </div>
      ) : (
        <ul style={{ maxHeight: 420, overflowY: 'auto', margin: 0, padding: 0, listStyle: 'none' }}>
          {items.map((n) => (
            <li
              key={n.id}
              onClick={() => void open(n)}
              style={{
                cursor: 'pointer',
                padding: '10px 16px',
                borderBottom: `1px solid ${token.colorSplit}`,
                background: n.readAt ? undefined : token.colorPrimaryBg,
              }}
              data-testid="notification-item"
            >
              <div style={{ lineHeight: 1.5, fontWeight: n.readAt ? undefined : 600 }}>{n.text}</div>
              <div style={{ marginTop: 2, fontSize: 12, color: token.colorTextSecondary }}>
                {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                {n.readAt ? '' : ' · 未读'}
              </div>
            </li>
          ))}
        </ul>
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
