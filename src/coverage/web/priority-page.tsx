// The three-category (priority) enterprises worklist (`/priority`): category tabs with their
// totals, a reason filter limited to the chosen category, the district / township filter and a
// server-paged table. Everything lives in the address bar so a link returns to the same list.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, ReloadOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import { HostOrgSelect } from '../../enterprises/web/org-pickers';
import {
  PRIORITY_REASONS,
  REASON_CATEGORY,
  REASON_LABELS,
  type PriorityItem,
  type PriorityReason,
} from '../contract';
import {
  fetchPriority,
  fetchPriorityRule,
  fetchPriorityTotal,
  priorityKeys,
  priorityRuleKey,
  weakUnionText,
  type PriorityState,
} from './priority-api';
import { priorityExportHref } from './export-links';

const PriorityRuleModal = lazy(() =>
  import('./priority-rule').then((m) => ({ default: m.PriorityRuleModal })),
);
const PairModal = lazy(() => import('../../service/web/pair-modal'));

type Category = 1 | 2 | 3;
const CATEGORIES: Category[] = [1, 2, 3];
const CATEGORY_LABELS: Record<Category, string> = { 1: '一类', 2: '二类', 3: '三类' };
const CATEGORY_HINTS: Record<Category, string> = {
  1: '非公规模以上或百人以上企业（世界 500 强在华企业优先）',
  2: '集中排查发现问题：建会难、工会作用发挥不好、劳动关系紧张',
  3: '已建会但工会薄弱：缺职代会、会员代表大会、有效集体合同、工资专项集体协议，换届逾期或会员满意率低中的多项',
};
const CATEGORY_COLORS: Record<Category, string> = { 1: 'blue', 2: 'volcano', 3: 'gold' };
const PAGE_SIZES = [20, 50, 100];

