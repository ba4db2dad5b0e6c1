// 人员与角色: the unit's accounts, a new account, roles, deactivate.
import { Alert, App, Button, Card, Form, Input, Popconfirm, Table, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { Checks } from '../../ui/checks'
import { applyFieldErrors } from '../../ui/form-errors'
import { roleNames } from '../../ui/layout'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import { keys } from '../../api/keys'
import { usersPage, useCreateUser, useUpdateUser, type StaffUser } from './queries'

const ROLES = ['center_admin', 'window_clerk', 'reviewer', 'approver', 'supervisor', 'inspector', 'agent'].map((r) => ({ value: r, label: roleNames([r]) }))

export function Staff() {
  const { unit, me } = useSession()
  const q = usePaged(keys.users(unit), (cursor) => usersPage(unit, cursor))
  const create = useCreateUser(unit)
  const update = useUpdateUser(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>人员与角色</h1>}>
      {q.error ? <ErrorState error={q.error} /> : <Table<StaffUser> rowKey="id" size="small" loading={q.isPending} dataSource={q.rows} scroll={{ x: 700 }} pagination={false}
        columns={[{ title: '用户名', dataIndex: 'username' }, { title: '姓名', dataIndex: 'displayName' }, { title: '角色', dataIndex: 'roles', render: roleNames },
          { title: '状态', dataIndex: 'active', render: (a) => a ? <Tag color="green">在用</Tag> : <Tag>停用</Tag> },
          { title: '操作', render: (_, u) => u.id !== me.id && <Popconfirm title={u.active ? '停用该账号？' : '启用该账号？'} okText="确定" cancelText="取消"
            onConfirm={() => update.mutateAsync({ id: u.id, active: !u.active }).then(() => message.success('已更新'), (e) => message.error(e.message))}><Button size="small">{u.active ? '停用' : '启用'}</Button></Popconfirm> }]} />}
      {!q.error && <LoadMore q={q} />}
      <Card size="small" title="新增账号" style={{ marginTop: 16 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={(v) => { setError(null); create.mutate(v, { onSuccess: () => { message.success('已创建'); form.resetFields() }, onError: (e) => setError(applyFieldErrors(form, e)) }) }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item>
          <Form.Item label="初始密码（至少 10 位）" name="password" rules={[{ required: true, min: 10, message: '密码至少 10 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少选择一个角色' }]}><Checks options={ROLES} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>创建账号</Button>
        </Form>
      </Card>
    </Card>
  )
}
