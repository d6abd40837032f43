// One organisation: where it lies, its fields, counts, direct children, and the actions the
// user's role allows.
import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ApartmentOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  SwapOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError, STALE_MESSAGE, errorMessage } from '../../web/api';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import { ORG_KIND_LABELS, type OrgDetail, type OrgKind, type OrgPatchBody, type OrgView } from '../contract';
import { fetchOrg, fetchOrgs, invalidateOrgs, orgKeys, type OrgQuery } from './org-api';
import { OrgFormModal } from './org-form';
import { kindsUnder } from './org-rules';
import { OrgMoveModal } from './org-move';
import { HonoursOf } from '../../competitions/honours/web/honours-of';

type Dialog = 'create' | 'edit' | 'move' | null;

const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

interface Props {
  id: string;
  showInactive: boolean;
  onOpen: (id: string) => void;
}

export function OrgDetailPanel({ id, showInactive, onOpen }: Props) {
  const { can } = useAuth();
  const detail = useQuery({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id) });
  const org = detail.data;
  const canWrite = can('org:write');
  // The parent's kind decides which kinds an edit may choose; it is known only inside the scope.
  const parentVisible = !!org?.parentId && org.ancestors.at(-1)?.id === org.parentId;
  const parent = useQuery({
    queryKey: orgKeys.detail(org?.parentId ?? ''),
    queryFn: () => fetchOrg(org?.parentId ?? ''),
    enabled: canWrite && parentVisible,
  });
  const [dialog, setDialog] = useState<Dialog>(null);

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card data-testid="org-detail-error">
        <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }
  if (!org) return null;

  const parentKind: OrgKind | null | undefined = !org.parentId
    ? null
    : parentVisible
      ? parent.data?.kind
      : undefined;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="org-detail">
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            ...org.ancestors.map((a) => ({ title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
            { title: org.name },
          ]}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Space align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-title">
              {org.name}
            </Typography.Title>
            <Tag color="red">{ORG_KIND_LABELS[org.kind]}</Tag>
            {!org.active && <Tag>已停用</Tag>}
          </Space>
          {canWrite && (
            <OrgActions
              org={org}
              parentKnown={parentKind !== undefined || !parentVisible}
              onDialog={setDialog}
              onChanged={() => void detail.refetch()}
            />
          )}
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2 }}
          style={{ marginTop: 16 }}
          styles={{ label: { width: 128, whiteSpace: 'nowrap' }, content: { minWidth: 140 } }}
          items={[
            { key: 'name', label: '组织名称', children: org.name, span: 'filled' },
            { key: 'shortName', label: '简称', children: dash(org.shortName) },
            { key: 'kind', label: '组织类型', children: ORG_KIND_LABELS[org.kind] },
            { key: 'divisionCode', label: '行政区划代码', children: dash(org.divisionCode) },
            {
              key: 'uscc',
              label: '统一社会信用代码',
              children: org.uscc ? <Typography.Text copyable>{org.uscc}</Typography.Text> : dash(null),
            },
            { key: 'address', label: '地址', children: dash(org.address), span: 'filled' },
            { key: 'contactPhone', label: '联系电话', children: dash(org.contactPhone) },
            { key: 'sortOrder', label: '排序号', children: org.sortOrder },
            { key: 'children', label: '在用下级组织', children: `${org.activeChildCount} 个` },
            {
              key: 'users',
              label: '本级用户账号',
              children: (
                <Space>
                  <span>{org.userCount} 个</span>
                  {can('user:read') && <Link to={`/admin/users?orgId=${org.id}`}>查看用户（含下级）</Link>}
                </Space>
              ),
            },
            {
              key: 'status',
              label: '状态',
              children: org.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>,
            },
            {
              key: 'updatedAt',
              label: '最近修改',
              children: `${time(org.updatedAt)}（第 ${org.version} 版）`,
            },
          ]}
        />
        <HonoursOf orgId={org.id} />
      </Card>
      <ChildrenTable key={org.id} parent={org} showInactive={showInactive} onOpen={onOpen} />
      {dialog === 'create' && (
        <OrgFormModal
          mode="create"
          parent={org}
          onClose={() => setDialog(null)}
          onSaved={(created) => {
            setDialog(null);
            onOpen(created.id);
          }}
        />
      )}
      {dialog === 'edit' && (
        <OrgFormModal
          mode="edit"
          org={org}
          parentKind={parentKind}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
        />
      )}
      {dialog === 'move' && (
        <OrgMoveModal org={org} onClose={() => setDialog(null)} onMoved={() => setDialog(null)} />
      )}
    </Space>
  );
}

