// The organisation tree from the user's scope root down, one level loaded per expanded node,
// and a search by name that lists matches with where they lie.
import { useMemo, useState } from 'react';
import { Empty, Input, List, Space, Spin, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../web/api';
import { useDebounced } from '../../web/use-debounced';
import { ORG_KIND_LABELS, type OrgKind, type OrgView } from '../contract';
import { ancestorPath, fetchOrgs, orgKeys, type OrgQuery } from './org-api';

const SEARCH_LIMIT = 50;
/** More children than this under one node is not a tree any more; the detail's table pages them. */
const CHILD_LIMIT = 500;

interface Props {
  root: { id: string; name: string; kind: OrgKind };
  selectedId: string;
  /** Ancestors of the selected node, top first: expanded so that the selection is visible. */
  reveal: string[];
  showInactive: boolean;
  onShowInactiveChange: (show: boolean) => void;
  onSelect: (id: string) => void;
}

function childQuery(parentId: string, showInactive: boolean): OrgQuery {
  return { parentId, pageSize: CHILD_LIMIT, active: showInactive ? 'all' : 'true' };
}

function NodeTitle({ org }: { org: Pick<OrgView, 'name' | 'active'> }) {
  return (
    <span data-testid="org-node">
      {org.name}
      {!org.active && (
        <Tag color="default" style={{ marginLeft: 6 }}>
          已停用
        </Tag>
      )}
    </span>
  );
}

/** Marks the searched text inside a name. */
function Highlight({ text, part }: { text: string; part: string }) {
  const at = part ? text.toLowerCase().indexOf(part.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(at, at + part.length)}</mark>
      {text.slice(at + part.length)}
    </>
  );
}

export function OrgTree({ root, selectedId, reveal, showInactive, onShowInactiveChange, onSelect }: Props) {
  const [expanded, setExpanded] = useState<string[]>([root.id]);
  const [revealed, setRevealed] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  // Opening a node elsewhere (search result, link, new child) unfolds the path down to it.
  const revealKey = reveal.join('/');
  if (revealKey !== revealed) {
    setRevealed(revealKey);
    const missing = reveal.filter((id) => !expanded.includes(id));
    if (missing.length) setExpanded([...expanded, ...missing]);
  }

  const levels = useQueries({
    queries: expanded.map((id) => {
      const query = childQuery(id, showInactive);
      return { queryKey: orgKeys.list(query), queryFn: () => fetchOrgs(query) };
    }),
  });

  const treeData = useMemo(() => {
    const byParent = new Map(expanded.map((id, i) => [id, levels[i]]));
    const build = (id: string, depth: number): DataNode[] | undefined => {
      const level = byParent.get(id);
      if (!level) return undefined;
      if (level.isPending) {
        return [{ key: `${id}:loading`, title: <Spin size="small" />, isLeaf: true, selectable: false }];
      }
      if (level.isError) {
        return [
          {
            key: `${id}:error`,
            title: <Typography.Text type="danger">加载失败：{errorMessage(level.error)}</Typography.Text>,
            isLeaf: true,
            selectable: false,
          },
        ];
      }
      const nodes: DataNode[] = level.data.items.map((org) => ({
        key: org.id,
        title: <NodeTitle org={org} />,
        // childCount counts active children only; with inactive ones shown, let loading decide.
        isLeaf: !showInactive && org.childCount === 0,
        children: depth < 30 ? build(org.id, depth + 1) : undefined,
      }));
      if (level.data.total > level.data.items.length) {
        nodes.push({
          key: `${id}:more`,
          title: (
            <Typography.Text type="secondary">
              另有 {level.data.total - level.data.items.length} 个，请用上方搜索查找
            </Typography.Text>
          ),
          isLeaf: true,
          selectable: false,
        });
      }
      return nodes;
    };
    return [
      {
        key: root.id,
        title: <NodeTitle org={{ name: root.name, active: true }} />,
        children: build(root.id, 0),
      },
    ];
  }, [expanded, levels, root, showInactive]);

  const searchQuery: OrgQuery = { q, pageSize: SEARCH_LIMIT, active: showInactive ? 'all' : 'true' };
  const results = useQuery({
    queryKey: orgKeys.list(searchQuery),
    queryFn: () => fetchOrgs(searchQuery),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <Input.Search
        placeholder="按名称搜索组织"
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        loading={results.isFetching}
        data-testid="org-search"
        maxLength={50}
      />
      <div style={{ margin: '12px 0', display: 'flex', alignItems: 'center', gap: 8 }}>
        <Switch size="small" checked={showInactive} onChange={onShowInactiveChange} id="show-inactive" />
        <label htmlFor="show-inactive" style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.65)' }}>
          显示已停用的组织
        </label>
      </div>
      {search.trim() !== '' ? (
        <SearchResults
          q={q}
          pending={results.isPending || q !== search.trim()}
          error={results.error}
          items={results.data?.items}
          total={results.data?.total ?? 0}
          selectedId={selectedId}
          onSelect={onSelect}
        />
      ) : (
        <div data-testid="org-tree">
          <Tree
            blockNode
            showLine
            treeData={treeData}
            expandedKeys={expanded}
            selectedKeys={[selectedId]}
            onExpand={(keys) => setExpanded(keys.map(String))}
            onSelect={(_keys, info) => {
              // Clicking the selected node again keeps it selected rather than clearing the detail.
              const key = String(info.node.key);
              if (!key.includes(':')) onSelect(key);
            }}
            height={640}
          />
        </div>
      )}
    </div>
  );
}

function SearchResults(props: {
  q: string;
  pending: boolean;
  error: unknown;
  items: OrgView[] | undefined;
  total: number;
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  const { q, pending, error, items, total, selectedId, onSelect } = props;
  if (error) return <Typography.Text type="danger">搜索失败：{errorMessage(error)}</Typography.Text>;
  if (!items) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (!items.length && !pending) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有名称包含“${q}”的组织`} />;
  }
  return (
    <div data-testid="org-search-results" style={{ opacity: pending ? 0.6 : 1 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        找到 {total} 个{total > items.length ? `，显示前 ${items.length} 个，请输入更完整的名称` : ''}
      </Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(org) => (
          <List.Item
            onClick={() => onSelect(org.id)}
            style={{
              cursor: 'pointer',
              paddingInline: 8,
              background: org.id === selectedId ? '#e6f4ff' : undefined,
            }}
          >
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <span>
                <Highlight text={org.name} part={q} />
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                  {ORG_KIND_LABELS[org.kind]}
                </Typography.Text>
                {!org.active && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {ancestorPath(org) || '（管理范围的最上级）'}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
