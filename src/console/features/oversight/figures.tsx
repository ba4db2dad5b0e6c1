// 统计分析: on-time rate, 承诺提速率, 办理提速率 by child unit, the monthly trend, satisfaction.
import { useQueries, useQuery } from '@tanstack/react-query'
import { Card, Col, Row, Statistic, Table } from 'antd'
import { useMemo } from 'react'
import { useSession } from '../../session'
import { Chart } from '../../ui/chart'
import { useToday } from '../../ui/server-clock'
import { QueryView } from '../../ui/states'
import { figuresQuery, supervisionFiguresQuery, type Figures as F } from './queries'

const pct = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 10)
const onTimeRate = (f: F) => (f.completed ? f.onTime / f.completed : null)

function months(today: string, n: number) {
  const [y, m] = today.split('-').map(Number)
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1)), e = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))
    return { label: `${d.getUTCMonth() + 1}月`, from: d.toISOString().slice(0, 10), to: e.toISOString().slice(0, 10) }
  })
}

export function Figures() {
  const { unit } = useSession()
  const today = useToday()
  const q = useQuery(figuresQuery(unit, { by: 'child' }))
  const sup = useQuery(supervisionFiguresQuery(unit))
  const ms = useMemo(() => months(today, 6), [today])
  const trend = useQueries({ queries: ms.map((m) => figuresQuery(unit, { by: 'child', from: m.from, to: m.to })) })
  const trendOption = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 24 },
    xAxis: { type: 'category', data: ms.map((m) => m.label) }, yAxis: { type: 'value' },
    series: [
      { name: '收件', type: 'line', data: trend.map((t) => t.data?.total.received ?? 0) },
      { name: '办结', type: 'line', data: trend.map((t) => t.data?.total.completed ?? 0) },
      { name: '超期', type: 'line', data: trend.map((t) => t.data?.total.overdue ?? 0) },
    ],
  }), [trend.map((t) => t.dataUpdatedAt).join(), ms])
  return (
    <QueryView q={q}>{(d) => {
      const rows = d.rows
      const byChild = {
        tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 60 },
        xAxis: { type: 'category', data: rows.map((r) => r.name ?? r.key), axisLabel: { rotate: 30 } }, yAxis: { type: 'value', name: '%', max: 100 },
        series: [
          { name: '按时办结率', type: 'bar', data: rows.map((r) => pct(onTimeRate(r.figures))) },
          { name: '承诺提速率', type: 'bar', data: rows.map((r) => pct(r.figures.promisedSpeedUp)) },
          { name: '办理提速率', type: 'bar', data: rows.map((r) => pct(r.figures.handlingSpeedUp)) },
        ],
      }
      const t = d.total
      const sat = sup.data?.total?.evaluations ?? sup.data?.total?.satisfaction
      return (
        <Row gutter={[16, 16]}>
          <Col span={24}><Card title={<h1 style={{ fontSize: 18, margin: 0 }}>统计分析（{d.from} 至 {d.to}）</h1>}>
            <Row gutter={16}>
              {[['收件', t.received], ['受理', t.accepted], ['办结', t.completed], ['超期', t.overdue]].map(([k, v]) => <Col key={k as string} xs={12} md={6}><Statistic title={k as string} value={v as number} /></Col>)}
              <Col xs={12} md={6}><Statistic title="按时办结率" value={pct(onTimeRate(t)) ?? '—'} suffix={onTimeRate(t) == null ? '' : '%'} /></Col>
              <Col xs={12} md={6}><Statistic title="承诺提速率" value={pct(t.promisedSpeedUp) ?? '—'} suffix={t.promisedSpeedUp == null ? '' : '%'} /></Col>
              <Col xs={12} md={6}><Statistic title="办理提速率" value={pct(t.handlingSpeedUp) ?? '—'} suffix={t.handlingSpeedUp == null ? '' : '%'} /></Col>
              <Col xs={12} md={6}><Statistic title="满意度" value={typeof sat === 'number' ? pct(sat) ?? '—' : sat?.satisfaction != null ? pct(sat.satisfaction) ?? '—' : '—'} /></Col>
            </Row>
          </Card></Col>
          <Col xs={24} xl={12}><Card title="各下级单位" size="small"><Chart option={byChild} label="各下级单位按时办结率、承诺提速率、办理提速率柱状图" /></Card></Col>
          <Col xs={24} xl={12}><Card title="近六个月趋势" size="small"><Chart option={trendOption} label="近六个月收件、办结、超期趋势折线图" /></Card></Col>
          <Col span={24}><Card title="明细" size="small">
            <Table rowKey="key" size="small" dataSource={rows} scroll={{ x: 800 }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[{ title: '单位', render: (_, r) => r.name ?? r.key }, ...(['received', 'accepted', 'completed', 'onTime', 'overdue', 'rejected'] as const).map((k) => ({ title: { received: '收件', accepted: '受理', completed: '办结', onTime: '按时', overdue: '超期', rejected: '不予受理' }[k], render: (_: unknown, r: any) => r.figures[k] }))]} />
          </Card></Col>
        </Row>
      )
    }}</QueryView>
  )
}
