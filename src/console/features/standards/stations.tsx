// 站点与达标: grade, 一有三无, open/overdue rectifications, agent cases; 建成率 / 规范化率 vs targets.
import { useQuery } from '@tanstack/react-query'
import { Card, Col, Row, Statistic, Table, Tag } from 'antd'
import { useSession } from '../../session'
import { Chart } from '../../ui/chart'
import { ErrorState } from '../../ui/states'
import { stationsQuery, summaryQuery, type Station } from './queries'

const GRADES: Record<string, string> = { demonstration: '示范', standard: '规范', simple: '简易', substandard: '不达标' }

export function Stations() {
  const { unit } = useSession()
  const st = useQuery(stationsQuery(unit))
  const sum = useQuery(summaryQuery(unit))
  const children: any[] = sum.data?.children ?? []
  const option = {
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 60 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { rotate: 30 } }, yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      { name: '乡镇规范化率', type: 'bar', data: children.map((c) => c.townships?.standardisedRate ?? null) },
      { name: '村建成率', type: 'bar', data: children.map((c) => c.villages?.builtRate ?? null) },
    ],
  }
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}><Card title={<h1 style={{ fontSize: 18, margin: 0 }}>站点与达标</h1>}>
        {sum.error ? <ErrorState error={sum.error} /> : sum.data && <Row gutter={16}>
          <Col xs={12} md={6}><Statistic title="乡镇规范化率" value={sum.data.townships?.standardisedRate ?? '—'} suffix={`% / 目标 ${sum.data.targets?.township?.standardisedRate ?? '—'}%`} /></Col>
          <Col xs={12} md={6}><Statistic title="村(社区)建成率" value={sum.data.villages?.builtRate ?? '—'} suffix={`% / 目标 ${sum.data.targets?.village?.builtRate ?? '—'}%`} /></Col>
          <Col xs={12} md={6}><Statistic title="未检查乡镇" value={sum.data.townships?.uninspected ?? '—'} /></Col>
          <Col xs={12} md={6}><Statistic title="一有三无" value={(sum.data.townships?.yiYouSanWu ?? 0) + (sum.data.villages?.yiYouSanWu ?? 0)} /></Col>
        </Row>}
      </Card></Col>
      {children.length > 0 && <Col span={24}><Card size="small" title="各下级对照目标"><Chart option={option} label="各下级单位规范化率与建成率柱状图" /></Card></Col>}
      <Col span={24}><Card size="small" title="下级站点">
        {st.error ? <ErrorState error={st.error} /> : <Table<Station> rowKey="unitCode" size="small" loading={st.isPending} dataSource={st.data} scroll={{ x: 800 }} pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[{ title: '站点', render: (_, s) => s.servicePointName || s.name }, { title: '档次', render: (_, s) => s.latest ? <Tag>{GRADES[s.latest.grade] ?? s.latest.grade}</Tag> : <Tag>未检查</Tag> },
            { title: '一有三无', render: (_, s) => (s.latest?.yiYouSanWu ?? s.yiYouSanWu) ? <Tag color="red">是</Tag> : '—' },
            { title: '整改（未完成/逾期）', render: (_, s) => <>{s.rectifications.open} / <span style={{ color: s.rectifications.overdue ? '#b91c1c' : undefined }}>{s.rectifications.overdue}</span></> },
            { title: '人员', dataIndex: 'staff' }, { title: '近30日代办件', dataIndex: 'casesAsAgent30d' }]} />}
      </Card></Col>
    </Row>
  )
}
