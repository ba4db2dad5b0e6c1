// 预约管理 (center admin; the window reads the day's bookings): release slots per hall and group on
// the working days of the official calendar (capacity per slot; closing days come from the unit
// calendar; how far ahead the public may book is a hall setting), the slots with what remains,
// and the bookings of a day (masked), with no-shows marked.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useSession } from '../../session'
import { useToday } from '../../ui/server-clock'
import { applyFieldErrors } from '../../ui/form-errors'
import { QueryView } from '../../ui/states'
import { appointmentsQuery, groupsQuery, hallsQuery, settingsQuery, slotsQuery, useCreateSlots, type Appointment, type Slot } from './queries'
import { emptyText } from './empty'

const STATUS: Record<string, [string, string]> = { booked: ['已预约', 'blue'], cancelled: ['已取消', 'default'], checked_in: ['已签到', 'green'], no_show: ['爽约', 'red'] }
const plus = (day: string, n: number) => dayjs(day).add(n, 'day').format('YYYY-MM-DD')

export function Appointments() {
  const { unit, has } = useSession()
  const halls = useQuery(hallsQuery(unit))
  const settings = useQuery(settingsQuery(unit))
  const [hallId, setHallId] = useState('')
  const hall = (halls.data ?? []).find((h) => h.id === hallId) ?? halls.data?.[0]
  const groups = useQuery(groupsQuery(unit, hall?.id ?? ''))
  const today = useToday()
  const [range] = useState<[string, string]>([today, plus(today, 14)])
  const slots = useQuery(slotsQuery(unit, hall?.id ?? '', range[0], range[1]))
  const [day, setDay] = useState(today)
  const bookings = useQuery(appointmentsQuery(unit, day))
  const create = useCreateSlots(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [made, setMade] = useState<string | null>(null)
  const { message } = App.useApp()
  // On a phone the release form stacks (an inline row of five fields is wider than the window).
  const narrow = Grid.useBreakpoint().md === false
  const groupName = (id: string) => { const g = groups.data?.find((x) => x.id === id); return g ? `${g.prefix} ${g.name}` : '' }
  const release = (v: any) => {
    setError(null); setMade(null)
    const times = String(v.times ?? '').split(/[\s,，]+/).filter(Boolean).map((t) => { const [starts, ends] = t.split(/[-–]/); return { starts, ends, capacity: v.capacity } })
    create.mutate({ hallId: hall!.id, groupId: v.groupId, from: v.from.format('YYYY-MM-DD'), to: v.to.format('YYYY-MM-DD'), times }, {
      onSuccess: (r) => { setMade(`新放 ${r.created} 个时段；放号的工作日：${r.days.join('、') || '无（所选日期都不办公）'}`); message.success('已放号'); slots.refetch() },
      onError: (e) => setError(applyFieldErrors(form, e, { 'times.0.capacity': 'capacity' })),
    })
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>预约管理</h1>}
      extra={<Select aria-label="大厅" style={{ minWidth: 200 }} value={hall?.id} onChange={setHallId} options={(halls.data ?? []).map((h) => ({ value: h.id, label: h.name }))} />}>
      <QueryView q={halls}>{() => (<>
        {settings.data && <Typography.Paragraph type="secondary">群众最多可提前 {settings.data.bookAheadDays} 天预约；{settings.data.noShowWindowDays} 天内（全市各大厅合计）爽约 {settings.data.noShowLimit} 次，暂停预约 {settings.data.noShowBlockDays} 天。非工作日（含本单位日历的闭厅日）不放号。</Typography.Paragraph>}
        {has('center_admin') && hall && (
          <Card size="small" title="放号" style={{ marginBottom: 16 }}>
            {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
            {made && <Alert type="success" showIcon title={made} style={{ marginBottom: 12 }} />}
            <Form form={form} layout={narrow ? 'vertical' : 'inline'} style={{ rowGap: 8 }} onFinish={release} aria-label="放号" initialValues={{ from: dayjs(plus(today, 1)), to: dayjs(plus(today, 7)), times: '09:00-10:00 10:00-11:00 14:00-15:00', capacity: 10 }}>
              <Form.Item label="业务分组" name="groupId" rules={[{ required: true, message: '请选择业务分组' }]}>
                <Select style={{ minWidth: 160 }} options={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.prefix} ${g.name}` }))} />
              </Form.Item>
              <Form.Item label="从" name="from" rules={[{ required: true, message: '请选择开始日期' }]}><DatePicker /></Form.Item>
              <Form.Item label="到" name="to" rules={[{ required: true, message: '请选择结束日期' }]}><DatePicker /></Form.Item>
              <Form.Item label="时段" name="times" rules={[{ required: true, message: '请填写时段' }]}><Input placeholder="09:00-10:00 10:00-11:00" style={{ width: narrow ? '100%' : 280 }} /></Form.Item>
              <Form.Item label="每时段名额" name="capacity" rules={[{ required: true, message: '请填写名额' }]}><InputNumber min={1} max={1000} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={create.isPending}>放号</Button>
            </Form>
          </Card>
        )}
        <Card size="small" title={`时段（${range[0]} 至 ${range[1]}）`}>
          <QueryView q={slots}>{(list) => (
            <Table<Slot> rowKey="id" size="small" dataSource={list} scroll={narrow ? undefined : { x: 600 }} pagination={{ pageSize: 15, hideOnSinglePage: true }} locale={{ emptyText: emptyText('尚未放号') }}
              columns={[{ title: '日期', dataIndex: 'day' }, { title: '时段', render: (_, s) => `${s.starts}–${s.ends}` }, { title: '业务分组', render: (_, s) => groupName(s.groupId), responsive: ['md'] },
                { title: '名额', dataIndex: 'capacity', responsive: ['md'] }, { title: '已约', dataIndex: 'booked' },
                { title: '剩余', dataIndex: 'remaining', render: (r: number) => r ? r : <Tag color="red">约满</Tag> }]} />
          )}</QueryView>
        </Card>
        <Card size="small" title="当日预约" style={{ marginTop: 16 }} extra={<Space><span>日期</span><DatePicker aria-label="预约日期" value={dayjs(day)} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} allowClear={false} /></Space>}>
          <QueryView q={bookings}>{(list) => (
            <Table<Appointment> rowKey="bookingNo" size="small" dataSource={list} scroll={narrow ? undefined : { x: 800 }} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText('当日没有预约') }}
              columns={[{ title: '预约号', dataIndex: 'bookingNo', responsive: ['md'] }, { title: '时段', render: (_, a) => `${a.starts}–${a.ends}` }, { title: '业务分组', render: (_, a) => groupName(a.groupId) || '—', responsive: ['md'] },
                { title: '姓名', dataIndex: 'name' }, { title: '身份证号', dataIndex: 'idNumber', responsive: ['md'] }, { title: '电话', dataIndex: 'phone', responsive: ['md'] },
                { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={STATUS[s]?.[1]}>{STATUS[s]?.[0] ?? s}</Tag> }]} />
          )}</QueryView>
        </Card>
      </>)}</QueryView>
    </Card>
  )
}
