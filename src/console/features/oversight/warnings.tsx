// 预警看板: red (overdue) and yellow (near the limit) per case and step, answers, escalation.
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Statistic, Table, Tag } from 'antd'
import { useState } from 'react'
import { keys } from '../../api/keys'
import { useSession } from '../../session'
import { cnDate, cnDateTime } from '../../ui/dates'
import { applyFieldErrors } from '../../ui/form-errors'
import { LoadMore, usePaged } from '../../ui/paged'
import { QueryView } from '../../ui/states'
import { unitQuery } from '../units/queries'
import { consultationWarningsPage, type ConsultationWarning, type LevelFilter, useAnswerWarning, useEscalateWarning, type Warning, type WarningPage, warningsPage } from './queries'
import { mayAnswer, mayEscalate } from './warning-rules'

function UnitName({ code }: { code: string }) {
  const u = useQuery(unitQuery(code))
  return <>{u.data?.name ?? code}</>
}

type Act = { kind: 'answer' | 'escalate'; w: Warning }
const ACTS = {
  answer: { title: '说明超期原因', label: '超期原因', done: '已提交说明' },
  escalate: { title: '升级督办', label: '升级督办的理由', done: '已升级督办' },
}

/** The reason for an answer or an escalation; the API's field errors show at the field. */
function ReasonModal({ act, onClose }: { act: Act | null; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>()
  const answer = useAnswerWarning()
  const escalate = useEscalateWarning()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  const m = act ? (act.kind === 'answer' ? answer : escalate) : answer
  const close = () => { form.resetFields(); setError(null); onClose() }
  const submit = ({ reason }: { reason: string }) => {
    setError(null)
    m.mutate({ id: act!.w.warningId!, reason }, { onSuccess: () => { message.success(ACTS[act!.kind].done); close() }, onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  return (
    <Modal open={!!act} title={act && `${ACTS[act.kind].title}：${act.w.receiptNo}`} okText="提交" cancelText="取消" confirmLoading={m.isPending} onCancel={close} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {act?.kind === 'escalate' && <p>升级至办理单位的上一级，并通知该级监察人员；每个红色预警只升级一次。</p>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={act ? ACTS[act.kind].label : ''} rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={4} /></Form.Item>
      </Form>
    </Modal>
  )
}

function Handling({ w }: { w: Warning }) {
  return (<Space orientation="vertical" size={2}>
    {w.answeredAt ? <span>已说明：{w.answerReason}</span> : w.answerDue ? <span>须于{cnDate(w.answerDue)}前说明</span> : null}
    {w.escalatedTo && <Tag color="red">已升级至 <UnitName code={w.escalatedTo} /></Tag>}
    {w.escalatedTo && <span>{w.escalatedBy ? `${w.escalatedBy.name}于${cnDateTime(w.escalatedAt)}升级督办：${w.escalationReason ?? ''}` : `逾期未说明，${cnDateTime(w.escalatedAt)}自动升级`}</span>}
    {!w.answeredAt && !w.answerDue && !w.escalatedTo && '—'}
  </Space>)
}

export function Warnings() {
  const { unit, me } = useSession()
  const [level, setLevel] = useState<LevelFilter>('all')
  const q = usePaged([...keys.warnings(unit), level], (cursor) => warningsPage(unit, level, cursor))
  const asked = usePaged([...keys.warnings(unit), 'consultations', level], (cursor) => consultationWarningsPage(unit, level, cursor))
  const [act, setAct] = useState<Act | null>(null)
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>办件预警</h1>}>
      <QueryView q={q}>{(d) => {
        // The counts are the subtree's (the API's, over every warning); the table holds the pages loaded so far.
        const first = d.pages[0] as WarningPage
        return (<>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title="红色预警（已超期）" value={first.counts.red} styles={{ content: { color: '#b91c1c' } }} />
            <Statistic title="黄色预警（临近期限）" value={first.counts.yellow} styles={{ content: { color: '#a16207' } }} />
            <Statistic title="统计日期" value={cnDate(first.asOf)} />
          </Space>
          <div><Segmented value={level} onChange={(v) => setLevel(v as any)} options={[{ value: 'all', label: '全部' }, { value: 'red', label: '红色' }, { value: 'yellow', label: '黄色' }]} style={{ marginBottom: 12 }} /></div>
          <Table<Warning> rowKey={(w) => `${w.caseId}-${w.kind}-${w.warningId ?? ''}`} size="small" dataSource={q.rows} scroll={{ x: 900 }} pagination={false}
            locale={{ emptyText: '本辖区没有预警' }}
            columns={[
              { title: '等级', dataIndex: 'level', render: (l, w) => <Tag color={l === 'red' ? 'red' : 'gold'}>{w.levelName}</Tag> },
              { title: '受理编号', dataIndex: 'receiptNo', render: (v, w) => <Link to="/cases/$id" params={{ id: w.caseId }}>{v}</Link> },
              { title: '事项', dataIndex: 'matterName' }, { title: '环节', dataIndex: 'kindName' },
              { title: '办理单位', dataIndex: 'handlingUnitCode', render: (code: string) => <UnitName code={code} /> },
              { title: '期限', dataIndex: 'dueDate', render: cnDate },
              { title: '剩余工作日', dataIndex: 'remainingWorkingDays' },
              { title: '说明与督办', render: (_, w) => <Handling w={w} /> },
              { title: '操作', render: (_, w) => <Space>
                {mayAnswer(me, w) && <Button size="small" onClick={() => setAct({ kind: 'answer', w })}>说明原因</Button>}
                {mayEscalate(me, w) && <Button size="small" danger onClick={() => setAct({ kind: 'escalate', w })}>升级督办</Button>}
              </Space> },
            ]} />
          <LoadMore q={q} />
          {asked.rows.length > 0 && <>
            <h2 style={{ fontSize: 16, marginTop: 24 }}>在线咨询答复预警</h2>
            <Table<ConsultationWarning> rowKey="consultationId" size="small" dataSource={asked.rows} scroll={{ x: 700 }} pagination={false}
              columns={[
                { title: '等级', dataIndex: 'level', render: (l, c) => <Tag color={l === 'red' ? 'red' : 'gold'}>{c.levelName}</Tag> },
                { title: '咨询编号', dataIndex: 'questionNo' }, { title: '事项', dataIndex: 'matterName' },
                { title: '受理单位', dataIndex: 'unitCode', render: (code: string) => <UnitName code={code} /> },
                { title: '答复方', render: (_, c) => (c.route === 'window' ? '窗口' : c.department) },
                { title: '答复期限', dataIndex: 'dueDate', render: cnDate }, { title: '剩余工作日', dataIndex: 'remainingWorkingDays' },
              ]} />
            <LoadMore q={asked} />
          </>}
        </>)
      }}</QueryView>
      <ReasonModal act={act} onClose={() => setAct(null)} />
    </Card>
  )
}
