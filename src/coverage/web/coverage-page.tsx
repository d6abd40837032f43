// The "two universals" coverage dashboard (`/coverage?orgId=&date=`): the node's seven rates as of
// a date with the rule behind them, its children sortable by rate with drill-down, and behind
// every enterprise count the list of exactly those enterprises.
import { lazy, Suspense, useState } from 'react';
import { Breadcrumb, Button, Card, Col, DatePicker, Drawer, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { fetchOrg, orgKeys } from '../../orgs/web/org-api';
import { STATUS_LABELS, type EnterpriseView } from '../../enterprises/contract';
import { MEASURE_LABELS, type CoverageMeasure, type CoverageRow } from '../contract';
import {
  coverageKeys,
  fetchCoverage,
  fetchCoverageEnterprises,
  percent,
  RATE_LABELS,
  ruleText,
  type RateKey,
} from './coverage-api';
import { TargetTag } from './target-tag';
import { TargetsImportButton } from './targets-import';
import { AlertSummaryCard } from './alerts-summary';
import { TrendCard } from './trend-card';
import { coverageListHref, reportHref } from './export-links';
import { chinaToday } from '../../platform/shared/dates';

// The settings dialogs (targets, the year's rule) are loaded when opened: most visitors only read.
const TargetsModal = lazy(() => import('./coverage-settings').then((m) => ({ default: m.TargetsModal })));
const RuleModal = lazy(() => import('./coverage-settings').then((m) => ({ default: m.RuleModal })));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which enterprises a clicked count stands for. */
interface ListTarget {
  orgId: string | undefined;
  orgName: string;
  measure: CoverageMeasure;
  count: number;
  /** The 直属 row: enterprises at the node itself (or under a child no longer active). */
  direct: boolean;
}

type OpenList = (row: CoverageRow, measure: CoverageMeasure) => void;

function CountLink({
  row,
  measure,
  open,
  testId,
}: {
  row: CoverageRow;
  measure: CoverageMeasure;
  open: OpenList;
  testId?: string;
}) {
  const value =
    measure === 'notUnionised' ? row.counts.enterprises - row.counts.unionised : row.counts[measure];
  if (value === 0) return <span>0</span>;
  return (
    <a
      data-testid={testId ?? `count-${measure}`}
      onClick={(e) => {
        e.stopPropagation();
        open(row, measure);
      }}
    >
      {value.toLocaleString('zh-CN')}
    </a>
  );
}

const num = (n: number) => n.toLocaleString('zh-CN');

/** One indicator card: the rate, and the counts behind it. */
function RateCard({ rateKey, row, open }: { rateKey: RateKey; row: CoverageRow; open: OpenList }) {
  const c = row.counts;
  const link = (m: CoverageMeasure) => (
    <CountLink row={row} measure={m} open={open} testId={`card-${rateKey}-${m}`} />
  );
  const detail: Record<RateKey, React.ReactNode> = {
    establishmentRate: (
      <>
        已建会 {link('unionised')} / 应建会 {link('enterprises')} 家（未建会 {link('notUnionised')}）
      </>
    ),
    workerCoverage: (
      <>
        建会企业职工 {num(c.unionisedEmployees)} / 职工 {num(c.employees)} 人
      </>
    ),
    membershipRate: (
      <>
        会员 {num(c.members)} / 建会企业职工 {num(c.unionisedEmployees)} 人
      </>
    ),
    wageBargainingRate: (
      <>
        已建制 {link('wageAgreement')} / 建会企业 {link('unionised')} 家，覆盖职工{' '}
        {num(c.wageAgreementEmployees)} 人
      </>
    ),
    workersCongressRate: (
      <>
        已建制 {link('workersCongress')} / 建会企业 {link('unionised')} 家
      </>
    ),
    collectiveContractRate: (
      <>
        已签订 {link('collectiveContract')} / 建会企业 {link('unionised')} 家
      </>
    ),
    affairsDisclosureRate: (
      <>
        已建制 {link('affairsDisclosure')} / 建会企业 {link('unionised')} 家
      </>
    ),
  };
  return (
    <Card size="small" data-testid={`rate-card-${rateKey}`} style={{ height: '100%' }}>
      <Typography.Text type="secondary">{RATE_LABELS[rateKey]}</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: '38px' }} data-testid={`rate-${rateKey}`}>
        {percent(row.rates[rateKey])}
      </div>
      <div style={{ minHeight: 4 }}>
        <TargetTag
          rate={row.rates[rateKey]}
          target={row.targets[rateKey]}
          testId={`card-target-${rateKey}`}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {detail[rateKey]}
      </Typography.Text>
    </Card>
  );
}

const RATE_KEYS = Object.keys(RATE_LABELS) as RateKey[];

/** Rates sort with null (no denominator) always last. */
function byRate(key: RateKey) {
  return (a: CoverageRow, b: CoverageRow) => (a.rates[key] ?? -1) - (b.rates[key] ?? -1);
}

