// 待审核 (reviewer) and 待决定 (approver): the cases waiting for this user's step.
import { Card } from 'antd'
import { useSession } from '../../session'
import { CaseTable } from './case-table'

export function ReviewQueue() {
  const { unit } = useSession()
  return <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>待审核</h1>}><CaseTable unit={unit} params={{ status: 'accepted' }} /></Card>
}
export function DecideQueue() {
  const { unit } = useSession()
  return <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>待决定</h1>}><CaseTable unit={unit} params={{ status: 'reviewed' }} /></Card>
}
