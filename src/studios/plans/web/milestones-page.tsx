// The worklist of the studios' milestones (`/studios/milestones`, 计划进度) for districts and the
// city: late ones highlighted, filtered by due state, unit, year and studio, exported as xlsx.
import { Card, InputNumber, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../../web/components/export-button';
import { FilterSelect } from '../../../web/components/filter-select';
import { useListParams } from '../../../web/components/list-params';
import { PagedTable } from '../../../web/components/paged-table';
import { HostOrgSelect } from '../../../enterprises/web/org-pickers';
import { MILESTONE_DUE_LABELS, MILESTONE_DUES, type MilestoneDue, type MilestoneRow } from '../contract';
import { MilestoneStatusTag, flagged } from './milestone-format';
import { fetchMilestones, MILESTONES_API, planKeys } from './plans-api';

export default function MilestonesPage() {
  const { get, page, pageSize, set, paging } = useListParams();
  const yearText = get('year');
  const due = MILESTONE_DUES.find((d) => d === get('due'));
  const filters = {
    due: due && due !== 'all' ? due : undefined,
    orgId: get('orgId'),
    studioId: get('studioId'),
    year: yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined,
  };
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: planKeys.worklist(query),
    queryFn: () => fetchMilestones(query),
    placeholderData: keepPreviousData,
  });
  const studioName = list.data?.items.find((r) => r.studioId === filters.studioId)?.studio.name;
  const columns: ColumnsType<MilestoneRow> = [
    {
      title: '工作室',
      key: 'studio',
      width: 200,
      render: (_, r) => (
        <Link to={`/studios/${r.studioId}?tab=plan`} data-testid="milestone-studio">
          {r.studio.name}
        </Link>
      ),
    },
    { title: '安排内容', key: 'title', render: (_, r) => r.title },
    { title: '责任人', key: 'owner', width: 90, render: (_, r) => r.owner },
    { title: '完成时限', key: 'due', width: 110, render: (_, r) => r.dueOn },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, r) => <MilestoneStatusTag status={r.status} daysLate={r.daysLate} />,
    },
    { title: '进度', key: 'percent', width: 70, render: (_, r) => `${r.percent}%` },
    {
      title: '最新进展',
      key: 'progress',
      render: (_, r) =>
        r.progressText ? (
          <Typography.Text type="secondary">
            {r.lastReportedOn}：{r.progressText}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: '所属地区', key: 'district', width: 120, render: (_, r) => r.district },
  ];
  return (
    <Card title="工作室计划进度">
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          placeholder="全部安排"
          value={filters.due}
          onChange={(d?: string) => set({ due: d })}
          options={MILESTONE_DUES.filter((d) => d !== 'all').map((d: MilestoneDue) => ({
            value: d,
            label: MILESTONE_DUE_LABELS[d],
          }))}
          minWidth={150}
          testId="milestone-due"
        />
        <HostOrgSelect
          allowClear
          value={filters.orgId}
          onChange={(orgId) => set({ orgId })}
          placeholder="全部区、乡镇(街道)"
          style={{ minWidth: 200 }}
        />
        <InputNumber
          placeholder="年度"
          min={1950}
          max={2100}
          precision={0}
          value={filters.year ?? null}
          onChange={(y) => set({ year: y ? String(y) : undefined })}
          style={{ width: 100 }}
        />
        {filters.studioId && (
          <Tag closable onClose={() => set({ studioId: undefined })}>
            工作室：{studioName ?? '已选'}
          </Tag>
        )}
        <ExportButton path={`${MILESTONES_API}/export.xlsx`} query={filters} />
      </Space>
      <PagedTable<MilestoneRow>
        list={list}
        paging={paging}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1000 }}
        onRow={(r) => (flagged(r.status) ? { style: { background: '#fff1f0' } } : {})}
        locale={{ emptyText: '没有符合条件的计划安排' }}
        data-testid="milestone-table"
      />
    </Card>
  );
}