function EnterpriseDrawer({
  target,
  date,
  onClose,
}: {
  target: ListTarget;
  date: string;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: coverageKeys.list(target.orgId, date, target.measure, page, pageSize, target.direct),
    queryFn: () =>
      fetchCoverageEnterprises(target.orgId, date, target.measure, page, pageSize, target.direct),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<EnterpriseView> = [
    {
      title: '企业名称',
      key: 'name',
      render: (_, row) => (
        <Space size={4} wrap>
          <Link to={`/enterprises/${row.id}`} data-testid="coverage-enterprise-link">
            {row.name}
          </Link>
          {row.status === 'closed' && <Tag>{STATUS_LABELS.closed}</Tag>}
        </Space>
      ),
    },
    { title: '所属乡镇(街道)', key: 'org', width: 140, render: (_, row) => row.org.name },
    {
      title: '职工数',
      dataIndex: 'employees',
      key: 'employees',
      align: 'right',
      width: 80,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: '建会',
      key: 'union',
      width: 110,
      render: (_, row) =>
        !row.hasUnion ? (
          <Tag color="volcano">未建会</Tag>
        ) : row.unionFoundedOn ? (
          row.unionFoundedOn
        ) : (
          <Tag color="green">联合工会覆盖</Tag>
        ),
    },
  ];
  return (
    <Drawer
      open
      width={820}
      onClose={onClose}
      title={`${target.orgName} · ${MEASURE_LABELS[target.measure]}（${date}）`}
      data-testid="coverage-drawer"
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={coverageListHref(target.orgId, date, target.measure, target.direct)}
          download
          disabled={!list.data?.total}
          data-testid="coverage-list-export"
        >
          导出
        </Button>
      }
    >
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="coverage-list-total">
            {list.data ? `共 ${list.data.total} 家` : '正在加载…'}
          </Typography.Paragraph>
          <Table<EnterpriseView>
            data-testid="coverage-list"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: ['20', '50', '100'],
              showTotal: (n, [from, to]) => `第 ${from}-${to} 家，共 ${n} 家`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
          />
        </>
      )}
    </Drawer>
  );
}