function OrgActions({
  org,
  parentKnown,
  onDialog,
  onChanged,
}: {
  org: OrgDetail;
  parentKnown: boolean;
  onDialog: (d: Dialog) => void;
  onChanged: () => void;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { me } = useAuth();
  const [busy, setBusy] = useState(false);
  const isOwnOrg = org.id === me.scope.id;

  const run = async (work: () => Promise<OrgDetail>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
      await invalidateOrgs(queryClient);
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        await invalidateOrgs(queryClient);
        modal.warning({ title: '未能保存', content: STALE_MESSAGE });
      } else {
        modal.error({ title: '操作未成功', content: errorMessage(error) });
      }
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  if (!org.active) {
    const body: OrgPatchBody = { version: org.version, active: true };
    return (
      <Space>
        <Button
          icon={<UndoOutlined />}
          loading={busy}
          onClick={() =>
            void run(() => api.patch<OrgDetail>(`/api/orgs/${org.id}`, body), `已重新启用“${org.name}”`)
          }
        >
          重新启用
        </Button>
      </Space>
    );
  }

  return (
    <Space wrap>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => onDialog('create')}
        disabled={kindsUnder(org.kind).length === 0}
        title={
          kindsUnder(org.kind).length === 0 ? `${ORG_KIND_LABELS[org.kind]}之下不能再设立组织` : undefined
        }
      >
        新建下级组织
      </Button>
      <Button icon={<EditOutlined />} onClick={() => onDialog('edit')} disabled={!parentKnown}>
        编辑
      </Button>
      {!isOwnOrg && (
        <>
          <Button icon={<SwapOutlined />} onClick={() => onDialog('move')}>
            移动
          </Button>
          <Popconfirm
            title={`停用“${org.name}”？`}
            description={
              <div style={{ maxWidth: 300 }}>
                停用后不再出现在组织树中，历史数据保留，可在“显示已停用的组织”中找到并重新启用。
                {(org.activeChildCount > 0 || org.userCount > 0) && (
                  <div style={{ color: '#cf1322', marginTop: 4 }}>
                    该组织还有 {org.activeChildCount} 个在用下级组织、{org.userCount}{' '}
                    个用户账号，需先停用或移走。
                  </div>
                )}
              </div>
            }
            okText="停用"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              void run(
                () => api.delete<OrgDetail>(`/api/orgs/${org.id}`, { version: org.version }),
                `已停用“${org.name}”`,
              )
            }
          >
            <Button danger icon={<StopOutlined />} loading={busy}>
              停用
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
}

function ChildrenTable({
  parent,
  showInactive,
  onOpen,
}: {
  parent: OrgDetail;
  showInactive: boolean;
  onOpen: (id: string) => void;
}) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const query: OrgQuery = { parentId: parent.id, ...paging, active: showInactive ? 'all' : 'true' };
  const children = useQuery({
    queryKey: orgKeys.list(query),
    queryFn: () => fetchOrgs(query),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={
        <Space>
          <ApartmentOutlined />
          下级组织
        </Space>
      }
      size="small"
    >
      {children.isError ? (
        <ErrorResult error={children.error} onRetry={() => void children.refetch()} />
      ) : (
        <Table<OrgView>
          rowKey="id"
          size="small"
          loading={children.isFetching}
          dataSource={children.data?.items}
          locale={{ emptyText: showInactive ? '没有下级组织' : '没有在用的下级组织' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: children.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
            hideOnSinglePage: true,
          }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (name: string, row) => (
                <a
                  href={`/orgs/${row.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(row.id);
                  }}
                >
                  {name}
                </a>
              ),
            },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 200,
              render: (kind: OrgKind) => ORG_KIND_LABELS[kind],
            },
            {
              title: '行政区划代码',
              dataIndex: 'divisionCode',
              width: 120,
              render: (v: string | null) => v ?? '—',
            },
            { title: '在用下级', dataIndex: 'childCount', width: 90, align: 'right' },
            {
              title: '状态',
              dataIndex: 'active',
              width: 80,
              render: (active: boolean) => (active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>),
            },
          ]}
        />
      )}
    </Card>
  );
}
