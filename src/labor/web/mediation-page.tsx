// Union mediation of labour disputes (`/labor/mediation`): the cases of the reader's scope (the
// open first; workers' personal data masked in the list), filtered by state, result, unit, name
// and "mine"; taking an application; each case opens in a drawer; the mediators' caseload.
import { useState } from 'react';
import { Button, Card, Input, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth } from '../../web/auth';
import { HostOrgSelect } from '../../enterprises/web/org-pickers';
import { FilterSelect } from '../../web/components/filter-select';
import { PagedTable } from '../../web/components/paged-table';
import { useListParams } from '../../web/components/list-params';
import { amountText } from '../contract';
import {
  CASE_RESULTS,
  CASE_RESULT_LABELS,
  CASE_STATES,
  CASE_STATE_LABELS,
  type CaseResult,
  type CaseState,
  type CaseView,
} from '../mediation-contract';
import { fetchCases, fetchMediators, mediationKeys } from './mediation-api';
import { CaseDrawer } from './case-drawer';
import { CaseFormModal } from './case-form-modal';

function Caseload({ orgId }: { orgId: string | undefined }) {
  const query = useQuery({ queryKey: mediationKeys.mediators(orgId), queryFn: () => fetchMediators(orgId) });
  return (
    <Table
      size="small"
      rowKey="id"
      loading={query.isPending}
      dataSource={query.data?.items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '本范围内没有调解员' }}
      columns={[
        { title: '调解员', dataIndex: 'name' },
        { title: '所在单位', key: 'org', render: (_, m) => m.org.name },
        { title: '在办案件', dataIndex: 'open', align: 'right' },
        { title: '今年结案', dataIndex: 'closedThisYear', align: 'right' },
        { title: '其中达成协议', dataIndex: 'agreedThisYear', align: 'right' },
      ]}
      data-testid="mediator-table"
    />
  );
}

export default function MediationPage() {
  const { can } = useAuth();
  const [taking, setTaking] = useState(false);
  const { get, page, pageSize, set, paging } = useListParams();
  const query = {
    orgId: get('orgId'),
    state: get('state') as CaseState | undefined,
    result: get('result') as CaseResult | undefined,
    mine: get('mine') === 'true' ? 'true' : undefined,
    q: get('q'),
    page,
    pageSize,
  };
  const open = get('case');
  const tab = get('tab') === 'mediators' ? 'mediators' : 'cases';
  const list = useQuery({
    queryKey: mediationKeys.cases(query),
    queryFn: () => fetchCases(query),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<CaseView> = [
    {
      title: '案号',
      key: 'no',
      render: (_, c) => (
        <a onClick={() => set({ case: c.id }, true)} data-testid="case-open">
          {c.caseNo}
        </a>
      ),
    },
    { title: '受理单位', key: 'org', render: (_, c) => c.org.name },
    { title: '被申请人', key: 'employer', render: (_, c) => c.employer.name },
    {
      title: '申请人',
      key: 'workers',
      render: (_, c) =>
        c.workers.length > 2
          ? `${c.workers
              .slice(0, 2)
              .map((w) => w.name)
              .join('、')} 等 ${c.workers.length} 人`
          : c.workers.map((w) => w.name).join('、'),
    },
    { title: '请求金额', key: 'claimed', align: 'right', render: (_, c) => amountText(c.claimedFen) },
    { title: '申请日期', dataIndex: 'appliedOn' },
    { title: '调解员', key: 'mediators', render: (_, c) => c.mediators.map((m) => m.name).join('、') },
    {
      title: '状态',
      key: 'state',
      render: (_, c) => (c.result ? CASE_RESULT_LABELS[c.result] : CASE_STATE_LABELS[c.state]),
    },
    { title: '历时', key: 'days', align: 'right', render: (_, c) => `${c.days} 天` },
  ];
  return (
    <Card
      title="劳动争议调解"
      extra={
        can('labor:mediate') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTaking(true)}
            data-testid="case-new"
          >
            受理调解
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'mediators' ? 'mediators' : undefined })}
        items={[
          {
            key: 'cases',
            label: '调解案件',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <FilterSelect
                    placeholder="全部状态"
                    value={query.state}
                    onChange={(state) => set({ state })}
                    options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
                    minWidth={110}
                  />
                  <FilterSelect
                    placeholder="全部结果"
                    value={query.result}
                    onChange={(result) => set({ result })}
                    options={CASE_RESULTS.map((r) => ({ value: r, label: CASE_RESULT_LABELS[r] }))}
                    minWidth={180}
                  />
                  {can('labor:mediate') && (
                    <FilterSelect
                      placeholder="全部案件"
                      value={query.mine}
                      onChange={(mine) => set({ mine })}
                      options={[{ value: 'true', label: '我承办的' }]}
                      minWidth={110}
                    />
                  )}
                  <HostOrgSelect
                    allowClear
                    value={query.orgId}
                    onChange={(orgId) => set({ orgId })}
                    placeholder="全部单位"
                    style={{ minWidth: 200 }}
                  />
                  <Input.Search
                    allowClear
                    defaultValue={query.q}
                    placeholder="被申请人名称"
                    onSearch={(value) => set({ q: value.trim() || undefined })}
                    style={{ maxWidth: 220 }}
                  />
                </Space>
                <PagedTable<CaseView>
                  list={list}
                  paging={paging}
                  rowKey="id"
                  columns={columns}
                  scroll={{ x: 980 }}
                  locale={{ emptyText: '没有符合条件的调解案件' }}
                  data-testid="case-table"
                />
              </>
            ),
          },
          { key: 'mediators', label: '调解员办案量', children: <Caseload orgId={query.orgId} /> },
        ]}
      />
      {open && <CaseDrawer id={open} onClose={() => set({ case: undefined }, true)} />}
      {taking && (
        <CaseFormModal
          onClose={() => setTaking(false)}
          onCreated={(c) => {
            setTaking(false);
            set({ case: c.id }, true);
          }}
        />
      )}
    </Card>
  );
}