export default function CoveragePage() {
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const rawOrg = params.get('orgId');
  const orgId = rawOrg && UUID.test(rawOrg) ? rawOrg : undefined;
  const rawDate = params.get('date');
  const today = chinaToday();
  const date = rawDate && DATE.test(rawDate) && dayjs(rawDate).isValid() ? rawDate : today;
  const [target, setTarget] = useState<ListTarget | null>(null);
  const [editing, setEditing] = useState<{
    id: string;
    name: string;
    targets: CoverageRow['targets'];
  } | null>(null);
  const [ruleOpen, setRuleOpen] = useState(false);
  const canTarget = can('coverage:target');
  const atRoot = me.scope.kind === 'cityFederation';
  const year = Number(date.slice(0, 4));

  const view = useQuery({
    queryKey: coverageKeys.view(orgId, date),
    queryFn: () => fetchCoverage(orgId, date),
    placeholderData: keepPreviousData,
  });
  const org = useQuery({
    queryKey: orgKeys.detail(orgId ?? ''),
    queryFn: () => fetchOrg(orgId ?? ''),
    enabled: !!orgId,
  });

  const go = (next: { orgId?: string; date?: string }) => {
    const out = new URLSearchParams();
    if (next.orgId) out.set('orgId', next.orgId);
    if (next.date && next.date !== today) out.set('date', next.date);
    setParams(out);
  };

  if (view.isPending) return <PageLoading />;
  if (view.isError && !view.data)
    return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;

  const data = view.data;
  const node = data.node;
  const nodeName = node.org?.name ?? me.scope.name;
  const open: OpenList = (row, measure) => {
    // The 直属 row stands for the enterprises registered at the node itself (or under a child
    // no longer active): its list is the node's, restricted to those.
    const id = row.org?.id ?? node.org?.id;
    setTarget({
      orgId: id,
      orgName: row.org?.name ?? `${nodeName}（直属）`,
      direct: !row.org,
      measure,
      count: measure === 'notUnionised' ? row.counts.enterprises - row.counts.unionised : row.counts[measure],
    });
  };

  const ancestors = orgId && org.data && org.data.id === orgId ? org.data.ancestors : [];
  const crumbs = [
    ...ancestors.map((a) => ({
      title: (
        <a
          data-testid="coverage-crumb"
          onClick={() => go({ orgId: a.id === me.scope.id ? undefined : a.id, date })}
        >
          {a.name}
        </a>
      ),
    })),
    { title: <span data-testid="coverage-crumb-current">{nodeName}</span> },
  ];

  const rateColumn = (key: RateKey, title: string) => ({
    title,
    key,
    align: 'right' as const,
    width: 110,
    sorter: byRate(key),
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_: unknown, row: CoverageRow) => (
      <Space direction="vertical" size={0} align="end">
        <span>{percent(row.rates[key])}</span>
        <TargetTag rate={row.rates[key]} target={row.targets[key]} testId={`target-${key}`} />
      </Space>
    ),
  });

  const columns: ColumnsType<CoverageRow> = [
    {
      title: '单位',
      key: 'name',
      render: (_, row) =>
        row.org ? (
          <a data-testid="coverage-child" onClick={() => go({ orgId: row.org?.id, date })}>
            {row.org.name}
          </a>
        ) : (
          <span data-testid="coverage-direct">直属企业</span>
        ),
    },
    {
      title: '应建会企业',
      key: 'enterprises',
      align: 'right',
      width: 100,
      sorter: (a, b) => a.counts.enterprises - b.counts.enterprises,
      render: (_, row) => <CountLink row={row} measure="enterprises" open={open} />,
    },
    {
      title: '已建会',
      key: 'unionised',
      align: 'right',
      width: 90,
      sorter: (a, b) => a.counts.unionised - b.counts.unionised,
      render: (_, row) => <CountLink row={row} measure="unionised" open={open} />,
    },
    rateColumn('establishmentRate', '建会率'),
    rateColumn('workerCoverage', '职工覆盖率'),
    rateColumn('membershipRate', '入会率'),
    rateColumn('wageBargainingRate', '工资协商建制率'),
    rateColumn('workersCongressRate', '职代会建制率'),
    ...(canTarget
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, row: CoverageRow) =>
              row.org ? (
                <a
                  data-testid="set-targets"
                  onClick={() =>
                    row.org && setEditing({ id: row.org.id, name: row.org.name, targets: row.targets })
                  }
                >
                  设置目标
                </a>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Breadcrumb items={crumbs} data-testid="coverage-breadcrumb" />
          <Row justify="space-between" align="middle" gutter={[16, 8]}>
            <Col>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="coverage-title">
                {nodeName} · 两个普遍
              </Typography.Title>
              <Space size={4} wrap>
                <Typography.Text type="secondary" data-testid="coverage-rule">
                  {ruleText(data.rule)}
                </Typography.Text>
                <Button type="link" size="small" data-testid="open-rule" onClick={() => setRuleOpen(true)}>
                  统计口径
                </Button>
              </Space>
            </Col>
            <Col>
              <Space>
                {canTarget && atRoot && node.org && (
                  <Button
                    data-testid="set-node-targets"
                    onClick={() =>
                      node.org && setEditing({ id: node.org.id, name: node.org.name, targets: node.targets })
                    }
                  >
                    设置本单位目标
                  </Button>
                )}
                {canTarget && node.org && (
                  <TargetsImportButton orgId={node.org.id} orgName={node.org.name} year={year} />
                )}
                <span>统计日期</span>
                <span data-testid="coverage-date">
                  <DatePicker
                    allowClear={false}
                    value={dayjs(date)}
                    disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')}
                    onChange={(d) => d && go({ orgId, date: d.format('YYYY-MM-DD') })}
                  />
                </span>
                <Button
                  icon={<DownloadOutlined />}
                  href={reportHref(orgId, date)}
                  download
                  data-testid="export-report"
                >
                  导出统计报表
                </Button>
              </Space>
            </Col>
          </Row>
        </Space>
      </Card>
      <Row gutter={[12, 12]} data-testid="coverage-cards">
        {RATE_KEYS.map((key) => (
          <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
            <RateCard rateKey={key} row={node} open={open} />
          </Col>
        ))}
      </Row>
      <TrendCard orgId={orgId} date={date} targets={node.targets} />
      <AlertSummaryCard orgId={orgId} />
      <Card size="small" title="下级单位">
        <Table<CoverageRow>
          data-testid="coverage-table"
          rowKey={(row) => row.org?.id ?? 'direct'}
          size="small"
          columns={columns}
          dataSource={data.children}
          loading={view.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有下级单位' }}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="coverage-total-row" style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>合计（{nodeName}）</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <CountLink row={node} measure="enterprises" open={open} testId="total-enterprises" />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <CountLink row={node} measure="unionised" open={open} testId="total-unionised" />
                </Table.Summary.Cell>
                {(
                  [
                    'establishmentRate',
                    'workerCoverage',
                    'membershipRate',
                    'wageBargainingRate',
                    'workersCongressRate',
                  ] as const
                ).map((key, i) => (
                  <Table.Summary.Cell key={key} index={3 + i} align="right">
                    {percent(node.rates[key])}
                  </Table.Summary.Cell>
                ))}
                {canTarget && <Table.Summary.Cell index={8} />}
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Card>
      <Suspense fallback={null}>
        {editing && (
          <TargetsModal
            key={`${editing.id}-${year}`}
            orgId={editing.id}
            orgName={editing.name}
            year={year}
            targets={editing.targets}
            onClose={() => setEditing(null)}
          />
        )}
        {ruleOpen && (
          <RuleModal year={year} editable={canTarget && atRoot} onClose={() => setRuleOpen(false)} />
        )}
      </Suspense>
      {target && (
        <EnterpriseDrawer
          key={`${target.orgId}-${target.measure}-${date}`}
          target={target}
          date={date}
          onClose={() => setTarget(null)}
        />
      )}
    </Space>
  );
}
