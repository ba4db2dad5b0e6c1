// 排队统计: wait and service time per hall, window, group and hour of the day, and tickets per
// day, over a period (computed in SQL by one grouping-sets query), with ECharts.
import { useQuery } from '@tanstack/react-query'
import { Card, Col, DatePicker, Row, Space, Table } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useSession } from '../../session'
import { Chart } from '../../ui/chart'
import { useToday } from '../../ui/server-clock'
import { QueryView } from '../../ui/states'
import { queueFiguresQuery, type FigureRow } from './queries'
import { emptyText } from './empty'

const min = (s: number | null) => (s == null ? null : Math.round(s / 6) / 10)
const bars = (rows: FigureRow[], label: (r: FigureRow) => string) => ({
  tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 48, right: 16, bottom: 48 },
  xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: rows.length > 8 ? 30 : 0 } }, yAxis: { type: 'value', name: '分钟' },
  series: [{ name: '平均等候', type: 'bar', data: rows.map((r) => min(r.avgWaitSeconds)) }, { name: '平均办理', type: 'bar', data: rows.map((r) => min(r.avgServiceSeconds)) }],
})
const columns = [
  { title: '名称', render: (_: unknown, r: FigureRow) => r.name ?? r.key ?? '—' }, { title: '取号数', dataIndex: 'tickets' },
  { title: '平均等候（分钟）', render: (_: unknown, r: FigureRow) => min(r.avgWaitSeconds) ?? '—' }, { title: '平均办理（分钟）', render: (_: unknown, r: FigureRow) => min(r.avgServiceSeconds) ?? '—' },
]

export function QueueFiguresPage() {
  const { unit } = useSession()
  const today = useToday()
  const [range, setRange] = useState<[string, string]>([dayjs(today).subtract(29, 'day').format('YYYY-MM-DD'), today])
  const q = useQuery(queueFiguresQuery(unit, range[0], range[1]))
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>排队统计</h1>}
      extra={<Space><span>统计期间</span><DatePicker.RangePicker aria-label="统计期间" allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} /></Space>}>
      <QueryView q={q}>{(f) => (
        <Row gutter={[16, 16]}>
          <Col span={24}><Card size="small" title="每日取号数">
            <Chart label="每日取号数折线图" option={{ tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, bottom: 24 }, xAxis: { type: 'category', data: f.byDay.map((r) => r.key ?? '') }, yAxis: { type: 'value' }, series: [{ name: '取号数', type: 'line', data: f.byDay.map((r) => r.tickets) }] }} />
          </Card></Col>
          <Col xs={24} xl={12}><Card size="small" title="按时段（北京时间）"><Chart label="各时段平均等候与办理时长柱状图" option={bars(f.byHour, (r) => `${r.key ?? ''}时`)} /></Card></Col>
          <Col xs={24} xl={12}><Card size="small" title="按业务分组"><Chart label="各业务分组平均等候与办理时长柱状图" option={bars(f.byGroup, (r) => r.name ?? r.key ?? '')} /></Card></Col>
          {([['按大厅', f.byHall], ['按窗口', f.byWindow], ['按业务分组', f.byGroup]] as const).map(([t, rows]) => (
            <Col key={t} xs={24} xl={8}><Card size="small" title={t}><Table rowKey={(r) => String(r.key)} size="small" dataSource={rows as FigureRow[]} columns={columns} pagination={false} scroll={{ x: 400 }} locale={{ emptyText: emptyText('期间内没有号票') }} /></Card></Col>
          ))}
        </Row>
      )}</QueryView>
    </Card>
  )
}
