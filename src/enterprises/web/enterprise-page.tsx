// One enterprise (`/enterprises/:id`): where it lies, its registered attributes, its union and
// institutions as of today, and the timeline of the dated facts they are derived from.
import { useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DownOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import {
  FACT_KINDS,
  FACT_KIND_LABELS,
  FORM_KEPT_KINDS,
  needsUnion,
  OWNERSHIP_LABELS,
  STATUS_LABELS,
  type FactKind,
} from '../contract';
import { enterpriseKeys, fetchEnterprise } from './enterprise-api';
import { EnterpriseFormModal } from './enterprise-form';
import { FactFormModal } from './fact-form';
import { FactTimeline } from './fact-timeline';
import { UnionSummary } from './union-summary';
import { HonoursOf } from '../../competitions/honours/web/honours-of';
import { chinaToday } from '../../platform/shared/dates';

const dash = (v: string | number | null) =>
  v === null || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : v;
const yesNo = (v: boolean | null) => (v === null ? dash(null) : v ? '是' : '否');

export default function EnterprisePage() {
  const { id = '' } = useParams();
  const { can, me } = useAuth();
  const canWrite = can('enterprise:write');
  const detail = useQuery({ queryKey: enterpriseKeys.detail(id), queryFn: () => fetchEnterprise(id) });
  const [editing, setEditing] = useState(false);
  const [factKind, setFactKind] = useState<FactKind | null>(null);
  const today = chinaToday();

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card data-testid="enterprise-error">
        <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }
  const e = detail.data;
  const where = [e.district && e.district.id !== e.org.id ? e.district.name : null, e.org.name]
    .filter(Boolean)
    .join(' / ');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="enterprise-header">
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[{ title: <Link to="/enterprises">企业名单</Link> }, { title: e.name }]}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Space direction="vertical" size={6}>
            <Space align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="enterprise-title">
                {e.name}
              </Typography.Title>
              {e.status === 'closed' ? <Tag>{STATUS_LABELS.closed}</Tag> : <Tag color="green">在营</Tag>}
              {e.hasUnion ? <Tag color="red">已建会</Tag> : <Tag color="volcano">未建会</Tag>}
              {e.aboveDesignatedSize && <Tag color="blue">规模以上</Tag>}
              {e.global500 && <Tag color="gold">世界500强</Tag>}
              {e.electionOverdue && <Tag color="red">换届逾期</Tag>}
            </Space>
            <Space wrap size={16}>
              <Typography.Text copyable={{ text: e.uscc }} style={{ fontFamily: 'monospace' }}>
                {e.uscc}
              </Typography.Text>
              <Typography.Text type="secondary">
                {where}
                {me.scope.id !== e.org.id && can('org:read') && (
                  <Link to={`/orgs/${e.org.id}`} style={{ marginLeft: 8 }}>
                    查看乡镇(街道)
                  </Link>
                )}
              </Typography.Text>
            </Space>
          </Space>
          {canWrite && (
            <Space wrap>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: FACT_KINDS.filter((k) => !FORM_KEPT_KINDS.includes(k)).map((k) => ({
                    key: k,
                    label: FACT_KIND_LABELS[k],
                    disabled: needsUnion(k) && !e.hasUnion,
                  })),
                  onClick: ({ key }) => setFactKind(key as FactKind),
                }}
              >
                <Button type="primary" icon={<PlusOutlined />}>
                  登记新事项 <DownOutlined />
                </Button>
              </Dropdown>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑企业信息
              </Button>
            </Space>
          )}
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card
              title="工会与制度"
              size="small"
              extra={<Typography.Text type="secondary">截至 {today}</Typography.Text>}
            >
              <UnionSummary
                enterprise={e}
                today={today}
                onRecordFounding={canWrite ? () => setFactKind('unionFounded') : undefined}
              />
            </Card>
            <Card title="企业信息" size="small">
              <Descriptions
                data-testid="enterprise-attributes"
                bordered
                size="small"
                column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 1, xxl: 2 }}
                styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'name', label: '企业名称', children: e.name, span: 'filled' },
                  { key: 'uscc', label: '信用代码', children: e.uscc },
                  { key: 'org', label: '所属乡镇(街道)', children: e.org.name },
                  {
                    key: 'ownership',
                    label: '经济类型',
                    children: e.ownership ? OWNERSHIP_LABELS[e.ownership] : dash(null),
                  },
                  { key: 'industry', label: '所属行业', children: dash(e.industry) },
                  {
                    key: 'employees',
                    label: '职工人数',
                    children: e.employees === null ? dash(null) : `${e.employees} 人`,
                  },
                  { key: 'registeredOn', label: '成立日期', children: dash(e.registeredOn) },
                  { key: 'aboveDesignatedSize', label: '规模以上', children: yesNo(e.aboveDesignatedSize) },
                  { key: 'global500', label: '世界500强', children: yesNo(e.global500) },
                  {
                    key: 'status',
                    label: '经营状态',
                    children: e.closedOn
                      ? `${STATUS_LABELS[e.status]}（${e.closedOn}）`
                      : STATUS_LABELS[e.status],
                  },
                  { key: 'jointUnion', label: '所属联合工会', children: dash(e.jointUnion?.name ?? null) },
                  { key: 'address', label: '地址', children: dash(e.address), span: 'filled' },
                  { key: 'note', label: '备注', children: dash(e.note), span: 'filled' },
                  {
                    key: 'updatedAt',
                    label: '最近修改',
                    children: `${dayjs(e.updatedAt).format('YYYY-MM-DD HH:mm')}（第 ${e.version} 版）`,
                    span: 'filled',
                  },
                ]}
              />
            </Card>
            <HonoursOf enterpriseId={e.id} card />
          </Space>
        </Col>
        <Col xs={24} xl={11}>
          <Card title="事项时间线" size="small">
            <FactTimeline enterprise={e} today={today} canWrite={canWrite} />
          </Card>
        </Col>
      </Row>
      {editing && (
        <EnterpriseFormModal
          mode="edit"
          enterprise={e}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      {factKind && <FactFormModal enterprise={e} kind={factKind} onClose={() => setFactKind(null)} />}
    </Space>
  );
}