const isCategory = (n: number): n is Category => n === 1 || n === 2 || n === 3;
const isReason = (v: string | null): v is PriorityReason =>
  v !== null && (PRIORITY_REASONS as readonly string[]).includes(v);

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readState(params: URLSearchParams): PriorityState {
  const category = Number(params.get('category'));
  const reason = params.get('reason');
  const orgId = params.get('orgId') || undefined;
  const pageSize = positive(params.get('pageSize'), 20, 500);
  return {
    orgId,
    category: isCategory(category) ? category : undefined,
    reason: isReason(reason) ? reason : undefined,
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeState(state: PriorityState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.orgId) params.set('orgId', state.orgId);
  if (state.category) params.set('category', String(state.category));
  if (state.reason) params.set('reason', state.reason);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

function useTabTotal(orgId: string | undefined, category: Category | undefined) {
  return useQuery({
    queryKey: priorityKeys.total(orgId, category),
    queryFn: () => fetchPriorityTotal(orgId, category),
    staleTime: 60_000,
  });
}

export default function PriorityPage() {
  const { me, can } = useAuth();
  const [ruleOpen, setRuleOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [pairing, setPairing] = useState(false);
  const canPair = can('service:record');
  const rule = useQuery({ queryKey: priorityRuleKey, queryFn: fetchPriorityRule, staleTime: 60_000 });
  const hint = (c: Category) => (c === 3 && rule.data ? weakUnionText(rule.data) : CATEGORY_HINTS[c]);
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const go = (next: PriorityState) => setParams(writeState(next));

  const list = useQuery({
    queryKey: priorityKeys.list(state),
    queryFn: () => fetchPriority(state),
    placeholderData: keepPreviousData,
  });
  const totals = {
    all: useTabTotal(state.orgId, undefined),
    1: useTabTotal(state.orgId, 1),
    2: useTabTotal(state.orgId, 2),
    3: useTabTotal(state.orgId, 3),
  };
  const count = (q: { data?: number }) => (q.data === undefined ? '' : ` ${q.data}`);

  const reasonOptions = PRIORITY_REASONS.filter(
    (r) => !state.category || REASON_CATEGORY[r] === state.category,
  ).map((r) => ({
    value: r,
    label: state.category ? REASON_LABELS[r] : `${CATEGORY_LABELS[REASON_CATEGORY[r]]}：${REASON_LABELS[r]}`,
  }));
  const filtered = Boolean(state.orgId || state.category || state.reason);

  const columns: ColumnsType<PriorityItem> = [
    {
      title: '企业名称',
      key: 'name',
      width: 240,
      render: (_, { enterprise: e }) => (
        <Space direction="vertical" size={0}>
          <Link to={`/enterprises/${e.id}`} data-testid="priority-enterprise-link">
            {e.name}
          </Link>
          {(e.global500 || e.aboveDesignatedSize || !e.hasUnion) && (
            <Space size={4}>
              {e.global500 && (
                <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                  500强
                </Tag>
              )}
              {e.aboveDesignatedSize && (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  规上
                </Tag>
              )}
              {!e.hasUnion && (
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                  未建会
                </Tag>
              )}
            </Space>
          )}
        </Space>
      ),
    },
    {
      title: '所属乡镇(街道)',
      key: 'org',
      width: 140,
      render: (_, { enterprise: e }) => (
        <Space direction="vertical" size={0}>
          <span>{e.org.name}</span>
          {/* The district is worth naming only above the district level. */}
          {e.district && e.district.id !== e.org.id && e.district.id !== me.scope.id && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.district.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '职工数',
      key: 'employees',
      align: 'right',
      width: 80,
      render: (_, { enterprise: e }) => e.employees ?? '—',
    },
    {
      title: '紧急度',
      key: 'urgency',
      align: 'right',
      width: 72,
      render: (_, row) => <span data-testid="priority-urgency">{row.urgency}</span>,
    },
    {
      title: '类别',
      key: 'categories',
      width: 150,
      render: (_, row) => (
        <Space size={4} wrap>
          {row.categories.filter(isCategory).map((c) => (
            <Tag key={c} color={CATEGORY_COLORS[c]} style={{ marginInlineEnd: 0 }}>
              {CATEGORY_LABELS[c]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '原因',
      key: 'reasons',
      render: (_, row) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="priority-reasons">
          {row.reasons.map((r) => (
            <li key={r.code}>{r.text}</li>
          ))}
        </ul>
      ),
    },
  ];

  const total = list.data?.total ?? 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" data-testid="priority-filters">
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Segmented<number>
            data-testid="priority-category"
            value={state.category ?? 0}
            onChange={(v) => {
              const category = isCategory(v) ? v : undefined;
              const reason =
                state.reason && category && REASON_CATEGORY[state.reason] !== category
                  ? undefined
                  : state.reason;
              go({ ...state, category, reason, page: 1 });
            }}
            options={[
              { value: 0, label: `全部${count(totals.all)}` },
              ...CATEGORIES.map((c) => ({ value: c, label: `${CATEGORY_LABELS[c]}${count(totals[c])}` })),
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {state.category
              ? hint(state.category)
              : '一类：非公规模以上或百人以上企业；二类：集中排查发现问题；三类：已建会但工会薄弱。一家企业可同时属于多类，名单按紧急度排列。'}
          </Typography.Text>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={10} xl={7}>
              <HostOrgSelect
                allowClear
                value={state.orgId}
                onChange={(orgId) => go({ ...state, orgId, page: 1 })}
                placeholder="全部区、乡镇(街道)"
                style={{ width: '100%' }}
                data-testid="priority-org-filter"
              />
            </Col>
            <Col xs={24} md={10} xl={9}>
              <Select<PriorityReason>
                allowClear
                placeholder="全部原因"
                value={state.reason}
                onChange={(reason?: PriorityReason) =>
                  go({
                    ...state,
                    reason,
                    // A reason belongs to one category: show that category's tab.
                    category: reason ? REASON_CATEGORY[reason] : state.category,
                    page: 1,
                  })
                }
                options={reasonOptions}
                style={{ width: '100%' }}
                data-testid="priority-reason-filter"
              />
            </Col>
            <Col xs={24} md={4} xl={4}>
              <Button
                icon={<ReloadOutlined />}
                disabled={!filtered}
                onClick={() => go({ page: 1, pageSize: state.pageSize })}
              >
                清空筛选
              </Button>
            </Col>
          </Row>
        </Space>
      </Card>
      <Card
        size="small"
        extra={
          <Space wrap>
            {canPair && (
              <Button
                type="primary"
                icon={<TeamOutlined />}
                disabled={!selected.length}
                onClick={() => setPairing(true)}
                data-testid="priority-pair"
              >
                挂钩给服务干部{selected.length ? `（${selected.length}）` : ''}
              </Button>
            )}
            <Button
              icon={<SettingOutlined />}
              onClick={() => setRuleOpen(true)}
              data-testid="priority-rule-open"
            >
              认定规则
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={priorityExportHref(state)}
              download
              disabled={!total}
              data-testid="priority-export"
            >
              导出
            </Button>
          </Space>
        }
        title={
          <Space>
            <span>三类企业名单</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="priority-total">
              {list.data ? `共 ${total} 家${filtered ? '（已筛选）' : ''}` : ''}
            </Typography.Text>
          </Space>
        }
      >
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<PriorityItem>
            data-testid="priority-table"
            rowKey={(row) => row.enterprise.id}
            rowSelection={
              canPair
                ? {
                    selectedRowKeys: selected,
                    preserveSelectedRowKeys: true,
                    onChange: (keys) => setSelected(keys.map(String)),
                  }
                : undefined
            }
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            locale={{
              emptyText: filtered ? '没有符合条件的企业' : '管理范围内没有需要重点关注的三类企业',
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (n, [from, to]) => `第 ${from}-${to} 家，共 ${n} 家`,
            }}
            onChange={(pagination) => {
              const pageSize = pagination.pageSize ?? state.pageSize;
              go({ ...state, page: pageSize !== state.pageSize ? 1 : (pagination.current ?? 1), pageSize });
            }}
          />
        )}
      </Card>
      {pairing && (
        <Suspense fallback={null}>
          <PairModal
            enterpriseIds={selected}
            onClose={() => setPairing(false)}
            onDone={() => {
              setPairing(false);
              setSelected([]);
            }}
          />
        </Suspense>
      )}
      {ruleOpen && (
        <Suspense fallback={null}>
          <PriorityRuleModal
            editable={can('coverage:target') && me.scope.kind === 'cityFederation'}
            onClose={() => setRuleOpen(false)}
          />
        </Suspense>
      )}
    </Space>
  );
}
