// 积分排名 (`/bulletin/rankings`): the points ranking of a month, quarter or year by peer group,
// by unit or by author, with the units that submitted nothing named; the notice downloads as
// xlsx or Word. Editors see every group and open the points rules (积分规则) from here; an
// officer sees the own group.
import { useState } from 'react';
import { Alert, Button, Card, Select, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import {
  PERIODS,
  RANKING_GROUPS,
  RANKING_GROUP_LABELS,
  type Period,
  type RankingGroup,
  type RankingRow,
} from '../points-contract';
import { fetchRanking, pointsKeys, rankingHref, type RankingState } from './points-api';
import { PointsRulesDrawer } from './points-rules';
import { chinaToday, chinaYear } from '../../platform/shared/dates';

const PERIOD_LABELS: Record<Period, string> = { month: '月度', quarter: '季度', year: '年度' };
const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

function readState(params: URLSearchParams): RankingState {
  const now = dayjs(chinaToday());
  const int = (key: string, min: number, max: number, fallback: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const period = params.get('period');
  const group = params.get('group');
  return {
    period: PERIODS.includes(period as Period) ? (period as Period) : 'month',
    year: int('year', 2000, 2100, now.year()),
    month: int('month', 1, 12, now.month() + 1),
    quarter: int('quarter', 1, 4, Math.floor(now.month() / 3) + 1),
    group: RANKING_GROUPS.includes(group as RankingGroup) ? (group as RankingGroup) : undefined,
    by: params.get('by') === 'author' ? 'author' : 'unit',
  };
}

function writeState(state: RankingState): URLSearchParams {
  const out = new URLSearchParams({ period: state.period, year: String(state.year), by: state.by });
  if (state.period === 'month') out.set('month', String(state.month));
  if (state.period === 'quarter') out.set('quarter', String(state.quarter));
  if (state.group) out.set('group', state.group);
  return out;
}

function columnsFor(by: 'unit' | 'author'): ColumnsType<RankingRow> {
  const who: ColumnsType<RankingRow> =
    by === 'author'
      ? [
          { title: '作者', dataIndex: 'author', width: 120 },
          { title: '单位', dataIndex: 'unit' },
        ]
      : [
          {
            title: '单位',
            dataIndex: 'unit',
            render: (unit: string, row) => (
              <Space>
                <span>{unit}</span>
                {row.silent && <Tag color="red">未报送</Tag>}
              </Space>
            ),
          },
        ];
  const n = (title: string, key: keyof RankingRow, width = 96) => ({
    title,
    dataIndex: key,
    width,
    align: 'right' as const,
  });
  return [
    { title: '名次', dataIndex: 'rank', width: 72, align: 'center' },
    ...who,
    n('报送', 'submitted'),
    {
      title: '本刊采用',
      children: [n('合计', 'adopted', 72), n('全文', 'adoptedFull', 72), n('简讯', 'adoptedBrief', 72)],
    },
    n('上级采用', 'outlets'),
    n('领导批示', 'instructions'),
    {
      title: '积分',
      dataIndex: 'points',
      width: 100,
      align: 'right',
      render: (p: number) => <Typography.Text strong>{p}</Typography.Text>,
    },
  ];
}

export default function RankingsPage() {
  const { can } = useAuth();
  const editor = can('bulletin:edit');
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const [rulesOpen, setRulesOpen] = useState(false);
  const set = (patch: Partial<RankingState>) =>
    setParams(writeState({ ...state, ...patch }), { replace: true });

  const ranking = useQuery({
    queryKey: pointsKeys.rankings(state),
    queryFn: () => fetchRanking(state),
    placeholderData: keepPreviousData,
  });
  const view = ranking.data;
  const shown: RankingState = { ...state, group: state.group ?? view?.group };
  const thisYear = chinaYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="积分排名"
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href={rankingHref(shown, 'xlsx')}
              download
              disabled={!view}
              data-testid="ranking-xlsx"
            >
              导出通报（Excel）
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={rankingHref(shown, 'docx')}
              download
              disabled={!view}
              data-testid="ranking-docx"
            >
              导出通报（Word）
            </Button>
            {editor && (
              <Button
                icon={<SettingOutlined />}
                onClick={() => setRulesOpen(true)}
                data-testid="points-rules"
              >
                积分规则
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap size={12} style={{ marginBottom: 12 }}>
          <Segmented
            value={state.period}
            options={PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
            onChange={(v) => set({ period: v })}
            data-testid="ranking-period"
          />
          <Select
            value={state.year}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(year) => set({ year })}
            aria-label="年份"
          />
          {state.period === 'month' && (
            <Select
              value={state.month}
              style={{ width: 90 }}
              options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
              onChange={(month) => set({ month })}
              aria-label="月份"
            />
          )}
          {state.period === 'quarter' && (
            <Select
              value={state.quarter}
              style={{ width: 120 }}
              options={QUARTERS.map((label, i) => ({ value: i + 1, label }))}
              onChange={(quarter) => set({ quarter })}
              aria-label="季度"
            />
          )}
          <Segmented<'unit' | 'author'>
            value={state.by}
            options={[
              { value: 'unit', label: '按单位' },
              { value: 'author', label: '按信息员' },
            ]}
            onChange={(by) => set({ by })}
            data-testid="ranking-by"
          />
        </Space>
        {view && view.groups.length > 1 && (
          <Tabs
            activeKey={shown.group}
            onChange={(g) => set({ group: g as RankingGroup })}
            items={view.groups.map((g) => ({ key: g, label: RANKING_GROUP_LABELS[g] }))}
          />
        )}
        {ranking.isError ? (
          <ErrorResult error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {view && (
              <>
                <Typography.Title
                  level={5}
                  style={{ margin: 0, textAlign: 'center' }}
                  data-testid="ranking-title"
                >
                  {view.title}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {view.periodLabel}，{RANKING_GROUP_LABELS[view.group]}共报送信息 {view.totals.submitted}{' '}
                  篇，本刊采用 {view.totals.adopted} 篇，上级采用 {view.totals.outlets} 篇次，领导批示{' '}
                  {view.totals.instructions} 篇次，合计积分 {view.totals.points} 分。
                </Typography.Text>
                {view.silentUnits.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="ranking-silent"
                    message={`未报送信息的单位（${view.silentUnits.length}家）：${view.silentUnits.join('、')}`}
                  />
                )}
              </>
            )}
            <Table<RankingRow>
              rowKey={(r) => `${r.unitKey}|${r.author ?? ''}`}
              size="middle"
              bordered
              loading={ranking.isFetching}
              columns={columnsFor(state.by)}
              dataSource={view?.rows ?? []}
              pagination={false}
              locale={{ emptyText: state.by === 'author' ? '本期没有信息员获得积分' : '没有可排名的单位' }}
              data-testid="ranking-table"
            />
          </Space>
        )}
      </Card>
      {editor && rulesOpen && <PointsRulesDrawer onClose={() => setRulesOpen(false)} />}
    </Space>
  );
}
