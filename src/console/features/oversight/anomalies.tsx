import { useQuery } from '@tanstack/react-query'
import { Card, List, Tag } from 'antd'
import { useSession } from '../../session'
import { QueryView } from '../../ui/states'
import { anomaliesQuery } from './queries'

export function Anomalies() {
  const { unit } = useSession()
  const q = useQuery(anomaliesQuery(unit))
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>异常办件</h1>}>
      <QueryView q={q}>{(d) => (
        <List dataSource={d.rules} renderItem={(r) => (
          <List.Item extra={<Tag color={r.findings ? 'red' : 'green'}>{r.findings ?? 0} 件</Tag>}>
            <List.Item.Meta title={<>{r.name} {!r.enabled && <Tag>未启用</Tag>}</>} description={r.description} />
          </List.Item>
        )} />
      )}</QueryView>
    </Card>
  )
}
