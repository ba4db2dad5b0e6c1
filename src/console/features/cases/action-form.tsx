// The form of each case step (fields as the API's request bodies name them, so problem+json
// field errors land on them).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select, Space } from 'antd'
import { useState } from 'react'
import { applyFieldErrors } from '../../ui/form-errors'
import { type CaseAction, type CaseRow, useCaseAction } from './queries'
import { ACTIONS } from './rules'

const GROUNDS = { hearing: '听证', tendering: '招标', auction: '拍卖', inspection: '检验', testing: '检测', quarantine: '检疫', appraisal: '鉴定', expert_review: '专家评审', supplement: '补正材料' }
export const REMEDY = '如不服本决定，可自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。'

function Fields({ action, c }: { action: CaseAction; c: CaseRow }) {
  const missing = (c.materials ?? []).filter((m) => !m.provided).map((m) => m.name)
  switch (action) {
    case 'request-supplement': return (
      <Form.List name="items" initialValue={missing.map((name) => ({ name, reason: '未提交' }))}>
        {(fields, { add, remove }) => (<>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item name={[f.name, 'name']} label="补正事项" rules={[{ required: true, message: '补正事项不能为空' }]}><Input /></Form.Item>
              <Form.Item name={[f.name, 'reason']} label="原因" rules={[{ required: true, message: '请说明需补正的原因' }]}><Input /></Form.Item>
              <Button type="text" aria-label="删除此项" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ name: '', reason: '' })}>增加一项</Button>
        </>)}
      </Form.List>)
    case 'supplement': return (<>
      <Form.Item label="申请人补交的材料" name="materials" initialValue={missing}><Checkbox.Group options={missing} /></Form.Item>
      <Form.Item label="说明" name="note"><Input.TextArea rows={2} /></Form.Item>
    </>)
    case 'reject': return (<>
      <Form.Item label="不予受理理由" name="reason" rules={[{ required: true, message: '不予受理须说明理由' }]}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item label="救济途径" name="remedy" initialValue={REMEDY} rules={[{ required: true, message: '请写明救济途径' }]}><Input.TextArea rows={3} /></Form.Item>
    </>)
    case 'review': return <Form.Item label="审核意见" name="opinion" rules={[{ required: true, message: '请填写审核意见' }]}><Input.TextArea rows={3} /></Form.Item>
    case 'decide': return (<>
      <Form.Item label="决定" name="decision" initialValue="approve"><Radio.Group options={[{ value: 'approve', label: '准予许可' }, { value: 'deny', label: '不予许可' }]} optionType="button" /></Form.Item>
      <Form.Item label="理由" name="reasons"><Input.TextArea rows={3} /></Form.Item>
      <Form.Item label="救济途径（不予许可时必填）" name="remedy"><Input.TextArea rows={2} placeholder={REMEDY} /></Form.Item>
    </>)
    case 'suspend': return (<>
      <Form.Item label="中止事由" name="ground" rules={[{ required: true, message: '请选择中止事由' }]}><Select options={Object.entries(GROUNDS).map(([value, label]) => ({ value, label }))} /></Form.Item>
      <Form.Item label="中止情况（将书面告知申请人）" name="note" rules={[{ required: true, message: '请写明中止情况' }]}><Input.TextArea rows={2} /></Form.Item>
    </>)
    case 'resume': return <Form.Item label="说明" name="note"><Input.TextArea rows={2} /></Form.Item>
    case 'extend': return <Form.Item label="延期理由（须经审批负责人批准）" name="reason" rules={[{ required: true, message: '延期须说明理由' }]}><Input.TextArea rows={2} /></Form.Item>
    case 'pay': return (<>
      <Form.Item label="缴费票据号" name="feeReceiptNo"><Input /></Form.Item>
      <Form.Item label="或：减免依据" name="waiverBasis"><Input.TextArea rows={2} /></Form.Item>
    </>)
    case 'certify': return <Form.Item label="证照编号" name="certificateNo" rules={[{ required: true, message: '请填写证照编号' }]}><Input /></Form.Item>
    case 'deliver': return <Form.Item label="送达方式" name="method" initialValue="pickup"><Radio.Group options={[{ value: 'pickup', label: '窗口领取' }, { value: 'post', label: '邮寄' }, { value: 'electronic', label: '电子送达' }]} /></Form.Item>
    default: return <p>确认{ACTIONS[action].label}？</p>
  }
}

export function ActionModal({ action, c, onClose, onDone }: { action: CaseAction; c: CaseRow; onClose(): void; onDone(a: CaseAction): void }) {
  const [form] = Form.useForm()
  const run = useCaseAction(c.id)
  const [error, setError] = useState<string | null>(null)
  const submit = (v: any) => {
    setError(null)
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''))
    run.mutate({ action, body }, { onSuccess: () => onDone(action), onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  return (
    <Modal open title={`${ACTIONS[action].label} · ${c.receiptNo}`} onCancel={onClose} okText="确定" cancelText="取消"
      confirmLoading={run.isPending} onOk={() => form.submit()} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}><Fields action={action} c={c} /></Form>
    </Modal>
  )
}
