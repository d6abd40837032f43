// 信息检索 (`/bulletin/search`): full-text search over the submissions and the items of archived and
// published issues the user may read, with year, column, unit, state and kind filters; matched
// words are marked from the offsets the server returns (the text itself stays escaped by React).
import { Fragment, type ReactNode } from 'react';
import { Alert, Card, Col, Empty, Input, List, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { OrgSelect } from '../../orgs/web/org-select';
import { api, ApiError } from '../../web/api';
import { ErrorResult } from '../../web/components/page-state';
import {
  MAX_SEARCH_QUERY,
  SEARCH_SOURCES,
  SEARCH_SOURCE_LABELS,
  SEARCH_STATES,
  SEARCH_STATE_LABELS,
  type SearchHit,
  type SearchPage as SearchResult,
  type SearchSource,
  type SearchState,
} from '../contract';
import { PAGE_SIZES, serverPaging } from '../../web/components/paging';
import { issueNumberLabel } from './bulletin-api';
import { fetchColumns } from './submissions-api';
import { chinaYear } from '../../platform/shared/dates';

interface SearchParams {
  q?: string;
  year?: number;
  column?: string;
  unit?: string;
  state?: SearchState;
  source?: SearchSource;
  page: number;
  pageSize: number;
}

const FIRST_YEAR = 1990;

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readParams(params: URLSearchParams): SearchParams {
  const year = Number(params.get('year'));
  const state = params.get('state');
  const source = params.get('source');
  const pageSize = positive(params.get('pageSize'), 20, 100);
  return {
    q: params.get('q')?.trim() || undefined,
    year: Number.isInteger(year) && year >= 1950 && year <= 2100 ? year : undefined,
    column: params.get('column')?.trim() || undefined,
    unit: params.get('unit') || undefined,
    state: (SEARCH_STATES as readonly string[]).includes(state ?? '') ? (state as SearchState) : undefined,
    source: (SEARCH_SOURCES as readonly string[]).includes(source ?? '')
      ? (source as SearchSource)
      : undefined,
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeParams(state: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'year', 'column', 'unit', 'state', 'source'] as const) {
    const value = state[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

function yearOptions() {
  const last = chinaYear();
  const years: { value: number; label: string }[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push({ value: y, label: `${y} 年` });
  return years;
}

function fetchSearch(state: SearchParams & { q: string }): Promise<SearchResult> {
  return api.get<SearchResult>('/api/bulletin/search', { ...state });
}

/** `text` with the [start, end) ranges wrapped in <mark>; React escapes every piece. */
function Marked({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const pieces: ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (end <= start) continue;
    if (start > at) pieces.push(<Fragment key={`t${at}`}>{text.slice(at, start)}</Fragment>);
    pieces.push(
      <mark key={`m${start}`} style={{ padding: 0, background: '#ffe58f' }}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) pieces.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return <>{pieces}</>;
}

function hitLink(hit: SearchHit): string | null {
  if (hit.source === 'issue_item') return hit.issueId ? `/bulletin/issues/${hit.issueId}` : null;
  return `/bulletin/submissions/${hit.id}`;
}

function HitItem({ hit }: { hit: SearchHit }) {
  const link = hitLink(hit);
  const title = hit.title ? (
    <Marked text={hit.title} ranges={hit.titleHighlights} />
  ) : (
    <Typography.Text type="secondary">（无标题）</Typography.Text>
  );
  return (
    <List.Item data-testid="search-hit">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {link ? <Link to={link}>{title}</Link> : title}
          </Typography.Text>
          <Tag color={hit.source === 'issue_item' ? 'geekblue' : 'default'}>
            {SEARCH_SOURCE_LABELS[hit.source]}
          </Tag>
          <Tag>{SEARCH_STATE_LABELS[hit.state]}</Tag>
        </Space>
        {hit.snippet && (
          <Typography.Paragraph style={{ margin: 0 }} data-testid="search-snippet">
            <Marked text={hit.snippet} ranges={hit.snippetHighlights} />
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[
            hit.source === 'issue_item' && hit.issueYear !== null
              ? `${hit.issueYear} 年${issueNumberLabel({ number: hit.issueNumber, supplement: false })}`
              : `${hit.year} 年 · ${hit.date.slice(0, 10)}`,
            hit.column ? `【${hit.column}】` : null,
            hit.units.length ? `（${hit.units.join('、')}）` : null,
          ]
            .filter(Boolean)
            .join('  ')}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = readParams(params);
  const go = (next: SearchParams) => setParams(writeParams(next));

  const columns = useQuery({ queryKey: ['bulletin', 'columns'], queryFn: fetchColumns });
  const q = state.q;
  const result = useQuery({
    queryKey: ['bulletin', 'search', state],
    queryFn: () => fetchSearch({ ...state, q: q ?? '' }),
    enabled: q !== undefined,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  const badRequest = result.error instanceof ApiError && result.error.status === 400 ? result.error : null;
  const data = q !== undefined && !result.isError ? result.data : undefined;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            信息检索
          </Typography.Title>
          <Input.Search
            allowClear
            enterButton="检索"
            size="large"
            maxLength={MAX_SEARCH_QUERY}
            placeholder="输入关键词，多个词用空格分开，例如：工资集体协商 吴中"
            // A new query in the address bar (back, a link) starts the box afresh.
            key={state.q ?? ''}
            defaultValue={state.q}
            onSearch={(value) => go({ ...state, q: value.trim() || undefined, page: 1 })}
            data-testid="search-input"
          />
          <Row gutter={[12, 12]}>
            <Col>
              <Select<number>
                allowClear
                showSearch
                placeholder="全部年度"
                value={state.year}
                onChange={(year?: number) => go({ ...state, year, page: 1 })}
                options={yearOptions()}
                style={{ width: 130 }}
                data-testid="search-year"
              />
            </Col>
            <Col>
              <Select<string>
                allowClear
                placeholder="全部栏目"
                value={state.column}
                onChange={(column?: string) => go({ ...state, column, page: 1 })}
                options={(columns.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))}
                style={{ width: 140 }}
                data-testid="search-column"
              />
            </Col>
            <Col>
              <OrgSelect
                allowClear
                placeholder="全部单位"
                value={state.unit}
                onChange={(unit) => go({ ...state, unit, page: 1 })}
                style={{ width: 220 }}
                data-testid="search-unit"
              />
            </Col>
            <Col>
              <Select<SearchState>
                allowClear
                placeholder="全部状态"
                value={state.state}
                onChange={(s?: SearchState) => go({ ...state, state: s, page: 1 })}
                options={SEARCH_STATES.map((s) => ({ value: s, label: SEARCH_STATE_LABELS[s] }))}
                style={{ width: 130 }}
                data-testid="search-state"
              />
            </Col>
            <Col>
              <Select<SearchSource>
                allowClear
                placeholder="稿件和简报"
                value={state.source}
                onChange={(source?: SearchSource) => go({ ...state, source, page: 1 })}
                options={SEARCH_SOURCES.map((s) => ({ value: s, label: SEARCH_SOURCE_LABELS[s] }))}
                style={{ width: 130 }}
                data-testid="search-source"
              />
            </Col>
          </Row>
        </Space>
      </Card>

      {badRequest && <Alert type="error" showIcon message={badRequest.message} data-testid="search-error" />}
      {result.isError && !badRequest && (
        <ErrorResult error={result.error} onRetry={() => void result.refetch()} />
      )}

      {q === undefined ? (
        <Card>
          <Empty description="输入关键词，检索本单位的稿件和往期简报中的信息" />
        </Card>
      ) : (
        data && (
          <Card
            size="small"
            title={
              <Typography.Text>
                {data.capped ? `找到 ${data.total} 条以上` : `找到 ${data.total} 条`}
                {result.isFetching && <Typography.Text type="secondary">（更新中…）</Typography.Text>}
              </Typography.Text>
            }
          >
            {data.capped && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message="匹配的信息很多，只按相关度排列了最新的部分；可以再加一个关键词，或选择年度、栏目、单位、状态缩小范围。"
              />
            )}
            {data.items.length === 0 ? (
              <Empty description={`没有找到包含“${q}”的信息`} data-testid="search-empty" />
            ) : (
              <List
                itemLayout="vertical"
                dataSource={data.items}
                rowKey={(hit) => `${hit.source}:${hit.id}`}
                renderItem={(hit) => <HitItem hit={hit} />}
              />
            )}
            {data.ranked > state.pageSize && (
              <Pagination
                style={{ marginTop: 12, textAlign: 'right' }}
                {...serverPaging(state, data.ranked, go)}
              />
            )}
          </Card>
        )
      )}
    </Space>
  );
}
