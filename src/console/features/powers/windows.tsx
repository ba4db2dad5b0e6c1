// 窗口: the hall's windows, their staff and rights (edited per window); add a window.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Table, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { applyFieldErrors } from '../../ui/form-errors'
import { ErrorState } from '../../ui/states'
import { useCreateWindow, windowsQuery, type Window } from './queries'
import { RIGHT_NAMES, WindowEditor } from './window-editor'

export function Windows() {
  const { unit } = useSession()
  const q = useQuery(windowsQuery(unit))
  const create = useCreateWindow(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<Window | null>(null)
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>大厅窗口</h1>}>
      {q.error ? <ErrorState error={q.error} /> : <Table<Window> rowKey="id" size="small" loading={q.isPending} dataSource={q.data} scroll={{ x: 700 }} pagination={{ pageSize: 20, showSizeChanger: false }} locale={{ emptyText: '没有窗口' }}
        columns={[{ title: '窗口号', dataIndex: 'number' }, { title: '名称', dataIndex: 'name' },
          { title: '人员', render: (_, w) => (w.staff ?? []).map((s: any) => s.displayName ?? s.username ?? s.userId).join('、') || '—' },
          { title: '授权事项', render: (_, w) => (w.rights ?? []).length ? (w.rights ?? []).map((r) => `${r.matterCode}：${r.rights.map((x) => RIGHT_NAMES[x] ?? x).join('、')}`).join('；') : '—' },
          { title: '状态', dataIndex: 'active', render: (a) => a === false ? <Tag>停用</Tag> : <Tag color="green">启用</Tag> },
          { title: '操作', render: (_, w) => <Button size="small" aria-label={`编辑人员与授权：窗口 ${w.number}号`} onClick={() => setEditing(w)}>编辑人员与授权</Button> }]} />}
      <WindowEditor unit={unit} win={editing} onClose={() => setEditing(null)} />
      <Card size="small" title="新增窗口" style={{ marginTop: 16 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="inline" onFinish={(v) => { setError(null); create.mutate(v, { onSuccess: () => { message.success('已新增'); form.resetFields() }, onError: (e) => setError(applyFieldErrors(form, e)) }) }}>
          <Form.Item label="窗口号" name="number" rules={[{ required: true, message: '请填写窗口号' }]}><Input /></Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>新增</Button>
        </Form>
      </Card>
    </Card>
  )
}
