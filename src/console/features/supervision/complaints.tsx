// 投诉与差评: complaints (answer), bad evaluations with rectification and appeals.
import { useQuery } from '@tanstack/react-query'
import { App, Button, Card, Input, Modal, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate, cnDateTime } from '../../ui/dates'
import { ErrorState } from '../../ui/states'
import { complaintsQuery, evaluationsQuery, useAnswerComplaint } from './queries'

export function Complaints() {
  const { unit } = useSession()
  const c = useQuery(complaintsQuery(unit))
  const e = useQuery(evaluationsQuery(unit))
  const answer = useAnswerComplaint()
  const [open, setOpen] = useState<any>(null)
  const [text, setText] = useState('')
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>投诉与差评</h1>}>
      <Tabs items={[
        { key: 'c', label: '投诉', children: c.error ? <ErrorState error={c.error} /> : <Table rowKey="id" size="small" loading={c.isPending} dataSource={c.data} scroll={{ x: 800 }} locale={{ emptyText: '没有投诉' }}
          columns={[{ title: '编号', dataIndex: 'trackingNo' }, { title: '内容', dataIndex: 'content', ellipsis: true }, { title: '状态', dataIndex: 'status', render: (s) => <Tag>{s}</Tag> },
            { title: '答复期限', dataIndex: 'answerDue', render: cnDate }, { title: '收到', dataIndex: 'createdAt', render: cnDateTime },
            { title: '操作', render: (_, r) => !r.answeredAt && <Button size="small" onClick={() => { setOpen(r); setText('') }}>答复</Button> }]} /> },
        { key: 'e', label: '好差评', children: e.error ? <ErrorState error={e.error} /> : <Table rowKey="id" size="small" loading={e.isPending} dataSource={e.data} scroll={{ x: 800 }} locale={{ emptyText: '没有评价' }}
          columns={[{ title: '评价', dataIndex: 'rating' }, { title: '内容', dataIndex: 'comment', ellipsis: true }, { title: '整改', dataIndex: 'rectificationStatus' }, { title: '申诉', dataIndex: 'appealStatus' }, { title: '时间', dataIndex: 'createdAt', render: cnDateTime }]} /> },
      ]} />
      <Modal open={!!open} title="答复投诉" okText="提交" cancelText="取消" confirmLoading={answer.isPending} onCancel={() => setOpen(null)}
        onOk={() => answer.mutate({ id: open.id, body: { answer: text } }, { onSuccess: () => { setOpen(null); message.success('已答复') }, onError: (er) => message.error(er.message) })}>
        <Input.TextArea aria-label="答复内容" rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
    </Card>
  )
}
