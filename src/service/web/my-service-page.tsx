// The cadre's own pages, made for a phone (`/service/my`): the enterprises paired with me in the
// order their visits fall due, the needs I own, the visits I logged. Each enterprise opens the
// visit form.
import { Button, Card, Empty, List, Segmented, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorResult } from '../../web/components/page-state';
import type { PairingDueState } from '../contract';
import { fetchNeeds, fetchPairings, fetchVisits, serviceKeys } from './service-api';
import { DueTag, itemsText, NeedStateTag, needTitle } from './service-format';
import { VisitPhotos } from './visit-photos';
import { NeedDrawer } from './need-drawer';

const TABS = ['enterprises', 'needs', 'visits'] as const;
type Tab = (typeof TABS)[number];

function MyEnterprises() {
  const [params, setParams] = useSearchParams();
  const due = (params.get('due') ?? '') as PairingDueState | '';
  const page = Number(params.get('page') ?? 1) || 1;
  const query = { mine: true, due: due || undefined, page, pageSize: 20 };
  const list = useQuery({
    queryKey: serviceKeys.pairings(query),
    queryFn: () => fetchPairings(query),
    placeholderData: keepPreviousData,
  });
  const set = (next: Record<string, string>) => setParams({ tab: 'enterprises', ...next });
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Segmented<string>
        block
        value={due}
        onChange={(v) => set(v ? { due: v } : {})}
        options={[
          { value: '', label: '全部' },
          { value: 'overdue', label: '已逾期' },
          { value: 'due', label: '即将到期' },
        ]}
        data-testid="my-due-filter"
      />
      <List
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={due ? '没有符合条件的企业' : '还没有挂钩联系的企业'} /> }}
        pagination={
          (list.data?.total ?? 0) > 20
            ? {
                current: page,
                pageSize: 20,
                total: list.data?.total ?? 0,
                size: 'small',
                onChange: (p) => set({ ...(due ? { due } : {}), page: String(p) }),
              }
            : false
        }
        renderItem={(p) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="my-pairing">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{p.enterprise.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {p.enterprise.orgName} · {p.programme.name}
              </Typography.Text>
              <Space wrap size={8}>
                <DueTag state={p.dueState} dueOn={p.dueOn} />
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {p.lastVisitOn ? `上次走访 ${p.lastVisitOn}` : '尚未走访'} · 每 {p.visitEveryDays} 天
                </Typography.Text>
              </Space>
              <Link
                to={`/service/visits/new?enterpriseId=${p.enterprise.id}&programmeId=${p.programme.id}`}
                data-testid="log-visit"
              >
                <Button type="primary" icon={<PlusOutlined />} block>
                  登记走访
                </Button>
              </Link>
            </Space>
          </Card>
        )}
      />
    </Space>
  );
}

function MyNeeds() {
  const [params, setParams] = useSearchParams();
  const open = params.get('need');
  const query = { mine: true, page: 1, pageSize: 50 };
  const list = useQuery({ queryKey: serviceKeys.needs(query), queryFn: () => fetchNeeds(query) });
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <List
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description="没有交给我办理的企业需求" /> }}
        renderItem={(n) => (
          <Card
            size="small"
            style={{ marginBottom: 8, cursor: 'pointer' }}
            onClick={() => setParams({ tab: 'needs', need: n.id })}
            data-testid="my-need"
          >
            <Space direction="vertical" size={4}>
              <Typography.Text strong>{needTitle(n)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {n.enterprise.name}
                {n.dueOn ? ` · ${n.dueOn} 前办结` : ''}
              </Typography.Text>
              <span>
                <NeedStateTag need={n} />
              </span>
            </Space>
          </Card>
        )}
      />
      {open && <NeedDrawer id={open} onClose={() => setParams({ tab: 'needs' })} />}
    </>
  );
}

function MyVisits() {
  const query = { mine: true, page: 1, pageSize: 30 };
  const list = useQuery({ queryKey: serviceKeys.visits(query), queryFn: () => fetchVisits(query) });
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <List
      loading={list.isFetching}
      dataSource={list.data?.items}
      locale={{ emptyText: <Empty description="还没有走访记录" /> }}
      renderItem={(v) => (
        <Card size="small" style={{ marginBottom: 8 }} data-testid="my-visit">
          <Space direction="vertical" size={4}>
            <Typography.Text strong>
              {v.visitedOn} {v.enterprise.name}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 13 }}>{itemsText(v.items)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {v.content}
            </Typography.Text>
            <VisitPhotos visit={v} canAdd />
          </Space>
        </Card>
      )}
    />
  );
}

export default function MyServicePage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'enterprises';
  return (
    <div style={{ maxWidth: 720 }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'enterprises', label: '我的企业', children: <MyEnterprises /> },
          { key: 'needs', label: '我的需求', children: <MyNeeds /> },
          { key: 'visits', label: '我的走访', children: <MyVisits /> },
        ]}
      />
    </div>
  );
}
