// 投诉与差评: complaints (answer), bad evaluations with their rectification answers and appeals
// (the unit's admin) and appeal decisions (the admin of the unit above; the API refuses the unit itself).
const RECT = { open: '待整改', answered: '已答复整改' } as Record<string, string>
const ACTING = {
  rectify: { title: '答复差评整改', field: '整改答复', done: '已答复整改' },
  appeal: { title: '对差评申诉', field: '申诉理由', done: '已提交申诉，由上级单位裁定' },
  decide: { title: '裁定申诉', field: '处理意见', done: '已裁定' },
}
const APPEAL = { pending: '申诉待裁定', upheld: '申诉成立', rejected: '申诉不成立' } as Record<string, string>
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate } from '../../ui/dates'
import { ApiError } from '../../api/client'
import { keys } from '../../api/keys'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import { complaintsPage, evaluationsPage, useAnswerComplaint, useEvaluationAction } from './queries'

export function Complaints() {
  const { unit, has, me } = useSession()
  const evalAction = useEvaluationAction()
  const [acting, setActing] = useState<{ row: any; action: 'rectify' | 'appeal' | 'decide' } | null>(null)
  // The API's refusal of the text (empty, too long) shown at the field, not in a toast.
  const [fieldError, setFieldError] = useState<string | null>(null)
  const start = (row: any, action: 'rectify' | 'appeal' | 'decide') => { setActing({ row, action }); setText(''); setUpheld(false); setFieldError(null) }
  const [upheld, setUpheld] = useState(false)
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
            { title: '差评整改', render: (_, r) => r.rectification ? <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}><Tag color={r.rectification.overdue ? 'red' : r.rectification.status === 'answered' ? 'green' : undefined}>{RECT[r.rectification.status] ?? r.rectification.status}{r.rectification.status === 'open' && r.rectification.dueOn ? ` · ${cnDate(r.rectification.dueOn)}前` : ''}</Tag>{r.rectification.answer && <span>{r.rectification.answer}</span>}</div> : '—' },
            { title: '申诉', render: (_, r) => r.appeal ? <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}><span>{APPEAL[r.appeal.status] ?? r.appeal.status}：{r.appeal.reason}</span>{r.appeal.decisionNote && <span>处理意见：{r.appeal.decisionNote}</span>}</div> : '—' },
            { title: '日期', dataIndex: 'evaluatedOn', render: cnDate },
            { title: '操作', render: (_, r) => has('center_admin') && <Space wrap>
              {r.rectification?.status === 'open' && <Button size="small" onClick={() => start(r, 'rectify')}>答复整改</Button>}
              {r.negative && !r.appeal && r.unitCode === me.unitCode && <Button size="small" onClick={() => start(r, 'appeal')}>申诉</Button>}
              {r.appeal?.status === 'pending' && r.unitCode !== me.unitCode && <Button size="small" onClick={() => start(r, 'decide')}>裁定申诉</Button>}
            </Space> }]} /><LoadMore q={e} /></> },
      ]} />
      <Modal open={!!open} title="答复投诉" okText="提交" cancelText="取消" confirmLoading={answer.isPending} onCancel={() => setOpen(null)}
        onOk={() => answer.mutate({ id: open.id, body: { answer: text } }, { onSuccess: () => { setOpen(null); message.success('已答复') }, onError: (er) => message.error(er.message) })}>
        <Input.TextArea aria-label="答复内容" rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
      <Modal open={!!acting} title={ACTING[acting?.action ?? 'rectify'].title} okText="提交" cancelText="取消" confirmLoading={evalAction.isPending} onCancel={() => setActing(null)}
        onOk={() => {
          const { row, action } = acting!
          setFieldError(null)
          evalAction.mutate(action === 'rectify' ? { id: row.id, action, body: { answer: text } } : action === 'appeal' ? { id: row.id, action, body: { reason: text } } : { id: row.id, action, body: { upheld, note: text } },
            { onSuccess: () => { setActing(null); message.success(ACTING[action].done) },
              onError: (er) => { const f = er instanceof ApiError ? er.fieldErrors[0] : undefined; if (f) setFieldError(f.message); else message.error(er.message) } })
        }}>
        {acting?.action === 'decide' && <Radio.Group aria-label="裁定结果" value={upheld} onChange={(ev) => setUpheld(ev.target.value)} style={{ marginBottom: 12 }}
          options={[{ value: true, label: '申诉成立（该评价不计入统计）' }, { value: false, label: '申诉不成立' }]} />}
        <Form layout="vertical" component="div">
          <Form.Item label={ACTING[acting?.action ?? 'rectify'].field} htmlFor="evaluation-text" validateStatus={fieldError ? 'error' : undefined} help={fieldError}>
            <Input.TextArea id="evaluation-text" rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
