import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { EChartsOption } from 'echarts';

// Only the parts the statistics use, so the bundle stays small; rendered on canvas, no fonts fetched.
// No animation: office machines are modest, and a printed or captured chart shows its final values.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function Chart({ option, height = 260, loading = false }: { option: EChartsOption; height?: number; loading?: boolean }) {
  return (
    <div className="hub-chart" data-loading={loading}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} style={{ height }} notMerge lazyUpdate showLoading={loading} loadingOption={{ text: '正在统计…' }} />
    </div>
  );
}
