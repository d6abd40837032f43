// Organisation pickers of the enterprise pages, limited to the user's scope: the district /
// township an enterprise lies in (a tree, district above its townships) and the joint union
// covering it.
import { useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrgKind, OrgView } from '../../orgs/contract';
import { ancestorPath, fetchOrgs, orgKeys } from '../../orgs/web/org-api';
import { useDebounced } from '../../web/use-debounced';

/** Kinds of organisation an enterprise may lie in (the server's rule). */
const HOST_KINDS: OrgKind[] = ['districtFederation', 'townshipUnion', 'industryUnion'];

async function allOfKind(kind: OrgKind): Promise<OrgView[]> {
  const items: OrgView[] = [];
  for (let page = 1; ; page++) {
    const result = await fetchOrgs({ kind, page, pageSize: 500 });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

/** Districts, townships and industry unions of the user's scope (a few hundred at most). */
export function useHostOrgs() {
  return useQuery({
    queryKey: [...orgKeys.all, 'enterprise-hosts'],
    queryFn: async () => (await Promise.all(HOST_KINDS.map(allOfKind))).flat(),
    staleTime: 5 * 60_000,
  });
}

interface TreeNode {
  value: string;
  title: string;
  /** Shown in the closed select: the path, so that two 新区 of different districts differ. */
  label: string;
  children: TreeNode[];
}

function buildTree(orgs: OrgView[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const org of orgs) {
    const path = ancestorPath(org);
    nodes.set(org.id, {
      value: org.id,
      title: org.name,
      label: path && org.kind === 'townshipUnion' ? `${org.ancestors.at(-1)?.name} / ${org.name}` : org.name,
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId ? nodes.get(org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

interface HostProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Picks a district or township of the user's scope; typing filters by name. */
export function HostOrgSelect({
  value,
  onChange,
  placeholder = '选择区或乡镇(街道)',
  allowClear,
  style,
  id,
  'data-testid': testId,
}: HostProps) {
  const hosts = useHostOrgs();
  const tree = useMemo(() => buildTree(hosts.data ?? []), [hosts.data]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      // Until the tree arrives the select would show the raw id.
      value={hosts.data ? (value ?? undefined) : undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={tree}
      placeholder={hosts.isPending && value ? '正在加载…' : placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeNodeLabelProp="label"
      treeDefaultExpandAll={tree.length <= 3}
      loading={hosts.isFetching}
      notFoundContent={hosts.isError ? '组织加载失败，请刷新页面' : '没有名称包含该文字的区或乡镇(街道)'}
      style={style}
      popupMatchSelectWidth={false}
      listHeight={400}
      styles={{ popup: { root: { minWidth: 280 } } }}
    />
  );
}

interface JointProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The current joint union, shown before any search. */
  initial?: { id: string; name: string } | null;
  id?: string;
}

/** Picks a joint union (联合工会) of the user's scope by typing part of its name. */
export function JointUnionSelect({ value, onChange, initial, id }: JointProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const query = { kind: 'jointUnion' as const, q: q || undefined, pageSize: 30 };
  const result = useQuery({
    queryKey: orgKeys.list(query),
    queryFn: () => fetchOrgs(query),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const list = (result.data?.items ?? []).map((org) => ({
      value: org.id,
      label: org.name,
      title: ancestorPath(org),
    }));
    if (initial && !list.some((o) => o.value === initial.id))
      list.unshift({ value: initial.id, label: initial.name, title: initial.name });
    return list;
  }, [result.data, initial]);
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder="无（企业自建工会或未建会）"
      filterOption={false}
      onSearch={setSearch}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      loading={result.isFetching}
      options={options}
      notFoundContent={result.isFetching ? '正在搜索…' : '没有找到联合工会'}
    />
  );
}
