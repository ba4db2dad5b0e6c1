// 单位: the subtree level by level; create a child unit, rename, deactivate.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { applyFieldErrors } from '../../ui/form-errors'
import { ErrorState } from '../../ui/states'
import { childrenQuery, unitQuery, useCreateUnit, useUpdateUnit, type Unit } from './queries'

const LEVELS: Record<string, string> = { city: '市', county: '县(区)', township: '乡镇(街道)', village: '村(社区)' }

export function UnitTree() {
  const { unit, setUnit } = useSession()
  const u = useQuery(unitQuery(unit))
  const kids = useQuery(childrenQuery(unit))
  const create = useCreateUnit(unit)
  const update = useUpdateUnit(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>单位：{u.data?.name ?? unit}</h1>}>
      {u.data?.parentCode && <Button style={{ marginBottom: 12 }} onClick={() => setUnit(u.data!.parentCode!)}>上一级</Button>}
      {kids.error ? <ErrorState error={kids.error} /> : <Table<Unit> rowKey="code" size="small" loading={kids.isPending} dataSource={kids.data} scroll={{ x: 700 }} pagination={{ pageSize: 20, showSizeChanger: false }} locale={{ emptyText: '没有下级单位' }}
        columns={[{ title: '代码', dataIndex: 'code' }, { title: '名称', dataIndex: 'name', render: (v, r) => <a onClick={() => setUnit(r.code)}>{v}</a> }, { title: '层级', dataIndex: 'level', render: (l) => LEVELS[l] },
          { title: '服务站点', dataIndex: 'servicePointName' }, { title: '状态', dataIndex: 'active', render: (a) => a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag> },
          { title: '操作', render: (_, r) => <Popconfirm title={r.active ? '停用该单位？' : '启用该单位？'} okText="确定" cancelText="取消"
            onConfirm={() => update.mutateAsync({ code: r.code, active: !r.active }).then(() => message.success('已更新'), (e) => message.error(e.message))}><Button size="small">{r.active ? '停用' : '启用'}</Button></Popconfirm> }]} />}
      {u.data?.level !== 'village' && <Card size="small" title="新增下级单位" style={{ marginTop: 16 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="inline" onFinish={(v) => { setError(null); create.mutate(v, { onSuccess: () => { message.success('已创建'); form.resetFields() }, onError: (e) => setError(applyFieldErrors(form, e)) }) }}>
          <Form.Item label="区划代码" name="code" rules={[{ required: true, pattern: /^\d{12}$/, message: '区划代码应为 12 位数字' }]}><Input maxLength={12} /></Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Space><Button type="primary" htmlType="submit" loading={create.isPending}>创建</Button></Space>
        </Form>
      </Card>}
    </Card>
  )
}
