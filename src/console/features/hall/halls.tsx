// 大厅与分中心 (center admin): the unit's main hall and branch halls (address, hours, phone),
// the windows of each hall, the service groups (号头) and which groups each window calls,
// and the hall-service settings (calls before a skip, the no-show rule, booking horizon, reply limits).
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../session'
import { applyFieldErrors } from '../../ui/form-errors'
import { QueryView } from '../../ui/states'
import { windowsQuery, type Window } from '../powers/queries'
import { groupsQuery, hallsQuery, settingsQuery, useCreateGroup, useCreateHall, useEditHall, useSettings, useWindowGroups, useWindowHall, type Hall } from './queries'
import { emptyText } from './empty'

function HallForm({ hall, onDone }: { hall: Hall | null; onDone: () => void }) {
  const { unit } = useSession()
  const create = useCreateHall(unit), edit = useEditHall(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  useEffect(() => { form.resetFields(); form.setFieldsValue(hall ?? { kind: 'branch' }) }, [hall, form])
  const save = (v: any) => {
    setError(null)
    const done = { onSuccess: () => { message.success(hall ? '已保存' : '已新建'); onDone() }, onError: (e: unknown) => setError(applyFieldErrors(form, e)) }
    if (hall) edit.mutate({ id: hall.id, name: v.name, address: v.address ?? '', hours: v.hours ?? '', phone: v.phone ?? '', active: v.active }, done)
    else create.mutate({ kind: v.kind, name: v.name, address: v.address ?? '', hours: v.hours ?? '', phone: v.phone ?? '' }, done)
  }
  return (
    <Form form={form} layout="vertical" onFinish={save} aria-label={hall ? '修改大厅' : '新建大厅'}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {!hall && <Form.Item label="类型" name="kind"><Select options={[{ value: 'main', label: '主大厅' }, { value: 'branch', label: '分中心' }]} /></Form.Item>}
      <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写大厅名称' }]}><Input /></Form.Item>
      <Form.Item label="地址" name="address"><Input /></Form.Item>
      <Form.Item label="开放时间" name="hours"><Input placeholder="工作日 9:00–12:00 13:30–17:00" /></Form.Item>
      <Form.Item label="电话" name="phone"><Input /></Form.Item>
      {hall && <Form.Item label="启用" name="active" valuePropName="checked"><Switch /></Form.Item>}
      <Button type="primary" htmlType="submit" loading={create.isPending || edit.isPending}>{hall ? '保存' : '新建'}</Button>
    </Form>
  )
}

function Groups({ hall, windows }: { hall: Hall; windows: Window[] }) {
  const { unit } = useSession()
  const q = useQuery(groupsQuery(unit, hall.id))
  const create = useCreateGroup(unit), assign = useWindowGroups(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  const mine = windows.filter((w) => w.hallId === hall.id)
  return (
    <Card size="small" title={`${hall.name}：业务分组与窗口`} style={{ marginTop: 16 }}>
      <QueryView q={q}>{(groups) => (<>
        <Table rowKey="id" size="small" dataSource={groups} pagination={false} locale={{ emptyText: emptyText('尚未设置业务分组') }}
          columns={[{ title: '号头', dataIndex: 'prefix' }, { title: '名称', dataIndex: 'name' }, { title: '事项', render: (_, g) => g.matterCodes.join('、') || '—' }]} />
        <Table rowKey="id" size="small" dataSource={mine} pagination={false} style={{ marginTop: 12 }} locale={{ emptyText: emptyText('本大厅没有窗口') }} scroll={{ x: 500 }}
          columns={[{ title: '窗口', render: (_, w) => `${w.number} ${w.name}` },
            { title: '叫号的业务分组', render: (_, w) => (
              <Select mode="multiple" aria-label={`${w.number}号窗口叫号的业务分组`} style={{ minWidth: 220 }} value={w.groupIds ?? []}
                options={groups.map((g) => ({ value: g.id, label: `${g.prefix} ${g.name}` }))}
                onChange={(ids) => assign.mutate({ windowId: w.id, groupIds: ids }, { onSuccess: () => message.success('已保存'), onError: (e) => message.error(e.message) })} />) }]} />
      </>)}</QueryView>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ margin: '12px 0' }} />}
      <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} aria-label="新建业务分组"
        onFinish={(v) => { setError(null); create.mutate({ hallId: hall.id, prefix: v.prefix, name: v.name, matterCodes: (v.matterCodes ?? '').split(/[,，\s]+/).filter(Boolean) },
          { onSuccess: () => { message.success('已新建'); form.resetFields() }, onError: (e) => setError(applyFieldErrors(form, e)) }) }}>
        <Form.Item label="号头" name="prefix" rules={[{ required: true, message: '请填写号头' }]}><Input style={{ width: 64 }} maxLength={1} /></Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
        <Form.Item label="事项编码" name="matterCodes"><Input placeholder="用逗号分隔" /></Form.Item>
        <Button htmlType="submit" loading={create.isPending}>新建分组</Button>
      </Form>
    </Card>
  )
}

