// The honours an enterprise or an organisation has received, for their pages: a short list, or
// nothing at all when there are none (or the reader may not see them).
import { Card, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { HONOUR_LEVEL_LABELS, RECIPIENT_KIND_LABELS } from '../contract';
import { fetchHonoursOf, honourKeys } from './honours-api';

export function HonoursOf({
  enterpriseId,
  orgId,
  card = false,
}: {
  enterpriseId?: string;
  orgId?: string;
  /** As a card of its own (the enterprise's page), or a section of the page's card. */
  card?: boolean;
}) {
  const params = { enterpriseId, orgId };
  const honours = useQuery({
    queryKey: honourKeys.of(params),
    queryFn: () => fetchHonoursOf(params),
    retry: false,
  });
  const items = honours.data?.items ?? [];
  if (!items.length) return null;
  const title = `获得荣誉（${items.length}）`;
  const list = (
    <List
      size="small"
      dataSource={items}
      renderItem={(h) => (
        <List.Item>
          <span>
            <Tag color="gold">{h.year}年</Tag>
            {h.title}
            <Typography.Text type="secondary">
              {' '}
              · {h.awardingBody} · {HONOUR_LEVEL_LABELS[h.level]}级
              {h.recipientKind === 'person' || h.recipientKind === 'team'
                ? ` · ${RECIPIENT_KIND_LABELS[h.recipientKind]}：${h.recipientName}`
                : ''}
            </Typography.Text>
          </span>
        </List.Item>
      )}
    />
  );
  return card ? (
    <Card title={title} size="small" data-testid="honours-of">
      {list}
    </Card>
  ) : (
    <div data-testid="honours-of">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {title}
      </Typography.Title>
      {list}
    </div>
  );
}
