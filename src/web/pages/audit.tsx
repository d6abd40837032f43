// The audit trail of the user's subtree: who changed what and when, before and after side by side.
import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  type AuditEntryView,
  type AuditPage as AuditPageBody,
} from '../../platform/shared/audit-contract';
import { api } from '../api';
import { auditDiff, auditSubject, type AuditDiffRow } from '../audit-format';
import { ErrorResult } from '../components/page-state';
import { PAGE_SIZES, serverPaging } from '../components/paging';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

interface ListState {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readState(params: URLSearchParams): ListState {
  const day = (key: string) => {
    const value = params.get(key);
    return value && DAY.test(value) ? value : undefined;
  };
  const pageSize = positive(params.get('pageSize'), 20, 500);
  return {
    actor: params.get('actor')?.slice(0, 50) || undefined,
    action: params.get('action') || undefined,
    entity: params.get('entity') || undefined,
    entityId: params.get('entityId')?.slice(0, 64) || undefined,
    from: day('from'),
    to: day('to'),
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'entity', 'entityId', 'from', 'to'] as const) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

function AuditDiffView({ entry }: { entry: AuditEntryView }) {
  const [changedOnly, setChangedOnly] = useState(entry.before != null && entry.after != null);
  const rows = auditDiff(entry.before, entry.after);
  const both = entry.before != null && entry.after != null;
  const shown = changedOnly ? rows.filter((r) => r.changed) : rows;
  return (
    <div style={{ padding: '4px 8px' }} data-testid="audit-diff">
      {both && (
        <Space style={{ marginBottom: 8 }}>
          <Switch size="small" checked={changedOnly} onChange={setChangedOnly} />
          <span>只看修改过的字段（{rows.filter((r) => r.changed).length} 项）</span>
        </Space>
      )}
      <Table<AuditDiffRow>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={shown}
        locale={{ emptyText: '没有字段变化' }}
        rowClassName={(r) => (r.changed ? 'audit-changed' : '')}
        onRow={(r) => ({ style: r.changed ? { background: '#fffbe6' } : undefined })}
        columns={[
          { title: '字段', dataIndex: 'label', width: 180 },
          ...(entry.before != null
            ? [
                {
                  title: '修改前',
                  dataIndex: 'before',
                  render: (v: string, r: AuditDiffRow) =>
                    r.changed ? (
                      <Typography.Text type="danger" delete>
                        {v}
                      </Typography.Text>
                    ) : (
                      v
                    ),
                },
              ]
            : []),
          ...(entry.after != null
            ? [
                {
                  title: entry.before == null ? '新建时的内容' : '修改后',
                  dataIndex: 'after',
                  render: (v: string, r: AuditDiffRow) =>
                    r.changed ? (
                      <Typography.Text type="success" strong>
                        {v}
                      </Typography.Text>
                    ) : (
                      v
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const go = (next: ListState) => setParams(writeState(next));
  const [actor, setActor] = useState(state.actor ?? '');
  const [entityId, setEntityId] = useState(state.entityId ?? '');
  const list = useQuery({
    queryKey: ['audit', 'list', state],
    queryFn: () => api.get<AuditPageBody>('/api/audit', { ...state }),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<AuditEntryView> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (_, row) => dayjs(row.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: '操作人', dataIndex: 'actorName', width: 200, ellipsis: true },
    {
      title: '操作',
      dataIndex: 'action',
      width: 130,
      render: (_, row) => <Tag>{AUDIT_ACTION_LABELS[row.action] ?? row.action}</Tag>,
    },
    {
      title: '对象类型',
      dataIndex: 'entity',
      width: 100,
      render: (_, row) => AUDIT_ENTITY_LABELS[row.entity] ?? row.entity,
    },
    {
      title: '对象',
      key: 'subject',
      ellipsis: true,
      render: (_, row) => auditSubject(row.after ?? row.before) || '—',
    },
    {
      title: '对象编号',
      dataIndex: 'entityId',
      width: 150,
      ellipsis: true,
      render: (_, row) => <Typography.Text copyable={{ text: row.entityId }}>{row.entityId}</Typography.Text>,
    },
  ];
  const range: [Dayjs, Dayjs] | null = state.from && state.to ? [dayjs(state.from), dayjs(state.to)] : null;

  return (
    <Card
      title={
        <Space>
          操作日志
          <Tooltip title="本范围内组织和用户的每一次新建、修改、移动、停用和密码重置">
            <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
          </Tooltip>
        </Space>
      }
      extra={
        <Tooltip title="刷新">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="刷新" />
        </Tooltip>
      }
    >
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={range}
          placeholder={['开始日期', '结束日期']}
          onChange={(days) =>
            go({
              ...state,
              from: days?.[0]?.format('YYYY-MM-DD'),
              to: days?.[1]?.format('YYYY-MM-DD'),
              page: 1,
            })
          }
          aria-label="日期范围"
        />
        <Input.Search
          allowClear
          placeholder="操作人：姓名或用户名"
          maxLength={50}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(v) => go({ ...state, actor: v.trim() || undefined, page: 1 })}
          style={{ width: 220 }}
          aria-label="操作人"
        />
        <Select
          allowClear
          placeholder="全部操作"
          value={state.action}
          onChange={(action?: string) => go({ ...state, action, page: 1 })}
          options={options(AUDIT_ACTION_LABELS)}
          style={{ width: 160 }}
          aria-label="操作"
        />
        <Select
          allowClear
          placeholder="全部对象类型"
          value={state.entity}
          onChange={(entity?: string) => go({ ...state, entity, page: 1 })}
          options={options(AUDIT_ENTITY_LABELS)}
          style={{ width: 140 }}
          aria-label="对象类型"
        />
        <Input.Search
          allowClear
          placeholder="对象编号（完整编号）"
          maxLength={64}
          value={entityId}
          onChange={(e) => setEntityId(e.target.value)}
          onSearch={(v) => go({ ...state, entityId: v.trim() || undefined, page: 1 })}
          style={{ width: 240 }}
          aria-label="对象编号"
        />
      </Space>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<AuditEntryView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items}
          expandable={{ expandedRowRender: (row) => <AuditDiffView entry={row} /> }}
          locale={{ emptyText: '没有符合条件的操作记录' }}
          pagination={serverPaging(state, list.data?.total ?? 0, go)}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}
