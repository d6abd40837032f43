// The trend of the last 24 months (lazily loaded with echarts by the analysis tab): the reports of
// each month stacked by grade, in the grades' colours, with the workers involved in the tooltip.
import { use as registerCharts, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useECharts } from '../../web/components/use-echarts';
import { GRADES, GRADE_LABELS, type AnalysisView } from '../contract';
import { GRADE_COLORS } from './labor-format';

registerCharts([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export default function AnalysisTrend({ months }: { months: AnalysisView['months'] }) {
  const option: Option = {
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => m.month.slice(2)) },
    yAxis: { type: 'value', minInterval: 1, name: '件' },
    series: GRADES.map((g) => ({
      type: 'bar',
      stack: 'reports',
      name: `${GRADE_LABELS[g]}预警`,
      color: GRADE_COLORS[g],
      data: months.map((m) => m.grades[g]),
    })),
  };
  const ref = useECharts(option);
  return <div ref={ref} style={{ height: 260 }} data-testid="analysis-trend" />;
}
