// Welcome page: who the user is, what they look after, and real counts from their subtree.
import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import {
  DEPARTMENT_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  ROLE_LABELS,
  type OrgPage,
  type UserPage,
} from '../../orgs/contract';
import { AUDIT_ACTION_LABELS, type AuditPage } from '../../platform/shared/audit-contract';
import { api, errorMessage } from '../api';
import { auditSubject } from '../audit-format';
import { useAuth } from '../auth';
import { WaitingCard } from './waiting-card';

function greeting(): string {
  const hour = new Date().getHours();
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { me, can } = useAuth();
  const canOrgs = can('org:read');
  const total = useQuery({
    queryKey: ['home', 'orgs', 'total'],
    queryFn: () => api.get<OrgPage>('/api/orgs', { pageSize: 1 }),
    enabled: canOrgs,
  });
  const byKind = useQueries({
    queries: ORG_KINDS.map((kind) => ({
      queryKey: ['home', 'orgs', kind],
      queryFn: () => api.get<OrgPage>('/api/orgs', { kind, pageSize: 1 }),
      enabled: canOrgs,
    })),
  });
  const users = useQuery({
    queryKey: ['home', 'users'],
    queryFn: () => api.get<UserPage>('/api/users', { active: 'true', pageSize: 1 }),
    enabled: can('user:read'),
  });
  const recent = useQuery({
    queryKey: ['home', 'audit'],
    queryFn: () => api.get<AuditPage>('/api/audit', { pageSize: 6 }),
    enabled: can('audit:read'),
  });

  const role = ROLE_LABELS[me.user.role];
  const department = me.user.department ? `（${DEPARTMENT_LABELS[me.user.department]}）` : '';
  const kindsPresent = ORG_KINDS.map((kind, i) => ({ kind, result: byKind[i] })).filter(
    (k) => !k.result?.data || k.result.data.total > 0,
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
          {greeting()}，{me.user.displayName}
        </Typography.Title>
        <Space wrap size={[8, 8]}>
          <Tag color="red">{me.user.org.name}</Tag>
          <Tag color="blue">
            {role}
            {department}
          </Tag>
          {me.user.lastLoginAt && (
            <Typography.Text type="secondary">
              本次登录：{dayjs(me.user.lastLoginAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          您的管理范围是“{me.scope.name}”及其下属各级工会组织；只能看到和处理这个范围内的数据。
        </Typography.Paragraph>
      </Card>

      <WaitingCard />

      {canOrgs && (
        <Card
          title={
            <Space>
              <ApartmentOutlined />
              管理范围内的在用组织
            </Space>
          }
          extra={<Link to="/orgs">查看组织体系</Link>}
        >
          {total.isError ? (
            <Typography.Text type="danger">统计加载失败：{errorMessage(total.error)}</Typography.Text>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8} xl={6}>
                <Statistic
                  title="合计"
                  value={total.data?.total ?? '—'}
                  suffix="个"
                  loading={total.isPending}
                />
              </Col>
              {kindsPresent.map(({ kind, result }) => (
                <Col xs={12} md={8} xl={6} key={kind}>
                  <Statistic
                    title={ORG_KIND_LABELS[kind]}
                    value={result?.data?.total ?? '—'}
                    suffix="个"
                    loading={result?.isPending}
                  />
                </Col>
              ))}
            </Row>
          )}
        </Card>
      )}

      <Row gutter={16}>
        {can('user:read') && (
          <Col xs={24} lg={8}>
            <Card
              title={
                <Space>
                  <TeamOutlined />
                  用户账号
                </Space>
              }
              extra={<Link to="/admin/users">用户管理</Link>}
              style={{ height: '100%' }}
            >
              {users.isError ? (
                <Typography.Text type="danger">{errorMessage(users.error)}</Typography.Text>
              ) : (
                <Statistic
                  title="启用中的账号"
                  value={users.data?.total ?? '—'}
                  suffix="个"
                  loading={users.isPending}
                />
              )}
            </Card>
          </Col>
        )}
        {can('audit:read') && (
          <Col xs={24} lg={16}>
            <Card
              title={
                <Space>
                  <AuditOutlined />
                  最近操作
                </Space>
              }
              extra={<Link to="/admin/audit">操作日志</Link>}
            >
              {recent.isError ? (
                <Typography.Text type="danger">{errorMessage(recent.error)}</Typography.Text>
              ) : (
                <List
                  size="small"
                  loading={recent.isPending}
                  dataSource={recent.data?.items ?? []}
                  locale={{ emptyText: '还没有操作记录' }}
                  renderItem={(entry) => (
                    <List.Item>
                      <Space wrap>
                        <Typography.Text type="secondary">
                          {dayjs(entry.at).format('MM-DD HH:mm')}
                        </Typography.Text>
                        <span>{entry.actorName}</span>
                        <Tag>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</Tag>
                        <span>{auditSubject(entry.after ?? entry.before)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
