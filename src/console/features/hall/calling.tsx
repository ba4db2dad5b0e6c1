// 窗口叫号 (window clerk): pick my window, call the next ticket of the groups it serves (priority
// lane first), then recall, skip after the set number of calls, start, finish, transfer to another
// group of the hall, or link the ticket to the case taken in; the hall's tickets of today below.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Descriptions, Empty, Form, Grid, Input, Select, Space, Table, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useSession } from '../../session'
import { useToday } from '../../ui/server-clock'
import { QueryView } from '../../ui/states'
import { windowsQuery } from '../powers/queries'
import { groupsQuery, ticketsQuery, useCallNext, useLinkCase, useTicketStep, type Ticket } from './queries'
import { emptyText } from './empty'

const STATUS: Record<Ticket['status'], [string, string]> = {
  waiting: ['等候', 'default'], called: ['已呼叫', 'orange'], serving: ['办理中', 'blue'], done: ['办结', 'green'], skipped: ['过号', 'red'],
}
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—')

export function Calling() {
  const { unit, me } = useSession()
  const windows = useQuery(windowsQuery(unit))
  const mine = useMemo(() => (windows.data ?? []).filter((w) => (w.staff ?? []).some((s: any) => s.userId === me.id)), [windows.data, me.id])
  const choices = mine.length ? mine : (windows.data ?? [])
  const [windowId, setWindowId] = useState<string>('')
  const win = choices.find((w) => w.id === windowId) ?? choices[0]
  const hallId = win?.hallId ?? ''
  const day = useToday()
  const tickets = useQuery(ticketsQuery(unit, hallId, day))
  const groups = useQuery(groupsQuery(unit, hallId))
  const callNext = useCallNext(unit), step = useTicketStep(unit), link = useLinkCase(unit)
  const [spoken, setSpoken] = useState<string | null>(null)
  const [transferTo, setTransferTo] = useState<string>()
  const [caseId, setCaseId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  // At the counter on a phone (375 px): the link form stacks, the window choice goes under the title
  // and the day's tickets keep 号码, 姓名, 状态 and 窗口 (no sideways scroll to see the status).
  const narrow = Grid.useBreakpoint().md === false
  const current = (tickets.data ?? []).find((t) => t.windowId === win?.id && (t.status === 'called' || t.status === 'serving'))
  const waiting = (tickets.data ?? []).filter((t) => t.status === 'waiting' && (win?.groupIds ?? []).includes(t.groupId)).length
  const groupName = (id: string) => { const g = groups.data?.find((x) => x.id === id); return g ? `${g.prefix} ${g.name}` : '' }
  const fail = (e: Error) => setError(e.message)
  const act = (s: 'recall' | 'skip' | 'start' | 'finish' | 'transfer', body?: object) => {
    setError(null)
    step.mutate({ id: current!.id, step: s, body }, { onSuccess: (r: any) => { if (r?.spoken) setSpoken(r.spoken); message.success('已完成'); tickets.refetch() }, onError: fail })
  }
  const windowSelect = <Select aria-label="我的窗口" style={narrow ? { width: '100%' } : { minWidth: 200 }} value={win?.id} onChange={setWindowId}
    options={choices.map((w) => ({ value: w.id, label: `${w.number} ${w.name}` }))} placeholder="选择窗口" />
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>窗口叫号</h1>}
      extra={!narrow && windowSelect}>
      <QueryView q={windows}>{() => !win ? <Empty description="没有可用的窗口" /> : (<>
        {narrow && <div style={{ marginBottom: 12 }}>{windowSelect}</div>}
        {!hallId && <Alert type="warning" showIcon title="该窗口尚未划入大厅" style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Button type="primary" size="large" disabled={!hallId || !!current} loading={callNext.isPending}
            onClick={() => { setError(null); callNext.mutate(win.id, { onSuccess: (r) => { setSpoken(r.spoken); if (!r.ticket) message.info('没有等候的号'); tickets.refetch() }, onError: fail }) }}>叫下一个号</Button>
          <span>本窗口可叫的等候人数：<strong>{waiting}</strong></span>
          {spoken && <span role="status">语音播报：{spoken}</span>}
        </Space>
        <Card size="small" title="当前号票">
          {!current ? <Empty description="当前没有呼叫中的号" /> : (<>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'n', label: '号码', children: <strong style={{ fontSize: 20 }}>{current.number}</strong> },
              { key: 's', label: '状态', children: <Tag color={STATUS[current.status][1]}>{STATUS[current.status][0]}</Tag> },
              { key: 'g', label: '业务分组', children: groupName(current.groupId) },
              { key: 'p', label: '绿色通道', children: current.priority ? <Tag color="green">{{ elderly: '老年人', disabled: '残疾人', appointment: '预约' }[current.priorityReason ?? ''] ?? '是'}</Tag> : '否' },
              { key: 'c', label: '已呼叫', children: `${current.callCount} 次` },
              { key: 'k', label: '关联办件', children: current.caseId ?? '—' },
            ]} />
            <Space wrap style={{ marginTop: 12 }}>
              {current.status === 'called' && <>
                <Button onClick={() => act('recall')}>重呼</Button>
                <Button onClick={() => act('start')} type="primary">开始办理</Button>
                <Button onClick={() => act('skip')}>过号</Button>
              </>}
              {current.status === 'serving' && <Button type="primary" onClick={() => act('finish')}>办结</Button>}
              <Select aria-label="转到业务分组" style={{ minWidth: 180 }} placeholder="转到业务分组" value={transferTo} onChange={setTransferTo}
                options={(groups.data ?? []).filter((g) => g.id !== current.groupId).map((g) => ({ value: g.id, label: `${g.prefix} ${g.name}` }))} />
              <Button disabled={!transferTo} onClick={() => { act('transfer', { groupId: transferTo }); setTransferTo(undefined) }}>转移</Button>
            </Space>
            <Form layout={narrow ? 'vertical' : 'inline'} style={{ marginTop: 12 }} aria-label="关联办件" onFinish={() => { setError(null); link.mutate({ id: current.id, caseId: caseId.trim() }, { onSuccess: () => { message.success('已关联'); setCaseId(''); tickets.refetch() }, onError: fail }) }}>
              <Form.Item label="办件编号"><Input value={caseId} onChange={(e) => setCaseId(e.target.value)} placeholder="收件后的办件编号" style={{ width: narrow ? '100%' : 320 }} /></Form.Item>
              <Button htmlType="submit" disabled={!caseId.trim()} loading={link.isPending}>关联办件</Button>
            </Form>
          </>)}
        </Card>
        <Card size="small" title={`今日号票（${day}）`} style={{ marginTop: 16 }}>
          <QueryView q={tickets}>{(list) => (
            <Table<Ticket> rowKey="id" size="small" dataSource={list} scroll={narrow ? undefined : { x: 700 }} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText('今天还没有人取号') }}
              columns={[{ title: '号码', dataIndex: 'number', render: (n, t) => <Space>{n}{t.priority && <Tag color="green">绿色通道</Tag>}</Space> },
                { title: '分组', render: (_, t) => groupName(t.groupId), responsive: ['md'] }, { title: '姓名', dataIndex: 'name' },
                { title: '状态', dataIndex: 'status', render: (s: Ticket['status']) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag> },
                { title: '窗口', render: (_, t) => (windows.data ?? []).find((w) => w.id === t.windowId)?.number ?? '—' },
                { title: '取号', render: (_, t) => time(t.takenAt), responsive: ['md'] }, { title: '呼叫', render: (_, t) => time(t.calledAt), responsive: ['md'] }]} />
          )}</QueryView>
        </Card>
      </>)}</QueryView>
    </Card>
  )
}
