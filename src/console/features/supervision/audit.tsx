// 审计校验: verify the audit log's hash chain.
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions } from 'antd'
import { useSession } from '../../session'
import { ErrorState } from '../../ui/states'
import { auditQuery } from './queries'

export function Audit() {
  const { unit } = useSession()
  const q = useQuery(auditQuery(unit))
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>审计日志校验</h1>}>
      <Button type="primary" loading={q.isFetching} onClick={() => q.refetch()} style={{ marginBottom: 16 }}>校验哈希链</Button>
      {q.error && <ErrorState error={q.error} />}
      {q.data && <>
        <Alert type={q.data.ok ? 'success' : 'error'} showIcon title={q.data.ok ? '审计日志完整，未发现篡改' : '审计日志哈希链断裂'} style={{ marginBottom: 12 }} />
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="成链单位（市）">{q.data.cityCode}</Descriptions.Item>
          <Descriptions.Item label="链长度">{q.data.chainLength ?? '（仅市级可见）'}</Descriptions.Item>
          <Descriptions.Item label="本辖区条数">{q.data.entriesInSubtree}</Descriptions.Item>
          {q.data.broken && <Descriptions.Item label="断点">{JSON.stringify(q.data.broken)}</Descriptions.Item>}
        </Descriptions>
      </>}
    </Card>
  )
}
