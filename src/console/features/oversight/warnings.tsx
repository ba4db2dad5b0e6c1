// 预警看板: red (overdue) and yellow (near the limit) per case and step, answers, escalation.
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { App, Button, Card, Input, Modal, Segmented, Space, Statistic, Table, Tag } from 'antd'
import { useState } from 'react'
import { keys } from '../../api/keys'
import { useSession } from '../../session'
import { cnDate } from '../../ui/dates'
import { LoadMore, usePaged } from '../../ui/paged'
import { QueryView } from '../../ui/states'
import { unitQuery } from '../units/queries'
import { consultationWarningsPage, type ConsultationWarning, type LevelFilter, useAnswerWarning, type Warning, type WarningPage, warningsPage } from './queries'

function UnitName({ code }: { code: string }) {
  const u = useQuery(unitQuery(code))
  return <>{u.data?.name ?? code}</>
}

export function Warnings() {
  const { unit, has } = useSession()
  const [level, setLevel] = useState<LevelFilter>('all')
  const q = usePaged([...keys.warnings(unit), level], (cursor) => warningsPage(unit, level, cursor))
  const asked = usePaged([...keys.warnings(unit), 'consultations', level], (cursor) => consultationWarningsPage(unit, level, cursor))
  const [answering, setAnswering] = useState<Warning | null>(null)
  const [reason, setReason] = useState('')
  const answer = useAnswerWarning()
  const { message } = App.useApp()
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
              { title: '说明', render: (_, w) => w.answeredAt ? `已说明：${w.answerReason}` : w.escalatedTo ? <Tag color="red">已升级至 {w.escalatedTo}</Tag> : w.answerDue ? `须于${cnDate(w.answerDue)}前说明` : '—' },
              { title: '操作', render: (_, w) => w.level === 'red' && w.warningId && !w.answeredAt && has('center_admin', 'approver', 'reviewer', 'window_clerk') &&
                <Button size="small" onClick={() => { setAnswering(w); setReason('') }}>说明原因</Button> },
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
      <Modal open={!!answering} title="说明超期原因" okText="提交" cancelText="取消" confirmLoading={answer.isPending} onCancel={() => setAnswering(null)}
        onOk={() => answer.mutate({ id: answering!.warningId!, reason }, { onSuccess: () => { message.success('已提交'); setAnswering(null) }, onError: (e) => message.error(e.message) })}>
        <Input.TextArea aria-label="超期原因" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  )
}
