// The totals as a chart (lazily loaded with echarts): the records of each row stacked by kind, and
// the economic benefit in 万元 as a line on its own axis.
import { useMemo } from 'react';
import { use as registerCharts, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useECharts } from '../../../web/components/use-echarts';
import { ACHIEVEMENT_KIND_LABELS, ACHIEVEMENT_KINDS, type AchievementTotalsView } from '../contract';

registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

/** Rows shown at most: a chart of hundreds of studios reads as nothing. */
const MAX_ROWS = 30;

export function TotalsChart({ view }: { view: AchievementTotalsView }) {
  const option = useMemo<Option>(() => {
    const rows = view.rows.slice(0, MAX_ROWS);
    return {
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0, width: 90, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value', name: '项', minInterval: 1 },
        { type: 'value', name: '万元', splitLine: { show: false } },
      ],
      series: [
        ...ACHIEVEMENT_KINDS.map((k): BarSeriesOption => ({
          type: 'bar',
          name: ACHIEVEMENT_KIND_LABELS[k],
          stack: 'records',
          data: rows.map((r) => r.totals.kinds[k]),
        })),
        {
          type: 'line',
          name: '经济效益（万元）',
          yAxisIndex: 1,
          data: rows.map((r) => Math.round(r.totals.benefitFen / 100) / 10_000),
        },
      ],
    };
  }, [view]);
  const ref = useECharts(option);
  return <div ref={ref} style={{ height: 320, width: '100%' }} data-testid="achievement-chart" />;
}
