// User accounts of the signed-in user's subtree: filter, page, create, edit, reset password,
// deactivate and reactivate. Filters and page live in the address bar (a link from an
// organisation opens its users).
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, errorMessage, STALE_MESSAGE } from '../../web/api';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import { PAGE_SIZES, serverPaging } from '../../web/components/paging';
import {
  DEPARTMENT_LABELS,
  ROLE_LABELS,
  ROLES,
  type Role,
  type UserPage,
  type UserPatchBody,
  type UserView,
} from '../contract';
import { fetchOrg, orgKeys } from './org-api';
import { OrgSelect } from './org-select';
import { ResetPasswordModal, UserFormModal } from './user-form';

type Dialog =
  { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'password'; user: UserView } | null;

type Active = 'all' | 'true' | 'false';

interface ListState {
  q?: string;
  role?: Role;
  orgId?: string;
  active: Active;
  page: number;
  pageSize: number;
}

const ACTIVE_OPTIONS: { value: Active; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'true', label: '启用' },
  { value: 'false', label: '已停用' },
];

const usersKey = (state: ListState) => ['users', 'list', state] as const;

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readState(params: URLSearchParams): ListState {
  const role = params.get('role');
  const active = params.get('active');
  const pageSize = positive(params.get('pageSize'), 20, 500);
  return {
    q: params.get('q')?.trim().slice(0, 50) || undefined,
    role: (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : undefined,
    orgId: params.get('orgId') || undefined,
    active: active === 'true' || active === 'false' ? active : 'all',
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.role) params.set('role', state.role);
  if (state.orgId) params.set('orgId', state.orgId);
  if (state.active !== 'all') params.set('active', state.active);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

export default function UsersPage() {
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const go = (next: ListState) => setParams(writeState(next));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [keyword, setKeyword] = useState(state.q ?? '');
  const canWrite = can('user:write');
  // The organisation filtered by, so the picker can show its name.
  const linkedOrg = useQuery({
    queryKey: orgKeys.detail(state.orgId ?? ''),
    queryFn: () => fetchOrg(state.orgId ?? ''),
    enabled: !!state.orgId,
  });
  // An organisation of a stale or foreign link is ignored: the whole scope is listed instead.
  const query: ListState = linkedOrg.isError ? { ...state, orgId: undefined } : state;
  const list = useQuery({
    queryKey: usersKey(query),
    queryFn: () => {
      const { q, role, orgId, active, page, pageSize } = query;
      return api.get<UserPage>('/api/users', { q, role, orgId, active, page, pageSize });
    },
    placeholderData: keepPreviousData,
    enabled: !state.orgId || !linkedOrg.isPending,
  });

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
    void queryClient.invalidateQueries({ queryKey: orgKeys.all });
  };

  const setActive = async (user: UserView, active: boolean) => {
    try {
      if (active) {
        const body: UserPatchBody = { version: user.version, active: true };
        await api.patch<UserView>(`/api/users/${user.id}`, body);
        void message.success(`已重新启用“${user.displayName}”`);
      } else {
        await api.delete<UserView>(`/api/users/${user.id}`, { version: user.version });
        void message.success(`已停用“${user.displayName}”，其已登录的会话已退出`);
      }
    } catch (error) {
      if (error instanceof ApiError && error.isStale)
        modal.warning({ title: '未能保存', content: STALE_MESSAGE });
      else modal.error({ title: '操作未成功', content: errorMessage(error) });
    }
    reload();
  };

  const columns: ColumnsType<UserView> = [
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    {
      title: '角色',
      dataIndex: 'role',
      width: 200,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <span>{ROLE_LABELS[row.role]}</span>
          {row.department && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {DEPARTMENT_LABELS[row.department]}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '所属组织',
      dataIndex: 'orgId',
      render: (_, row) =>
        can('org:read') ? <Link to={`/orgs/${row.org.id}`}>{row.org.name}</Link> : row.org.name,
    },
    { title: '电话', dataIndex: 'phone', width: 130, render: (_, row) => row.phone ?? '—' },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (_, row) => (row.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (_, row) => (row.lastLoginAt ? dayjs(row.lastLoginAt).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
  ];
  if (canWrite)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, row) => {
        const self = row.id === me.user.id;
        return (
          <Space size={16}>
            <a onClick={() => setDialog({ kind: 'edit', user: row })}>编辑</a>
            <a onClick={() => setDialog({ kind: 'password', user: row })}>重置密码</a>
            {self ? null : row.active ? (
              <Popconfirm
                title={`停用“${row.displayName}”？`}
                description="停用后该账号不能再登录，已登录的会话立即退出；可随时重新启用。"
                okText="停用"
                okButtonProps={{ danger: true }}
                onConfirm={() => void setActive(row, false)}
              >
                <Typography.Link type="danger">停用</Typography.Link>
              </Popconfirm>
            ) : (
              <a onClick={() => void setActive(row, true)}>启用</a>
            )}
          </Space>
        );
      },
    });

  return (
    <>
      {linkedOrg.isError && (
        <Alert
          type="warning"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          message="链接中的组织不存在，或不在您的管理范围内；下面显示的是您管理范围内的全部用户。"
        />
      )}
      <Card
        title={
          <Space>
            用户管理
            <Tooltip title={`“${me.scope.name}”及其下级组织的用户账号`}>
              <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
          </Space>
        }
        extra={
          <Space>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" />
            </Tooltip>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
                新建用户
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap size={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            maxLength={50}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(q) => go({ ...state, q: q.trim() || undefined, page: 1 })}
            style={{ width: 220 }}
            aria-label="关键词"
          />
          <Select<Role>
            allowClear
            placeholder="全部角色"
            value={state.role}
            onChange={(role?: Role) => go({ ...state, role, page: 1 })}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            style={{ width: 200 }}
            aria-label="角色"
          />
          <Tooltip title="筛选时包含其下级组织的用户">
            <span>
              <OrgSelect
                allowClear
                placeholder="所属组织（输入名称搜索）"
                value={query.orgId}
                onChange={(orgId) => go({ ...state, orgId, page: 1 })}
                initial={linkedOrg.data ? { id: linkedOrg.data.id, name: linkedOrg.data.name } : null}
                style={{ width: 260 }}
              />
            </span>
          </Tooltip>
          <Select<Active>
            value={state.active}
            onChange={(active) => go({ ...state, active, page: 1 })}
            options={ACTIVE_OPTIONS}
            style={{ width: 110 }}
            aria-label="状态"
          />
        </Space>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<UserView>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items}
            locale={{ emptyText: '没有符合条件的用户' }}
            pagination={serverPaging(state, list.data?.total ?? 0, go, '个用户')}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      {dialog?.kind === 'create' && (
        <UserFormModal
          mode="create"
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserFormModal
          mode="edit"
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </>
  );
}
