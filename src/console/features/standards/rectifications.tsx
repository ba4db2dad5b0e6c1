// 整改任务: the tasks of the subtree by deadline. The station (or the township above it) answers a
// task — what was done, the day it was done, photos if any; the issuing side accepts (核验通过)
// or returns it (退回整改). Each row opens its history; buttons show only to whom may use them.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag, Timeline } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { keys } from '../../api/keys'
import { useSession } from '../../session'
import { cnDate } from '../../ui/dates'
import { applyFieldErrors } from '../../ui/form-errors'
import { LoadMore, usePaged } from '../../ui/paged'
import { useToday } from '../../ui/server-clock'
import { ErrorState } from '../../ui/states'
import { unitQuery } from '../units/queries'
import { Evidence } from './evidence-upload'
import { type Rectification, type RectificationAction, type RectificationStatus, rectificationsPage, useRectificationAction } from './queries'
import { mayJudge, mayReport } from './rectification-rules'

const ACTIONS: Record<string, string> = { opened: '下达', reported: '上报整改', reopened: '退回整改', verified: '核验通过', still_failing: '复查仍未达标' }
const DIALOGS: Record<RectificationAction, { title: string; ok: string; done: string }> = {
  report: { title: '上报整改情况', ok: '上报', done: '已上报，等待核验' },
  verify: { title: '核验通过', ok: '核验通过', done: '已核验通过' },
  reopen: { title: '退回整改', ok: '退回', done: '已退回整改' },
}

function UnitName({ code }: { code: string }) {
  const u = useQuery(unitQuery(code))
  return <>{u.data?.name ?? code}</>
}

function History({ r }: { r: Rectification }) {
  return <Timeline items={r.history.map((e) => ({
    content: <>
      <strong>{ACTIONS[e.action] ?? e.action}</strong> {cnDate(e.onDay)} {e.actorName ?? ''}
      {e.fixedOn && <>（整改完成于{cnDate(e.fixedOn)}）</>}
      {e.note && <div>{e.note}</div>}
      {!!e.evidence?.length && <Space wrap>{e.evidence.map((id, n) =>
        <a key={id} href={`/api/units/${r.unitCode}/evidence/${id}`} target="_blank" rel="noreferrer">附件 {n + 1}</a>)}</Space>}
    </>,
  }))} />
}

function ActionDialog({ act, onClose }: { act: { action: RectificationAction; r: Rectification } | null; onClose(): void }) {
  const [form] = Form.useForm()
  const today = useToday()
  const run = useRectificationAction(act?.action ?? 'report')
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  const close = () => { setError(null); onClose() }
  const submit = (v: { note?: string; fixedOn?: Dayjs; evidence?: string[]; dueInWorkingDays?: number }) => {
    setError(null)
    const body = act!.action === 'report' ? { note: v.note, fixedOn: v.fixedOn?.format('YYYY-MM-DD'), evidence: v.evidence ?? [] }
      : act!.action === 'reopen' ? { note: v.note, dueInWorkingDays: v.dueInWorkingDays ?? undefined } : { note: v.note || undefined }
    run.mutate({ id: act!.r.id, body }, { onSuccess: () => { message.success(DIALOGS[act!.action].done); close() }, onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  if (!act) return null
  const d = DIALOGS[act.action]
  return (
    <Modal open title={`${d.title}：${act.r.title}`} okText={d.ok} cancelText="取消" confirmLoading={run.isPending} onCancel={close} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={act.action === 'report' ? { fixedOn: dayjs(today), evidence: [] } : {}}>
        {act.action === 'report' && <>
          <Form.Item name="note" label="整改情况（做了什么）" rules={[{ required: true, message: '请说明整改情况' }]}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="fixedOn" label="整改完成日期" rules={[{ required: true, message: '请选择整改完成日期' }]}>
            <DatePicker disabledDate={(day) => day.format('YYYY-MM-DD') > today || day.format('YYYY-MM-DD') < act.r.openedOn} />
          </Form.Item>
          <Form.Item name="evidence" label="整改后的照片或文件（可不附）"><Evidence code={act.r.unitCode} /></Form.Item>
        </>}
        {act.action === 'reopen' && <>
          <Form.Item name="note" label="退回理由" rules={[{ required: true, message: '请说明退回理由' }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="dueInWorkingDays" label="重新给定的整改时限（工作日，自今天起算；不填保留原期限）"><InputNumber min={1} max={250} /></Form.Item>
        </>}
        {act.action === 'verify' && <Form.Item name="note" label="核验意见（可不填）"><Input.TextArea rows={3} /></Form.Item>}
      </Form>
    </Modal>
  )
}

export function Rectifications() {
  const { unit, me } = useSession()
  const [status, setStatus] = useState<RectificationStatus | 'all'>('all')
  const s = status === 'all' ? undefined : status
  const q = usePaged([...keys.rectifications(unit), s ?? 'all'], (cursor) => rectificationsPage(unit, cursor, s))
  const [act, setAct] = useState<{ action: RectificationAction; r: Rectification } | null>(null)
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>整改任务</h1>}>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} style={{ marginBottom: 12 }}
        options={[{ value: 'all', label: '全部' }, { value: 'open', label: '待整改' }, { value: 'reported', label: '已上报待核验' }, { value: 'verified', label: '已核验' }]} />
      {q.error ? <ErrorState error={q.error} retry={() => void q.refetch()} /> : <Table<Rectification> rowKey="id" size="small" loading={q.isPending} dataSource={q.rows} scroll={{ x: 900 }}
        locale={{ emptyText: '没有整改任务' }} pagination={false} expandable={{ expandedRowRender: (r) => <History r={r} /> }}
        columns={[
          { title: '整改单位', dataIndex: 'unitCode', render: (code: string) => <UnitName code={code} /> },
          { title: '问题', render: (_, r) => r.title ?? r.itemKey },
          { title: '下达单位', dataIndex: 'inspectorUnitCode', render: (code: string) => <UnitName code={code} /> },
          { title: '期限', dataIndex: 'dueOn', render: (v) => cnDate(v) },
          { title: '状态', dataIndex: 'statusName', render: (v, r) => <Tag color={r.overdue ? 'red' : r.status === 'verified' ? 'green' : r.status === 'reported' ? 'blue' : undefined}>{v ?? r.status}{r.overdue ? '（逾期）' : ''}</Tag> },
          { title: '整改完成', dataIndex: 'fixedOn', render: (v) => (v ? cnDate(v) : '—') },
          { title: '操作', render: (_, r) => <Space>
            {mayReport(me, r) && <Button size="small" type="primary" onClick={() => setAct({ action: 'report', r })}>上报整改</Button>}
            {mayJudge(me, r) && <>
              <Button size="small" onClick={() => setAct({ action: 'verify', r })}>核验通过</Button>
              <Button size="small" danger onClick={() => setAct({ action: 'reopen', r })}>退回整改</Button>
            </>}
          </Space> },
        ]} />}
      {!q.error && <LoadMore q={q} />}
      <ActionDialog act={act} onClose={() => setAct(null)} />
    </Card>
  )
}
