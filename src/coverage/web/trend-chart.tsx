// The month-by-month chart of the node's rates (lazily loaded with echarts by the trend card):
// a line per indicator, the counts behind each rate in the tooltip, and the year's targets as
// dashed lines of the indicators shown.
import { useMemo, useState } from 'react';
import { theme } from 'antd';
import { use as registerCharts, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import {
  INDICATOR_LABELS,
  INDICATORS,
  type CoverageCounts,
  type Indicator,
  type Targets,
  type TrendView,
} from '../contract';
import { useECharts } from '../../web/components/use-echarts';
import { percent } from './coverage-api';

registerCharts([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

/** Shown at first; the others are in the legend, one click away. */
const MAIN: readonly Indicator[] = [
  'establishmentRate',
  'workerCoverage',
  'membershipRate',
  'wageBargainingRate',
];

const COLORS: Record<Indicator, string> = {
  establishmentRate: '#1677ff',
  workerCoverage: '#52c41a',
  membershipRate: '#fa8c16',
  wageBargainingRate: '#eb2f96',
  workersCongressRate: '#722ed1',
  collectiveContractRate: '#13c2c2',
  affairsDisclosureRate: '#8c8c8c',
};

const num = (n: number) => n.toLocaleString('zh-CN');

/** The counts behind one rate, worded as on the indicator cards. */
function countsText(key: Indicator, c: CoverageCounts): string {
  switch (key) {
    case 'establishmentRate':
      return `已建会 ${num(c.unionised)} / 应建会 ${num(c.enterprises)} 家`;
    case 'workerCoverage':
      return `建会企业职工 ${num(c.unionisedEmployees)} / 职工 ${num(c.employees)} 人`;
    case 'membershipRate':
      return `会员 ${num(c.members)} / 建会企业职工 ${num(c.unionisedEmployees)} 人`;
    case 'wageBargainingRate':
      return `已建制 ${num(c.wageAgreement)} / 建会企业 ${num(c.unionised)} 家`;
    case 'workersCongressRate':
      return `已建制 ${num(c.workersCongress)} / 建会企业 ${num(c.unionised)} 家`;
    case 'collectiveContractRate':
      return `已签订 ${num(c.collectiveContract)} / 建会企业 ${num(c.unionised)} 家`;
    case 'affairsDisclosureRate':
      return `已建制 ${num(c.affairsDisclosure)} / 建会企业 ${num(c.unionised)} 家`;
  }
}

const pct = (rate: number) => Math.round(rate * 1000) / 10;

/** Month ends read as their month ("2025-01"); the chosen date, the last point, in full. */
function dateLabel(date: string, index: number, last: number): string {
  return index === last ? date : date.slice(0, 7);
}

interface TooltipItem {
  dataIndex: number;
  seriesId?: string;
  marker?: unknown;
}

export default function TrendChart({
  trend,
  targets,
  height,
}: {
  trend: TrendView;
  targets: Targets;
  height: number;
}) {
  const [selected, setSelected] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(INDICATORS.map((k) => [INDICATOR_LABELS[k], MAIN.includes(k)])),
  );
  // The chart draws with the page's font, so that Chinese renders as in the rest of the page.
  const font = theme.useToken().token.fontFamily;

  const option = useMemo<Option>(() => {
    const points = trend.points;
    const last = points.length - 1;
    const shown = INDICATORS.filter((k) => selected[INDICATOR_LABELS[k]] !== false);
    // The axis starts at a round 10% below the lowest rate or target shown, so that a slow
    // change stays visible; it always ends at 100%.
    const values = shown.flatMap((k) => [
      ...points.map((p) => p.rates[k]).filter((r): r is number => r !== null),
      ...(targets[k] !== undefined ? [targets[k]] : []),
    ]);
    const low = values.length ? Math.min(...values) : 0;
    const yMin = Math.max(0, Math.floor((pct(low) - 5) / 10) * 10);

    return {
      textStyle: { fontFamily: font },
      animationDuration: 400,
      grid: {
        left: 16,
        right: 24,
        top: 48,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      legend: {
        top: 0,
        left: 'center',
        selected,
        textStyle: { fontSize: 13 },
      },
      tooltip: {
        trigger: 'axis',
        confine: true,
        textStyle: { fontFamily: font },
        formatter: (params: unknown) => {
          const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
          const index = items[0]?.dataIndex ?? 0;
          const point = points[index];
          if (!point) return '';
          const rows = items.map((item) => {
            const key = item.seriesId as Indicator;
            const rate = point.rates[key];
            const target = targets[key];
            return (
              `<div style="margin-top:4px">${typeof item.marker === 'string' ? item.marker : ''}` +
              `${INDICATOR_LABELS[key]} <b>${percent(rate)}</b>` +
              (target !== undefined ? `（目标 ${pct(target)}%）` : '') +
              `<div style="margin-left:14px;color:#8c8c8c;font-size:12px">${countsText(key, point.counts)}</div></div>`
            );
          });
          const title = index === last ? `${point.date}（统计日期）` : `${point.date.slice(0, 7)} 月末`;
          return `<div style="font-weight:600">${title}</div>${rows.join('')}`;
        },
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: points.map((p) => p.date),
        axisLabel: {
          // Every other month, counted back from the chosen date so that its label always shows.
          interval: (index: number) => (last - index) % 2 === 0,
          formatter: (value: string, index: number) => dateLabel(value, index, last),
          hideOverlap: true,
        },
      },
      yAxis: {
        type: 'value',
        min: yMin,
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      series: INDICATORS.map((key): LineSeriesOption => ({
        id: key,
        name: INDICATOR_LABELS[key],
        type: 'line',
        color: COLORS[key],
        symbolSize: 5,
        connectNulls: false,
        data: points.map((p) => {
          const rate = p.rates[key];
          return rate === null ? '-' : pct(rate);
        }),
        markLine:
          targets[key] === undefined
            ? { data: [] }
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: COLORS[key], width: 1.5 },
                label: {
                  position: 'insideEndTop',
                  formatter: `${INDICATOR_LABELS[key]}目标 ${pct(targets[key])}%`,
                  color: COLORS[key],
                },
                data: [{ yAxis: pct(targets[key]) }],
              },
      })),
    };
  }, [trend, targets, selected, font]);

  const ref = useECharts<HTMLDivElement>(option, {
    legendselectchanged: (params) => {
      const next = (params as { selected?: Record<string, boolean> }).selected;
      if (next) setSelected(next);
    },
  });

  return <div ref={ref} data-testid="coverage-trend-chart" style={{ width: '100%', height }} />;
}
