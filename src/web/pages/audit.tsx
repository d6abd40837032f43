// The audit trail of the user's subtree: who changed what and when, before and after side by side.
import { useRef, useState } from 'react';
import { App, Space, Switch, Table, Tag, Typography } from 'antd';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import dayjs from 'dayjs';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  type AuditEntryView,
  type AuditPage as AuditPageBody,
} from '../../platform/shared/audit-contract';
import { api, errorMessage } from '../api';
import { auditDiff, auditSubject, type AuditDiffRow } from '../audit-format';

const valueEnum = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, text]) => [k, { text }]));

interface SearchParams {
  current?: number;
  pageSize?: number;
  actorName?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  range?: [string, string];
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
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const columns: ProColumns<AuditEntryView>[] = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      hideInSearch: true,
      render: (_, row) => dayjs(row.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: '日期范围',
      dataIndex: 'range',
      valueType: 'dateRange',
      hideInTable: true,
      fieldProps: { placeholder: ['开始日期', '结束日期'] },
    },
    { title: '操作人', dataIndex: 'actorName', width: 200, fieldProps: { placeholder: '姓名或用户名' } },
    {
      title: '操作',
      dataIndex: 'action',
      width: 130,
      valueEnum: valueEnum(AUDIT_ACTION_LABELS),
      render: (_, row) => <Tag>{AUDIT_ACTION_LABELS[row.action] ?? row.action}</Tag>,
    },
    { title: '对象类型', dataIndex: 'entity', width: 100, valueEnum: valueEnum(AUDIT_ENTITY_LABELS) },
    {
      title: '对象',
      dataIndex: 'subject',
      hideInSearch: true,
      ellipsis: true,
      render: (_, row) => auditSubject(row.after ?? row.before) || '—',
    },
    {
      title: '对象编号',
      dataIndex: 'entityId',
      width: 150,
      ellipsis: true,
      copyable: true,
      fieldProps: { placeholder: '完整编号' },
    },
  ];

  return (
    <ProTable<AuditEntryView, SearchParams>
      headerTitle="操作日志"
      tooltip="本范围内组织和用户的每一次新建、修改、移动、停用和密码重置"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      options={{ density: false, setting: false, reload: true }}
      dateFormatter="string"
      expandable={{ expandedRowRender: (row) => <AuditDiffView entry={row} /> }}
      locale={{ emptyText: '没有符合条件的操作记录' }}
      request={async (params) => {
        const query = {
          page: params.current ?? 1,
          pageSize: params.pageSize ?? 20,
          actor: params.actorName || undefined,
          action: params.action || undefined,
          entity: params.entity || undefined,
          entityId: params.entityId || undefined,
          from: params.range?.[0]?.slice(0, 10),
          to: params.range?.[1]?.slice(0, 10),
        };
        try {
          const page = await api.get<AuditPageBody>('/api/audit', query);
          return { data: page.items, total: page.total, success: true };
        } catch (error) {
          void message.error(errorMessage(error));
          return { data: [], total: 0, success: false };
        }
      }}
    />
  );
}
