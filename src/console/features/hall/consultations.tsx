// 咨询答复 (window / department staff; supervisors read): the questions of the unit with the reply
// limit in working days (overdue marked), answer, forward a misrouted question to the right window
// or department, and publish an answered one into the guide's common questions (edited for the public).
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate, cnDateTime } from '../../ui/dates'
import { applyFieldErrors } from '../../ui/form-errors'
import { QueryView } from '../../ui/states'
import { windowsQuery } from '../powers/queries'
import { consultationsQuery, useConsultationStep, type Consultation } from './queries'
import { emptyText } from './empty'

type Mode = { kind: 'answer' | 'forward' | 'publish'; c: Consultation } | null

export function Consultations() {
  const { unit } = useSession()
  const [filter, setFilter] = useState<'open' | 'overdue' | 'answered'>('open')
  const q = useQuery(consultationsQuery(unit, filter))
  const windows = useQuery(windowsQuery(unit))
  const step = useConsultationStep(unit)
  const [mode, setMode] = useState<Mode>(null)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [target, setTarget] = useState<'window' | 'department'>('window')
  const { message } = App.useApp()
  const open = (m: Mode) => { setError(null); form.resetFields(); if (m?.kind === 'publish') form.setFieldsValue({ question: m.c.question, answer: m.c.answer }); setMode(m) }
  const submit = (v: any) => {
    if (!mode) return
    const body = mode.kind === 'answer' ? { answer: v.answer } : mode.kind === 'forward'
      ? { reason: v.reason, ...(target === 'window' ? { windowId: v.windowId } : { department: v.department }) }
      : { question: v.question, answer: v.answer }
    step.mutate({ id: mode.c.id, step: mode.kind, body }, { onSuccess: () => { message.success({ answer: '已答复', forward: '已转办', publish: '已公开为常见问题' }[mode.kind]); setMode(null) }, onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  const where = (c: Consultation) => c.route === 'window' ? `${(windows.data ?? []).find((w) => w.id === c.windowId)?.number ?? ''} 号窗口` : c.department
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>在线咨询</h1>}>
      <Segmented value={filter} onChange={(v) => setFilter(v as any)} style={{ marginBottom: 12 }}
        options={[{ value: 'open', label: '待答复' }, { value: 'overdue', label: '已超期' }, { value: 'answered', label: '已答复' }]} />
      <QueryView q={q}>{(list) => (
        <Table<Consultation> rowKey="id" size="small" dataSource={list} scroll={{ x: 900 }} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText('没有咨询') }}
          expandable={{ expandedRowRender: (c) => <>
            <Typography.Paragraph><strong>问题：</strong>{c.question}</Typography.Paragraph>
            {c.answer && <Typography.Paragraph><strong>答复：</strong>{c.answer}（{cnDateTime(c.answeredAt)}）</Typography.Paragraph>}
            {c.forwards.map((f, i) => <Typography.Paragraph key={i} type="secondary">转办：{f.from} → {f.to}（{f.reason}）</Typography.Paragraph>)}
          </> }}
          columns={[
            { title: '咨询编号', dataIndex: 'questionNo' }, { title: '事项', dataIndex: 'matterName' }, { title: '咨询人', dataIndex: 'asker' },
            { title: '答复方', render: (_, c) => where(c) },
            { title: '答复期限', render: (_, c) => c.status === 'answered' ? cnDate(c.dueDate)
              : c.overdue ? <Tag color="red">已超期（{cnDate(c.dueDate)}）</Tag>
              : <Space>{cnDate(c.dueDate)}{c.workingDaysLeft != null && c.workingDaysLeft <= 1 && <Tag color="gold">临近期限（剩 {c.workingDaysLeft} 个工作日）</Tag>}</Space> },
            { title: '状态', render: (_, c) => <Space>{c.status === 'open' ? <Tag color="blue">待答复</Tag> : <Tag color="green">已答复</Tag>}{c.published && <Tag>已公开</Tag>}{c.rating && <Tag>评价 {c.rating} 分</Tag>}</Space> },
            { title: '操作', render: (_, c) => <Space wrap>
              {c.status === 'open' && <Button size="small" type="primary" onClick={() => open({ kind: 'answer', c })}>答复</Button>}
              {c.status === 'open' && <Button size="small" onClick={() => open({ kind: 'forward', c })}>转办</Button>}
              {c.status === 'answered' && !c.published && <Button size="small" onClick={() => open({ kind: 'publish', c })}>公开为常见问题</Button>}
            </Space> },
          ]} />
      )}</QueryView>
      <Modal open={!!mode} destroyOnHidden footer={null} onCancel={() => setMode(null)}
        title={mode ? `${{ answer: '答复', forward: '转办', publish: '公开为常见问题' }[mode.kind]}：${mode.c.questionNo}` : ''}>
        {mode && <Typography.Paragraph>{mode.c.question}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          {mode?.kind === 'answer' && <Form.Item label="答复内容" name="answer" rules={[{ required: true, message: '请填写答复内容' }]}><Input.TextArea rows={5} /></Form.Item>}
          {mode?.kind === 'forward' && <>
            <Form.Item label="转给"><Radio.Group value={target} onChange={(e) => setTarget(e.target.value)} options={[{ value: 'window', label: '窗口' }, { value: 'department', label: '部门' }]} /></Form.Item>
            {target === 'window'
              ? <Form.Item label="窗口" name="windowId" rules={[{ required: true, message: '请选择窗口' }]}><Select options={(windows.data ?? []).map((w) => ({ value: w.id, label: `${w.number} ${w.name}` }))} /></Form.Item>
              : <Form.Item label="部门" name="department" rules={[{ required: true, message: '请填写部门' }]}><Input /></Form.Item>}
            <Form.Item label="转办理由" name="reason" rules={[{ required: true, message: '请说明转办理由' }]}><Input /></Form.Item>
          </>}
          {mode?.kind === 'publish' && <>
            <Typography.Paragraph type="secondary">公开前请删去个人信息。</Typography.Paragraph>
            <Form.Item label="问题" name="question" rules={[{ required: true, message: '请填写问题' }]}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item label="答复" name="answer" rules={[{ required: true, message: '请填写答复' }]}><Input.TextArea rows={4} /></Form.Item>
          </>}
          <Button type="primary" htmlType="submit" loading={step.isPending}>提交</Button>
        </Form>
      </Modal>
    </Card>
  )
}