function Settings() {
  const { unit } = useSession()
  const q = useQuery(settingsQuery(unit))
  const save = useSettings(unit)
  const [form] = Form.useForm()
  const { message } = App.useApp()
  useEffect(() => { if (q.data) form.setFieldsValue(q.data) }, [q.data, form])
  const fields: [string, string][] = [['maxCalls', '呼叫几次未到可过号'], ['noShowLimit', '爽约几次暂停预约'], ['noShowWindowDays', '统计爽约的天数'], ['noShowBlockDays', '暂停预约的天数'],
    ['bookAheadDays', '可提前预约的天数'], ['replyDaysWindow', '窗口答复咨询（工作日）'], ['replyDaysDepartment', '部门答复咨询（工作日）']]
  return (
    <Card size="small" title="大厅服务设置" style={{ marginTop: 16 }}>
      <QueryView q={q}>{() => (
        <Form form={form} layout="vertical" aria-label="大厅服务设置" onFinish={(v) => save.mutate(v, { onSuccess: () => message.success('已保存'), onError: (e) => message.error(applyFieldErrors(form, e) ?? e.message) })}>
          <Row gutter={16}>{fields.map(([k, l]) => <Col key={k} xs={12} md={6}><Form.Item label={l} name={k}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>)}</Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>保存设置</Button>
        </Form>
      )}</QueryView>
    </Card>
  )
}

export function Halls() {
  const { unit } = useSession()
  const q = useQuery(hallsQuery(unit))
  const w = useQuery(windowsQuery(unit))
  const move = useWindowHall(unit)
  const [editing, setEditing] = useState<Hall | null | undefined>(undefined)
  const [selected, setSelected] = useState<string>('')
  const { message } = App.useApp()
  const halls = q.data ?? []
  const current = halls.find((h) => h.id === selected) ?? halls[0]
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>大厅与分中心</h1>} extra={<Button type="primary" onClick={() => setEditing(null)}>新建大厅</Button>}>
      <QueryView q={q}>{(list) => (
        <Table<Hall> rowKey="id" size="small" dataSource={list} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: emptyText('尚未设置大厅') }}
          rowClassName={(h) => (h.id === current?.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '名称', dataIndex: 'name', render: (n, h) => <Space>{n}<Tag color={h.kind === 'main' ? 'blue' : 'default'}>{h.kind === 'main' ? '主大厅' : '分中心'}</Tag>{!h.active && <Tag>停用</Tag>}</Space> },
            { title: '地址', dataIndex: 'address' }, { title: '开放时间', dataIndex: 'hours' }, { title: '电话', dataIndex: 'phone' },
            { title: '窗口数', dataIndex: 'windows' },
            { title: '操作', render: (_, h) => <Space wrap>
              <Button size="small" onClick={() => setEditing(h)} aria-label={`修改大厅：${h.name}`}>修改大厅</Button>
              <Button size="small" onClick={() => setSelected(h.id)} aria-label={`分组与窗口：${h.name}`}>分组与窗口</Button>
              <a href={`/halls/${unit}/${h.id}/display`} target="_blank" rel="noreferrer">叫号显示屏</a>
            </Space> },
          ]} />
      )}</QueryView>
      {current && w.data && <Groups hall={current} windows={w.data} />}
      {w.data && halls.length > 1 && (
        <Card size="small" title="窗口所在大厅" style={{ marginTop: 16 }}>
          <Table<Window> rowKey="id" size="small" dataSource={w.data} pagination={false} scroll={{ x: 500 }}
            columns={[{ title: '窗口', render: (_, x) => `${x.number} ${x.name}` },
              { title: '大厅', render: (_, x) => <Select aria-label={`${x.number}号窗口所在大厅`} style={{ minWidth: 200 }} value={x.hallId ?? undefined} options={halls.map((h) => ({ value: h.id, label: h.name }))}
                onChange={(hallId) => move.mutate({ windowId: x.id, hallId }, { onSuccess: () => { message.success('已调整'); w.refetch() }, onError: (e) => message.error(e.message) })} /> }]} />
        </Card>
      )}
      <Settings />
      <Modal open={editing !== undefined} title={editing ? `修改：${editing.name}` : '新建大厅'} footer={null} onCancel={() => setEditing(undefined)} destroyOnHidden>
        <HallForm hall={editing ?? null} onDone={() => setEditing(undefined)} />
      </Modal>
    </Card>
  )
}
