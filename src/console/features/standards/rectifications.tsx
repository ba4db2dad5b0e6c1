import { App, Button, Card, Table, Tag } from 'antd'
import { useSession } from '../../session'
import { cnDate } from '../../ui/dates'
import { keys } from '../../api/keys'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import { rectificationsPage, useVerifyRectification } from './queries'

export function Rectifications() {
  const { unit, has } = useSession()
  const q = usePaged(keys.rectifications(unit), (cursor) => rectificationsPage(unit, cursor))
  const verify = useVerifyRectification()
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>整改任务</h1>}>
      {q.error ? <ErrorState error={q.error} /> : <Table rowKey="id" size="small" loading={q.isPending} dataSource={q.rows} scroll={{ x: 800 }} locale={{ emptyText: '没有整改任务' }} pagination={false}
        columns={[{ title: '单位', dataIndex: 'unitCode' }, { title: '问题', render: (_, r) => r.title ?? r.itemKey },
          { title: '期限', dataIndex: 'dueOn', render: (v) => cnDate(v) }, { title: '状态', dataIndex: 'statusName', render: (s, r) => <Tag color={r.overdue ? 'red' : undefined}>{s ?? r.status}{r.overdue ? '（逾期）' : ''}</Tag> },
          { title: '操作', render: (_, r) => r.status === 'reported' && has('inspector') && <Button size="small" onClick={() => verify.mutate({ id: r.id, body: { note: '核验通过' } }, { onSuccess: () => message.success('已核验'), onError: (e) => message.error(e.message) })}>核验通过</Button> }]} />}
      {!q.error && <LoadMore q={q} />}
    </Card>
  )
}
