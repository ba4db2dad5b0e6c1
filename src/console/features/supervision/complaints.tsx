// 投诉与差评: complaints (answer), bad evaluations with rectification and appeals.
import { App, Button, Card, Input, Modal, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate } from '../../ui/dates'
import { keys } from '../../api/keys'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import { complaintsPage, evaluationsPage, useAnswerComplaint } from './queries'

export function Complaints() {
  const { unit } = useSession()
  const c = usePaged(keys.complaints(unit), (cursor) => complaintsPage(unit, cursor))
  const e = usePaged([...keys.complaints(unit), 'evaluations'], (cursor) => evaluationsPage(unit, cursor))
  const answer = useAnswerComplaint()
  const [open, setOpen] = useState<any>(null)
  const [text, setText] = useState('')
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>投诉与差评</h1>}>
      <Tabs items={[
        { key: 'c', label: '投诉', children: c.error ? <ErrorState error={c.error} /> : <><Table rowKey="id" size="small" loading={c.isPending} dataSource={c.rows} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: '没有投诉' }}
          columns={[{ title: '编号', dataIndex: 'trackingNo' }, { title: '事由', dataIndex: 'subject', ellipsis: true }, { title: '内容', dataIndex: 'body', ellipsis: true },
            { title: '状态', dataIndex: 'status', render: (s, r) => <Tag color={r.overdue ? 'red' : s === 'answered' ? 'green' : 'blue'}>{s === 'answered' ? '已答复' : r.overdue ? '逾期未答复' : '待答复'}</Tag> },
            { title: '答复期限', dataIndex: 'dueOn', render: cnDate }, { title: '收到', dataIndex: 'receivedOn', render: cnDate },
            { title: '操作', render: (_, r) => r.status !== 'answered' && <Button size="small" onClick={() => { setOpen(r); setText('') }}>答复</Button> }]} /><LoadMore q={c} /></> },
        { key: 'e', label: '好差评', children: e.error ? <ErrorState error={e.error} /> : <><Table rowKey="id" size="small" loading={e.isPending} dataSource={e.rows} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: '没有评价' }}
          columns={[{ title: '评价', dataIndex: 'levelName', render: (v, r) => <Tag color={r.negative ? 'red' : 'green'}>{v}</Tag> }, { title: '内容', dataIndex: 'comment', ellipsis: true },
            { title: '差评整改', render: (_, r) => r.rectification ? <Tag color={r.rectification.overdue ? 'red' : undefined}>{r.rectification.status}{r.rectification.dueOn ? ` · ${cnDate(r.rectification.dueOn)}前` : ''}</Tag> : '—' },
            { title: '申诉', render: (_, r) => r.appeal?.status ?? '—' }, { title: '日期', dataIndex: 'evaluatedOn', render: cnDate }]} /><LoadMore q={e} /></> },
      ]} />
      <Modal open={!!open} title="答复投诉" okText="提交" cancelText="取消" confirmLoading={answer.isPending} onCancel={() => setOpen(null)}
        onOk={() => answer.mutate({ id: open.id, body: { answer: text } }, { onSuccess: () => { setOpen(null); message.success('已答复') }, onError: (er) => message.error(er.message) })}>
        <Input.TextArea aria-label="答复内容" rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
    </Card>
  )
}
