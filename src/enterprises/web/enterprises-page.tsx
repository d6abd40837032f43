// The enterprise registry (`/enterprises`): filters, server-side paging and sorting, all kept in
// the address bar so that a link or the back button returns to the same page; export of the
// filtered list, import and registering a new enterprise.
import { useRef, useState } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import {
  ENTERPRISE_STATUSES,
  MISSING_FILTERS,
  MISSING_LABELS,
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  SIZE_BANDS,
  SIZE_BAND_LABELS,
  STATUS_LABELS,
  type EnterpriseView,
} from '../contract';
import { enterpriseKeys, fetchEnterprises } from './enterprise-api';
import {
  exportHref,
  FILTER_KEYS,
  isFiltered,
  PAGE_SIZES,
  readListState,
  writeListState,
  type EnterpriseSort,
  type FilterKey,
  type ListState,
} from './enterprise-format';
import { EnterpriseFormModal } from './enterprise-form';
import { HostOrgSelect } from './org-pickers';
import { ContractTag } from './union-summary';
import { chinaToday } from '../../platform/shared/dates';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

const HAS_UNION_LABELS = { true: '已建会', false: '未建会' } as const;

export default function EnterprisesPage() {
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const [creating, setCreating] = useState(false);
  const today = chinaToday();
  // The cursor each page starts after, learnt from the page before it: the next page is then an
  // index range on the server however deep it lies.
  const cursors = useRef(new Map<string, string>());
  const cursorKey = (s: ListState) => JSON.stringify(enterpriseKeys.list(s));
  const list = useQuery({
    queryKey: enterpriseKeys.list(state),
    queryFn: async () => {
      const page = await fetchEnterprises(state, { after: cursors.current.get(cursorKey(state)) });
      if (page.nextCursor)
        cursors.current.set(cursorKey({ ...state, page: state.page + 1 }), page.nextCursor);
      return page;
    },
    placeholderData: keepPreviousData,
  });
  // A large total is the server's estimate until the user asks for the exact count.
  const [countAsked, setCountAsked] = useState<string | null>(null);
  const countKey = JSON.stringify(enterpriseKeys.count(state));
  const exactCount = useQuery({
    queryKey: enterpriseKeys.count(state),
    queryFn: () => fetchEnterprises({ ...state, page: 1, pageSize: 1 }, { exactTotal: true }),
    enabled: countAsked === countKey,
  });

  const go = (next: ListState) => setParams(writeListState(next));
  const filter = (key: FilterKey, value: string | undefined) =>
    go({ ...state, [key]: value || undefined, page: 1 });
  const sortOrder = (key: EnterpriseSort) =>
    state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null;
  // Districts of the user's scope are worth naming only above the district level.
  const showDistrict = (row: EnterpriseView) => row.district && row.district.id !== me.scope.id;

  const columns: ColumnsType<EnterpriseView> = [
    {
      title: '企业名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      sortDirections: ['ascend', 'descend'],
      width: 196,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <Link to={`/enterprises/${row.id}`} data-testid="enterprise-link">
            {row.name}
          </Link>
          {(row.status === 'closed' || row.aboveDesignatedSize || row.global500) && (
            <Space size={4}>
              {row.status === 'closed' && <Tag style={{ marginInlineEnd: 0 }}>{STATUS_LABELS.closed}</Tag>}
              {row.aboveDesignatedSize && (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  规上
                </Tag>
              )}
              {row.global500 && (
                <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                  500强
                </Tag>
              )}
            </Space>
          )}
        </Space>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      key: 'uscc',
      width: 160,
      render: (uscc: string) => <span style={{ fontFamily: 'monospace', fontSize: 13 }}>{uscc}</span>,
    },
    {
      title: '所属乡镇(街道)',
      key: 'org',
      width: 110,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <span>{row.org.name}</span>
          {showDistrict(row) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.district?.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '职工数',
      dataIndex: 'employees',
      key: 'employees',
      align: 'right',
      width: 80,
      sorter: true,
      sortOrder: sortOrder('employees'),
      sortDirections: ['descend', 'ascend'],
      render: (v: number | null) => v ?? '—',
    },
    {
      title: '经济类型',
      dataIndex: 'ownership',
      key: 'ownership',
      width: 90,
      render: (v: EnterpriseView['ownership']) => (v ? OWNERSHIP_LABELS[v] : '—'),
    },
    {
      title: '建会日期',
      key: 'unionFoundedOn',
      width: 104,
      sorter: true,
      sortOrder: sortOrder('unionFoundedOn'),
      sortDirections: ['ascend', 'descend'],
      render: (_, row) =>
        !row.hasUnion ? (
          <Tag color="volcano">未建会</Tag>
        ) : row.unionFoundedOn ? (
          <span>{row.unionFoundedOn}</span>
        ) : (
          <Tooltip title={row.jointUnion?.name}>
            <Tag color="green">联合工会覆盖</Tag>
          </Tooltip>
        ),
    },
    {
      title: '会员',
      dataIndex: 'members',
      key: 'members',
      align: 'right',
      width: 60,
      render: (v: number | null, row) => (row.hasUnion && v !== null ? v : '—'),
    },
    {
      title: '集体合同',
      key: 'collectiveContract',
      width: 120,
      render: (_, row) =>
        row.hasUnion ? <ContractTag validTo={row.collectiveContractTo} today={today} short /> : '—',
    },
    {
      title: '工资专项协议',
      key: 'wageAgreement',
      width: 120,
      render: (_, row) =>
        row.hasUnion ? <ContractTag validTo={row.wageAgreementTo} today={today} short /> : '—',
    },
    {
      title: '换届',
      key: 'election',
      width: 100,
      render: (_, row) =>
        !row.hasUnion ? (
          '—'
        ) : row.electionOverdue ? (
          <Tag color="red">换届逾期</Tag>
        ) : row.lastElectionOn ? (
          <Typography.Text type="secondary">{row.lastElectionOn}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">未换届</Typography.Text>
        ),
    },
  ];

  const exact = list.data?.totalExact !== false || exactCount.data !== undefined;
  const total = exactCount.data?.total ?? list.data?.total ?? 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" data-testid="enterprise-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Input.Search
              key={state.q ?? ''}
              defaultValue={state.q}
              placeholder="企业名称或统一社会信用代码"
              allowClear
              enterButton="搜索"
              maxLength={50}
              onSearch={(q) => filter('q', q.trim())}
              data-testid="enterprise-search"
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <HostOrgSelect
              allowClear
              value={state.orgId}
              onChange={(v) => filter('orgId', v)}
              placeholder="全部区、乡镇(街道)"
              style={{ width: '100%' }}
              data-testid="enterprise-org-filter"
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select
              allowClear
              placeholder="经济类型"
              value={state.ownership}
              onChange={(v?: string) => filter('ownership', v)}
              options={options(OWNERSHIPS, OWNERSHIP_LABELS)}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select
              allowClear
              placeholder="职工规模"
              value={state.sizeBand}
              onChange={(v?: string) => filter('sizeBand', v)}
              options={options(SIZE_BANDS, SIZE_BAND_LABELS)}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select
              allowClear
              placeholder="是否建会"
              value={state.hasUnion}
              onChange={(v?: string) => filter('hasUnion', v)}
              options={options(['true', 'false'] as const, HAS_UNION_LABELS)}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6} xl={7}>
            <Select
              allowClear
              placeholder="缺少的制度"
              value={state.missing}
              onChange={(v?: string) => filter('missing', v)}
              options={options(MISSING_FILTERS, MISSING_LABELS)}
              style={{ width: '100%' }}
              data-testid="enterprise-missing-filter"
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select
              allowClear
              placeholder="经营状态"
              value={state.status}
              onChange={(v?: string) => filter('status', v)}
              options={options(ENTERPRISE_STATUSES, STATUS_LABELS)}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6} xl={7}>
            <Button
              icon={<ReloadOutlined />}
              disabled={!isFiltered(state)}
              onClick={() =>
                go({ ...state, ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])), page: 1 })
              }
            >
              清空筛选
            </Button>
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <span>企业名单</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="enterprise-total">
              {list.data
                ? `${exact ? '共' : '约'} ${total.toLocaleString('zh-CN')} 家${isFiltered(state) ? '（已筛选）' : ''}`
                : ''}
            </Typography.Text>
            {list.data && !exact && (
              <Button
                type="link"
                size="small"
                loading={exactCount.isFetching}
                onClick={() => setCountAsked(countKey)}
                data-testid="enterprise-exact-total"
              >
                精确计数
              </Button>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Tooltip title={`按当前筛选条件导出全部 ${total} 家企业（Excel）`}>
              <Button icon={<DownloadOutlined />} href={exportHref(state)} download disabled={!total}>
                导出
              </Button>
            </Tooltip>
            {can('enterprise:write') && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => void navigate('/enterprises/import')}>
                  导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  登记企业
                </Button>
              </>
            )}
          </Space>
        }
      >
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<EnterpriseView>
            data-testid="enterprise-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1140 }}
            locale={{ emptyText: isFiltered(state) ? '没有符合条件的企业' : '还没有登记企业' }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showQuickJumper: total > state.pageSize * 5,
              showTotal: (n, [from, to]) => `第 ${from}-${to} 家，${exact ? '共' : '约'} ${n} 家`,
            }}
            onChange={(pagination, _filters, sorter, extra) => {
              if (extra.action === 'sort') {
                const s = sorter as SorterResult<EnterpriseView>;
                const key = (s.columnKey as EnterpriseSort | undefined) ?? 'name';
                go({
                  ...state,
                  sort: s.order ? key : 'name',
                  order: s.order === 'descend' ? 'desc' : 'asc',
                  page: 1,
                });
                return;
              }
              const pageSize = pagination.pageSize ?? state.pageSize;
              go({ ...state, page: pageSize !== state.pageSize ? 1 : (pagination.current ?? 1), pageSize });
            }}
          />
        )}
      </Card>
      {creating && (
        <EnterpriseFormModal
          mode="create"
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void navigate(`/enterprises/${saved.id}`);
          }}
        />
      )}
    </Space>
  );
}
