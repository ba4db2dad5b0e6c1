// Edit one window: who staffs it and which rights it holds on which matters (窗口授权). The API
// refuses a right the unit itself does not hold; the refusal lands at the matter's row.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Form, Modal, Select, Space } from 'antd'
import { useEffect, useState } from 'react'
import { applyFieldErrors } from '../../ui/form-errors'
import { mattersQuery } from '../cases/queries'
import { unitUsersQuery } from '../users/queries'
import { useEditWindow, type Window } from './queries'

export const RIGHT_NAMES: Record<string, string> = { accept: '受理', review: '审核', decide: '决定', certify: '制证', seal: '用印', deliver: '送达' }

/** The rights of one matter as a labelled checkbox group (Form.Item passes value and onChange). */
function RightsGroup({ label, value, onChange }: { label: string; value?: string[]; onChange?: (v: string[]) => void }) {
  return (
    <div role="group" aria-label={label}>
      <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} options={Object.entries(RIGHT_NAMES).map(([v, l]) => ({ value: v, label: l }))} />
    </div>
  )
}

export function WindowEditor({ unit, win, onClose }: { unit: string; win: Window | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const users = useQuery(unitUsersQuery(unit))
  const matters = useQuery(mattersQuery(unit))
  const edit = useEditWindow(unit)
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  useEffect(() => {
    if (!win) return
    setError(null)
    form.setFieldsValue({ userIds: (win.staff ?? []).map((s: any) => s.userId ?? s.id), rights: (win.rights ?? []).map((r) => ({ matterCode: r.matterCode, rights: r.rights })) })
  }, [win, form])
  const save = (v: { userIds?: string[]; rights?: { matterCode: string; rights: string[] }[] }) => {
    setError(null)
    edit.mutate({ id: win!.id, userIds: v.userIds ?? [], rights: (v.rights ?? []).filter((r) => r?.matterCode) }, {
      onSuccess: () => { message.success('窗口人员与授权已保存'); onClose() },
      onError: (e) => setError(applyFieldErrors(form, e)),
    })
  }
  return (
    <Modal open={!!win} title={win ? `编辑窗口 ${win.number}号 ${win.name}` : ''} okText="保存" cancelText="取消" width={720}
      confirmLoading={edit.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item label="窗口人员" name="userIds">
          <Select mode="multiple" aria-label="窗口人员" loading={users.isPending} placeholder="选择本单位人员" optionFilterProp="label"
            options={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
        </Form.Item>
        <Form.List name="rights">{(fields, { add, remove }) => (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>窗口授权（逐事项）</legend>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[f.name, 'matterCode']} rules={[{ required: true, message: '请选择事项' }]} style={{ minWidth: 260, marginBottom: 8 }}>
                  <Select showSearch aria-label={`第 ${i + 1} 项授权的事项`} placeholder="事项" optionFilterProp="label" loading={matters.isPending}
                    options={(matters.data ?? []).map((m) => ({ value: m.matterCode, label: `${m.name}（${m.matterCode}）` }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'rights']} rules={[{ required: true, message: '至少选择一项权限' }]} style={{ marginBottom: 8 }}>
                  <RightsGroup label={`第 ${i + 1} 项授权的权限`} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={`删除第 ${i + 1} 项授权`} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ rights: ['accept'] })}>添加事项授权</Button>
          </fieldset>
        )}</Form.List>
      </Form>
    </Modal>
  )
}
