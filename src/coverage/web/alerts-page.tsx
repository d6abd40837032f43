// The due-date alerts (`/alerts`): one tab per kind with its count, expiring / expired for
// contracts, how many days ahead to warn, the district / township filter and a server-paged
// table with each enterprise's reason, most urgent first. Everything lives in the address bar.
import { useState } from 'react';
import { Button, Card, Col, Empty, InputNumber, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorResult } from '../../web/components/page-state';
import { HostOrgSelect } from '../../enterprises/web/org-pickers';
import { EnterpriseTownship } from './enterprise-township';
import {
  ALERT_KINDS,
  ALERT_KIND_HINTS,
  ALERT_KIND_LABELS,
  ALERT_STATE_LABELS,
  DEFAULT_WITHIN_DAYS,
  isContractAlert,
  type AlertItem,
} from '../alerts-contract';
import {
  alertKeys,
  alertsHref,
  fetchAlerts,
  fetchAlertSummary,
  isAlertKind,
  isAlertState,
  type AlertFilters,
} from './alerts-api';

const PAGE_SIZES = [20, 50, 100];

function whole(text: string | null, fallback: number, min: number, max: number): number {
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

function readFilters(params: URLSearchParams): AlertFilters {
  const kind = params.get('kind');
  const state = params.get('state');
  const pageSize = whole(params.get('pageSize'), 20, 1, 500);
  const chosen = isAlertKind(kind) ? kind : ALERT_KINDS[0];
  return {
    orgId: params.get('orgId') || undefined,
    kind: chosen,
    state: isContractAlert(chosen) && isAlertState(state) ? state : undefined,
    withinDays: whole(params.get('withinDays'), DEFAULT_WITHIN_DAYS, 1, 365),
    page: whole(params.get('page'), 1, 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** How pressing an alert is: red once past, orange within a week, gold further out. */
function UrgencyTag({ item }: { item: AlertItem }) {
  if (item.daysLeft === null) return <Tag color="gold">未评家</Tag>;
  if (item.daysLeft < 0)
    return <Tag color="red">{item.kind === 'electionOverdue' ? '逾期' : ALERT_STATE_LABELS.expired}</Tag>;
  if (item.daysLeft === 0) return <Tag color="volcano">今天到期</Tag>;
  return <Tag color={item.daysLeft <= 7 ? 'orange' : 'gold'}>{ALERT_STATE_LABELS.expiring}</Tag>;
}

/**
 * The days-ahead input: applied when a whole number between 1 and 365 is typed. The parent keys
 * it by the applied value, so a change from the address bar starts it afresh.
 */
function WithinDaysInput({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const [text, setText] = useState<number | null>(value);
  return (
    <Space size={4} align="center">
      <span>提前</span>
      <InputNumber<number>
        data-testid="alerts-within-days"
        min={1}
        max={365}
        precision={0}
        value={text}
        style={{ width: 90 }}
        onChange={(v) => {
          setText(v);
          if (v !== null && Number.isInteger(v) && v >= 1 && v <= 365 && v !== value) onChange(v);
        }}
        onBlur={() => setText(value)}
      />
      <span>天提醒</span>
    </Space>
  );
}

export default function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const go = (next: AlertFilters) => setParams(new URLSearchParams(alertsHref(next).split('?')[1] ?? ''));

  const summary = useQuery({
    queryKey: alertKeys.summary(filters.orgId, filters.withinDays),
    queryFn: () => fetchAlertSummary(filters.orgId, filters.withinDays),
    placeholderData: keepPreviousData,
  });
  const list = useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: () => fetchAlerts(filters),
    placeholderData: keepPreviousData,
  });

  const counts = new Map(summary.data?.kinds.map((k) => [k.kind, k]));
  const current = counts.get(filters.kind);
  const contract = isContractAlert(filters.kind);
  const label = ALERT_KIND_LABELS[filters.kind];
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : ` ${n}`);
  const filtered = Boolean(filters.orgId || filters.state || filters.withinDays !== DEFAULT_WITHIN_DAYS);

  const columns: ColumnsType<AlertItem> = [
    {
      title: '企业名称',
      key: 'name',
      width: 260,
      render: (_, { enterprise: e }) => (
        <Link to={`/enterprises/${e.id}`} data-testid="alerts-enterprise-link">
          {e.name}
        </Link>
      ),
    },
    {
      title: '所属乡镇(街道)',
      key: 'org',
      width: 160,
      render: (_, { enterprise: e }) => <EnterpriseTownship enterprise={e} />,
    },
    {
      title: '职工数',
      key: 'employees',
      align: 'right',
      width: 80,
      render: (_, { enterprise: e }) => e.employees ?? '—',
    },
    {
      title: '提醒原因',
      key: 'reason',
      render: (_, item) => (
        <Space size={6} wrap data-testid="alerts-reason">
          <UrgencyTag item={item} />
          <span>{item.reason}</span>
        </Space>
      ),
    },
  ];

  const total = list.data?.total ?? 0;
  const stateLabel = filters.state ? ALERT_STATE_LABELS[filters.state] : '';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" data-testid="alerts-filters">
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Segmented<string>
            data-testid="alerts-kind"
            value={filters.kind}
            onChange={(v) => isAlertKind(v) && go({ ...filters, kind: v, state: undefined, page: 1 })}
            options={ALERT_KINDS.map((k) => ({
              value: k,
              label: `${ALERT_KIND_LABELS[k]}${count(counts.get(k)?.total)}`,
            }))}
          />
          {contract && (
            <Segmented<string>
              size="small"
              data-testid="alerts-state"
              value={filters.state ?? 'all'}
              onChange={(v) => go({ ...filters, state: isAlertState(v) ? v : undefined, page: 1 })}
              options={[
                { value: 'all', label: `全部${count(current?.total)}` },
                { value: 'expiring', label: `${ALERT_STATE_LABELS.expiring}${count(current?.expiring)}` },
                { value: 'expired', label: `${ALERT_STATE_LABELS.expired}${count(current?.expired)}` },
              ]}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {ALERT_KIND_HINTS[filters.kind]}
          </Typography.Text>
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={10} xl={7}>
              <HostOrgSelect
                allowClear
                value={filters.orgId}
                onChange={(orgId) => go({ ...filters, orgId, page: 1 })}
                placeholder="全部区、乡镇(街道)"
                style={{ width: '100%' }}
                data-testid="alerts-org-filter"
              />
            </Col>
            <Col>
              <WithinDaysInput
                key={filters.withinDays}
                value={filters.withinDays}
                onChange={(withinDays) => go({ ...filters, withinDays, page: 1 })}
              />
            </Col>
            <Col>
              <Button
                icon={<ReloadOutlined />}
                disabled={!filtered}
                onClick={() =>
                  go({
                    kind: filters.kind,
                    withinDays: DEFAULT_WITHIN_DAYS,
                    page: 1,
                    pageSize: filters.pageSize,
                  })
                }
              >
                清空筛选
              </Button>
            </Col>
          </Row>
        </Space>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <span>
              {label}
              {stateLabel && `（${stateLabel}）`}
            </span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="alerts-total">
              {list.data ? `共 ${total} 家` : ''}
              {summary.data ? `，截至 ${summary.data.date}` : ''}
            </Typography.Text>
          </Space>
        }
      >
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AlertItem>
            data-testid="alerts-table"
            rowKey={(item) => item.enterprise.id}
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 800 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    !contract
                      ? `没有需要提醒的企业（${label}）`
                      : filters.state === 'expired'
                        ? `没有已到期的${label}`
                        : filters.state === 'expiring'
                          ? `没有 ${filters.withinDays} 天内到期的${label}`
                          : `没有 ${filters.withinDays} 天内到期或已到期的${label}`
                  }
                />
              ),
            }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (n, [from, to]) => `第 ${from}-${to} 家，共 ${n} 家`,
            }}
            onChange={(pagination) => {
              const pageSize = pagination.pageSize ?? filters.pageSize;
              go({
                ...filters,
                page: pageSize !== filters.pageSize ? 1 : (pagination.current ?? 1),
                pageSize,
              });
            }}
          />
        )}
      </Card>
    </Space>
  );
}
