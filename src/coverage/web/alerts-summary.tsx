// A card with the due-date alert counts of an organisation, each opening the alerts page on
// exactly that list. Shown on the coverage dashboard.
import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import {
  ALERT_KIND_LABELS,
  ALERT_STATE_LABELS,
  DEFAULT_WITHIN_DAYS,
  type AlertCount,
} from '../alerts-contract';
import { alertKeys, alertsHref, fetchAlertSummary } from './alerts-api';

const num = (n: number) => n.toLocaleString('zh-CN');

function CountLink({ value, href, testId }: { value: number; href: string; testId: string }) {
  if (value === 0) return <span data-testid={testId}>0</span>;
  return (
    <Link to={href} data-testid={testId}>
      {num(value)}
    </Link>
  );
}

function KindCell({ count, orgId }: { count: AlertCount; orgId: string | undefined }) {
  const href = (state?: 'expiring' | 'expired') => alertsHref({ kind: count.kind, state, orgId });
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text type="secondary">{ALERT_KIND_LABELS[count.kind]}</Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: '32px' }}>
        <CountLink value={count.total} href={href()} testId={`alert-count-${count.kind}`} />
        <span style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 4 }}>家</span>
      </div>
      {count.expiring !== null && count.expired !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {ALERT_STATE_LABELS.expiring}{' '}
          <CountLink
            value={count.expiring}
            href={href('expiring')}
            testId={`alert-count-${count.kind}-expiring`}
          />
          {' · '}
          {ALERT_STATE_LABELS.expired}{' '}
          <CountLink
            value={count.expired}
            href={href('expired')}
            testId={`alert-count-${count.kind}-expired`}
          />
        </Typography.Text>
      )}
    </Space>
  );
}

/** Due-date alert counts of an organisation's subtree (the user's scope when no orgId). */
export function AlertSummaryCard({ orgId }: { orgId?: string }) {
  const summary = useQuery({
    queryKey: alertKeys.summary(orgId, DEFAULT_WITHIN_DAYS),
    queryFn: () => fetchAlertSummary(orgId, DEFAULT_WITHIN_DAYS),
    staleTime: 60_000,
  });
  return (
    <Card
      size="small"
      data-testid="alert-summary"
      title={
        <Space>
          <BellOutlined style={{ color: '#d4380d' }} />
          <span>到期提醒</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            截至今天，合同、协议 {DEFAULT_WITHIN_DAYS} 天内到期或已到期
          </Typography.Text>
        </Space>
      }
      extra={<Link to={alertsHref({ orgId })}>查看全部</Link>}
    >
      {summary.isError ? (
        <Typography.Text type="danger">到期提醒加载失败：{summary.error.message}</Typography.Text>
      ) : !summary.data ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : (
        <Row gutter={[16, 12]}>
          {summary.data.kinds.map((count) => (
            <Col key={count.kind} xs={12} md={8} xl={4} flex="auto">
              <KindCell count={count} orgId={orgId} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
