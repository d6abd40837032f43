// The programme's dashboard (`/service?tab=dashboard`): pairing coverage of the three-category
// enterprises, visits due and overdue, visits made and needs, for the unit and each unit below;
// every count opens its list, and a unit's name opens its own dashboard.
import { Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../web/api';
import { ErrorResult } from '../../web/components/page-state';
import { ASPECT_LABELS, NEED_KIND_LABELS, type DashboardCounts, type DashboardView } from '../contract';
import { fetchProgrammes, serviceKeys } from './service-api';

type Row = DashboardView['rows'][number];

const percent = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '—');

export function DashboardTab() {
  const [params, setParams] = useSearchParams();
  const programmes = useQuery({ queryKey: serviceKeys.programmes, queryFn: fetchProgrammes });
  const programmeId = params.get('programmeId') ?? programmes.data?.items[0]?.id;
  const orgId = params.get('orgId') ?? undefined;
  const dash = useQuery({
    queryKey: ['service', 'dashboard', programmeId, orgId],
    queryFn: () => api.get<DashboardView>('/api/service/dashboard', { programmeId, orgId }),
    enabled: Boolean(programmeId),
    placeholderData: keepPreviousData,
  });
  const go = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    next.set('tab', 'dashboard');
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  /** A count that opens the list it counts. */
  const open = (row: Row | null, n: number, tab: string, extra = '') => {
    const org = row?.org?.id ?? dash.data?.org.id ?? '';
    const programme = tab === 'unpaired' ? '' : `&programmeId=${programmeId}`;
    return (
      <Link to={`/service?tab=${tab}${programme}&orgId=${org}${extra}`} data-testid={`dash-${tab}${extra}`}>
        {n}
      </Link>
    );
  };
  const count = (key: keyof DashboardCounts, tab: string, extra = '') => ({
    key,
    align: 'right' as const,
    render: (_: unknown, r: Row) => (r.org ? open(r, r[key], tab, extra) : r[key]),
  });
  const columns: ColumnsType<Row> = [
    {
      title: '单位',
      key: 'org',
      render: (_, r) =>
        r.org ? <a onClick={() => go({ orgId: r.org!.id })}>{r.org.name}</a> : <span>本级直属企业</span>,
    },
    { title: '三类企业', key: 'priority', align: 'right', render: (_, r) => r.priority },
    {
      title: '已挂钩',
      key: 'paired',
      align: 'right',
      render: (_, r) => `${r.pairedPriority}（${percent(r.pairedPriority, r.priority)}）`,
    },
    {
      title: '未挂钩',
      key: 'unpaired',
      align: 'right',
      render: (_, r) =>
        r.org ? open(r, r.priority - r.pairedPriority, 'unpaired') : r.priority - r.pairedPriority,
    },
    { title: '挂钩企业', ...count('pairings', 'pairings') },
    { title: '走访逾期', ...count('overdue', 'pairings', '&due=overdue') },
    { title: '14 天内到期', ...count('dueSoon', 'pairings', '&due=due') },
    { title: '走访次数', ...count('visits', 'visits') },
    { title: '需求在办', ...count('needsOpen', 'needs', '&state=open') },
    { title: '需求逾期', ...count('needsOverdue', 'needs', '&overdue=true') },
    { title: '需求已解决', ...count('needsResolved', 'needs', '&state=resolved') },
  ];
  if (programmes.data && !programmes.data.items.length) return <Card>还没有服务活动。</Card>;
  if (dash.isError && !dash.data)
    return <ErrorResult error={dash.error} onRetry={() => void dash.refetch()} />;
  const d = dash.data;
  const t = d?.total;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Select
            value={programmeId}
            onChange={(id: string) => go({ programmeId: id, orgId: undefined })}
            options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
            style={{ minWidth: 260 }}
          />
          {d && orgId && (
            <a onClick={() => go({ orgId: undefined })} data-testid="dash-up">
              返回本单位
            </a>
          )}
          {d && (
            <Typography.Text type="secondary">
              {d.org.name} · 截至 {d.date}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {t && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="三类企业挂钩率" value={percent(t.pairedPriority, t.priority)} />
              <Typography.Text type="secondary" data-testid="dash-paired">
                {t.pairedPriority} / {t.priority} 家
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="走访次数" value={t.visits} />
              <Typography.Text type="secondary">覆盖 {t.visited} 家企业</Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title="走访逾期"
                value={t.overdue}
                valueStyle={{ color: t.overdue ? '#cf1322' : undefined }}
              />
              <Typography.Text type="secondary">14 天内到期 {t.dueSoon} 家</Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="企业需求已解决" value={t.needsResolved} />
              <Typography.Text type="secondary" data-testid="dash-needs">
                在办 {t.needsOpen}（逾期 {t.needsOverdue}），已关闭 {t.needsClosed}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title="各单位情况">
        <Table<Row>
          rowKey={(r) => r.org?.id ?? 'own'}
          size="small"
          columns={columns}
          dataSource={d?.rows}
          loading={dash.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="dash-table"
        />
      </Card>
      {d && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small" title="服务内容（按四个方面，走访次数）">
              {d.aspects.map((a) => (
                <div key={a.aspect}>
                  {ASPECT_LABELS[a.aspect]}：{a.visits}
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title="企业需求（按类型）">
              {d.needKinds.map((k) => (
                <div key={k.kind}>
                  {NEED_KIND_LABELS[k.kind]}：共 {k.total}，在办 {k.open}
                </div>
              ))}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
