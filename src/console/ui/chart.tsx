// ECharts, only the pieces the dashboards use (bar, line), so the chart chunk stays small.
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export function Chart({ option, height = 300, label }: { option: echarts.EChartsCoreOption; height?: number; label: string }) {
  const el = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const chart = echarts.init(el.current!)
    chart.setOption(option)
    const ro = new ResizeObserver(() => chart.resize())
    ro.observe(el.current!)
    return () => { ro.disconnect(); chart.dispose() }
  }, [option])
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />
}
