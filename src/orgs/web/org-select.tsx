// Picks an organisation of the user's scope by typing part of its name.
import { useMemo, useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../web/use-debounced';
import { ORG_KIND_LABELS, type OrgView } from '../contract';
import { ancestorPath, fetchOrgs, orgKeys } from './org-api';

export interface OrgOption {
  id: string;
  name: string;
}

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** Shown for the current value before any search (e.g. the user's organisation when editing). */
  initial?: OrgOption | null;
  placeholder?: string;
  allowClear?: boolean;
  /** Why an organisation cannot be chosen here, or null when it can. */
  disabledReason?: (org: OrgView) => string | null;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function OrgSelect({
  value,
  onChange,
  initial,
  placeholder = '输入名称搜索组织',
  allowClear,
  disabledReason,
  style,
  id,
  'data-testid': testId,
}: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const query = { q: q || undefined, pageSize: 30 };
  const result = useQuery({
    queryKey: orgKeys.list(query),
    queryFn: () => fetchOrgs(query),
    placeholderData: keepPreviousData,
  });

  const options = useMemo(() => {
    const items = result.data?.items ?? [];
    const list = items.map((org) => {
      const reason = disabledReason?.(org) ?? null;
      const path = ancestorPath(org);
      return {
        value: org.id,
        disabled: reason !== null,
        title: reason ?? (path ? `${path} / ${org.name}` : org.name),
        name: org.name,
        label: (
          <Space direction="vertical" size={0} style={{ lineHeight: 1.3, padding: '2px 0' }}>
            <span>
              {org.name}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                {ORG_KIND_LABELS[org.kind]}
              </Typography.Text>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {reason ?? (path || '（管理范围的最上级）')}
            </Typography.Text>
          </Space>
        ),
      };
    });
    if (initial && !list.some((o) => o.value === initial.id)) {
      list.unshift({
        value: initial.id,
        disabled: false,
        title: initial.name,
        name: initial.name,
        label: <span>{initial.name}</span>,
      });
    }
    return list;
  }, [result.data, disabledReason, initial]);

  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      filterOption={false}
      onSearch={setSearch}
      onChange={(v: string | undefined) => onChange?.(v)}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      loading={result.isFetching}
      options={options}
      optionLabelProp="name"
      style={style}
      notFoundContent={result.isFetching ? '正在搜索…' : q ? '没有名称包含该文字的组织' : '暂无组织'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320 } } }}
    />
  );
}
