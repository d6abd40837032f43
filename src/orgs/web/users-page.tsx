// User accounts of the signed-in user's subtree: filter, page, create, edit, reset password,
// deactivate and reactivate.
import { useRef, useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, errorMessage, STALE_MESSAGE } from '../../web/api';
import { useAuth } from '../../web/auth';
import {
  DEPARTMENT_LABELS,
  ROLE_LABELS,
  type UserListQuery,
  type UserPage,
  type UserPatchBody,
  type UserView,
} from '../contract';
import { fetchOrg, orgKeys } from './org-api';
import { OrgSelect } from './org-select';
import { ResetPasswordModal, UserFormModal } from './user-form';

type Dialog =
  { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'password'; user: UserView } | null;

interface SearchParams {
  current?: number;
  pageSize?: number;
  q?: string;
  role?: string;
  orgId?: string;
  active?: 'true' | 'false' | 'all';
}

const ROLE_ENUM = Object.fromEntries(Object.entries(ROLE_LABELS).map(([k, text]) => [k, { text }]));
const ACTIVE_ENUM = {
  all: { text: '全部' },
  true: { text: '启用', status: 'Success' },
  false: { text: '已停用', status: 'Default' },
};

export default function UsersPage() {
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(undefined);
  const [params] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = can('user:write');
  const orgFromLink = params.get('orgId');
  // The organisation a link filtered by, so the picker can show its name.
  const linkedOrg = useQuery({
    queryKey: orgKeys.detail(orgFromLink ?? ''),
    queryFn: () => fetchOrg(orgFromLink ?? ''),
    enabled: !!orgFromLink,
  });

  const reload = () => {
    void actionRef.current?.reload();
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

  const columns: ProColumns<UserView>[] = [
    {
      title: '关键词',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '用户名或姓名', maxLength: 50 },
    },
    { title: '用户名', dataIndex: 'username', hideInSearch: true, width: 130 },
    { title: '姓名', dataIndex: 'displayName', hideInSearch: true, width: 110 },
    {
      title: '角色',
      dataIndex: 'role',
      valueEnum: ROLE_ENUM,
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
      tooltip: '筛选时包含其下级组织的用户',
      renderFormItem: () => (
        <OrgSelect
          allowClear
          placeholder="输入名称搜索组织"
          initial={linkedOrg.data ? { id: linkedOrg.data.id, name: linkedOrg.data.name } : null}
        />
      ),
      render: (_, row) =>
        can('org:read') ? <Link to={`/orgs/${row.org.id}`}>{row.org.name}</Link> : row.org.name,
    },
    {
      title: '电话',
      dataIndex: 'phone',
      hideInSearch: true,
      width: 130,
      render: (_, row) => row.phone ?? '—',
    },
    {
      title: '状态',
      dataIndex: 'active',
      valueEnum: ACTIVE_ENUM,
      width: 90,
      render: (_, row) => (row.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      hideInSearch: true,
      width: 150,
      render: (_, row) => (row.lastLoginAt ? dayjs(row.lastLoginAt).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 200,
      hideInTable: !canWrite,
      render: (_, row) => {
        const self = row.id === me.user.id;
        return [
          <a key="edit" onClick={() => setDialog({ kind: 'edit', user: row })}>
            编辑
          </a>,
          <a key="password" onClick={() => setDialog({ kind: 'password', user: row })}>
            重置密码
          </a>,
          self ? null : row.active ? (
            <Popconfirm
              key="deactivate"
              title={`停用“${row.displayName}”？`}
              description="停用后该账号不能再登录，已登录的会话立即退出；可随时重新启用。"
              okText="停用"
              okButtonProps={{ danger: true }}
              onConfirm={() => void setActive(row, false)}
            >
              <Typography.Link type="danger">停用</Typography.Link>
            </Popconfirm>
          ) : (
            <a key="activate" onClick={() => void setActive(row, true)}>
              启用
            </a>
          ),
        ];
      },
    },
  ];

  // Wait for the linked organisation's name before the form mounts with it.
  if (orgFromLink && linkedOrg.isPending) return null;

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
      <ProTable<UserView, SearchParams>
        headerTitle="用户管理"
        tooltip={`“${me.scope.name}”及其下级组织的用户账号`}
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        form={{ initialValues: { active: 'all', orgId: linkedOrg.data?.id } }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的用户' }}
        toolBarRender={() =>
          canWrite
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'create' })}
                >
                  新建用户
                </Button>,
              ]
            : []
        }
        request={async (p) => {
          const query: Omit<UserListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number } = {
            page: p.current ?? 1,
            pageSize: p.pageSize ?? 20,
            q: p.q?.trim() || undefined,
            role: (p.role as UserListQuery['role']) || undefined,
            orgId: p.orgId || undefined,
            active: p.active ?? 'all',
          };
          try {
            const page = await api.get<UserPage>('/api/users', query);
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            void message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
      />
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
