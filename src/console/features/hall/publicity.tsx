// 结果公示 (center admin): publish a list (type, title, basis, period in working days, what happens at
// its end: withdrawn or kept as an archive) with its rows; the masked preview is exactly what the
// public sees (the server masks; the raw values stay with the staff); answer objections.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate, cnDateTime } from '../../ui/dates'
import { applyFieldErrors } from '../../ui/form-errors'
import { QueryView } from '../../ui/states'
import { publicityListQuery, publicityQuery, useAnswerObjection, usePublish, type PublicitySummary, type StaffObjection } from './queries'
import { emptyText } from './empty'

const STATUS: Record<PublicitySummary['status'], [string, string]> = { scheduled: ['未开始', 'default'], open: ['公示中', 'blue'], withdrawn: ['期满撤下', 'default'], archived: ['期满存档', 'green'] }

/** One row per line: 姓名,身份证号,电话,其他列=值…（身份证号、电话可空） */
export function parseRows(text: string) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const [name, idNumber, phone, ...rest] = line.split(/[,，\t]/).map((s) => s.trim())
    const items = Object.fromEntries(rest.filter((r) => r.includes('=')).map((r) => r.split('=').map((s) => s.trim()) as [string, string]))
    return { name: name ?? '', ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}), items }
  })
}

function Detail({ id }: { id: string }) {
  const { unit } = useSession()
  const q = useQuery(publicityListQuery(unit, id))
  const answer = useAnswerObjection(unit)
  const [answering, setAnswering] = useState<StaffObjection | null>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  return (
    <QueryView q={q}>{(l) => {
      const cols = [...new Set(l.items.flatMap((r) => Object.keys(r.items)))]
      return (<>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 't', label: '类型', children: l.type }, { key: 's', label: '状态', children: <Tag color={STATUS[l.status][1]}>{STATUS[l.status][0]}</Tag> },
          { key: 'p', label: '公示期', children: `${cnDate(l.startsOn)} 至 ${cnDate(l.endsOn)}（${l.periodDays} 个工作日）` },
          { key: 'b', label: '依据', children: l.basis }, { key: 'e', label: '期满', children: l.endAction === 'archive' ? '存档可查' : '撤下' },
        ]} />
        <Typography.Title level={2} style={{ fontSize: 16 }}>公开内容预览（脱敏后，与群众看到的一致）</Typography.Title>
        <Table rowKey="ord" size="small" dataSource={l.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 600 }}
          columns={[{ title: '序号', dataIndex: 'ord' }, { title: '姓名', dataIndex: 'name' }, { title: '身份证号', dataIndex: 'idNumber', render: (v) => v ?? '—' },
            { title: '电话', dataIndex: 'phone', render: (v) => v ?? '—' }, ...cols.map((c) => ({ title: c, render: (_: unknown, r: any) => r.items[c] ?? '' }))]} />
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>异议</Typography.Title>
        <Table<StaffObjection> rowKey="id" size="small" dataSource={l.objections} pagination={false} scroll={{ x: 700 }} locale={{ emptyText: emptyText('没有异议') }}
          columns={[{ title: '行号', dataIndex: 'rowOrd', render: (v) => v ?? '—' }, { title: '异议', dataIndex: 'text' },
            { title: '异议人', render: (_, o) => `${o.contactName} ${o.contactPhone}` }, { title: '提出时间', render: (_, o) => cnDateTime(o.lodgedAt) },
            { title: '答复', render: (_, o) => o.answer ?? <Button size="small" type="primary" onClick={() => { setAnswering(o); setText(''); setError(null) }}>答复</Button> }]} />
        <Modal open={!!answering} title="答复异议" okText="提交" cancelText="取消" confirmLoading={answer.isPending} onCancel={() => setAnswering(null)}
          onOk={() => answer.mutate({ listId: l.id, objectionId: answering!.id, answer: text }, { onSuccess: () => { message.success('已答复'); setAnswering(null); q.refetch() }, onError: (e) => setError(e.message) })}>
          <Typography.Paragraph>{answering?.text}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
          <Input.TextArea aria-label="答复内容" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </Modal>
      </>)
    }}</QueryView>
  )
}

export function Publicity() {
  const { unit, has } = useSession()
  const q = useQuery(publicityQuery(unit))
  const publish = usePublish(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  const { message } = App.useApp()
  const submit = (v: any) => {
    setError(null)
    publish.mutate({ type: v.type, title: v.title, basis: v.basis, periodDays: v.periodDays, endAction: v.endAction, rows: parseRows(v.rows ?? '') }, {
      onSuccess: (l) => { message.success('已发布'); setCreating(false); form.resetFields(); setSelected(l.id) },
      onError: (e) => setError(applyFieldErrors(form, e)),
    })
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>结果公示</h1>} extra={has('center_admin') && <Button type="primary" onClick={() => setCreating(true)}>发布公示</Button>}>
      <QueryView q={q}>{(list) => (
        <Table<PublicitySummary> rowKey="id" size="small" dataSource={list} scroll={{ x: 800 }} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText('还没有公示') }}
          columns={[{ title: '标题', dataIndex: 'title' }, { title: '类型', dataIndex: 'type' }, { title: '行数', dataIndex: 'rows' },
            { title: '公示期', render: (_, l) => `${cnDate(l.startsOn)} 至 ${cnDate(l.endsOn)}` },
            { title: '状态', render: (_, l) => <Tag color={STATUS[l.status][1]}>{STATUS[l.status][0]}</Tag> },
            { title: '期满', render: (_, l) => (l.endAction === 'archive' ? '存档可查' : '撤下') },
            { title: '操作', render: (_, l) => <Button size="small" onClick={() => setSelected(l.id)} aria-label={`查看与异议：${l.title}`}>查看与异议</Button> }]} />
      )}</QueryView>
      {selected && <Card size="small" style={{ marginTop: 16 }} title="公示详情" extra={<Button size="small" onClick={() => setSelected(null)}>收起</Button>}><Detail id={selected} /></Card>}
      <Modal open={creating} title="发布公示" footer={null} onCancel={() => setCreating(false)} width={720} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ periodDays: 7, endAction: 'archive' }} aria-label="发布公示">
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item label="类型" name="type" rules={[{ required: true, message: '请填写公示类型' }]}><Input placeholder="低保、征地补偿、惠民补贴" /></Form.Item></Col>
            <Col xs={24} md={16}><Form.Item label="标题" name="title" rules={[{ required: true, message: '请填写标题' }]}><Input /></Form.Item></Col>
          </Row>
          <Form.Item label="公示依据" name="basis" rules={[{ required: true, message: '请填写公示依据' }]}><Input /></Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item label="公示期（工作日）" name="periodDays"><InputNumber min={1} max={60} /></Form.Item></Col>
            <Col xs={24} md={16}><Form.Item label="期满后" name="endAction"><Radio.Group options={[{ value: 'archive', label: '存档可查' }, { value: 'withdraw', label: '撤下' }]} /></Form.Item></Col>
          </Row>
          <Form.Item label="名单（每行一人：姓名,身份证号,电话,列名=值…；身份证号和电话可空）" name="rows" rules={[{ required: true, message: '请至少列出一行' }]}>
            <Input.TextArea rows={6} placeholder={'张三,341502199003071235,13812345678,村组=红街一组,金额=580元/月'} />
          </Form.Item>
          <Typography.Paragraph type="secondary">姓名、身份证号、电话由系统按规则脱敏后公开（张*、341502********1235、138****5678），原始信息不会通过任何公开页面或接口离开服务器。</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>发布</Button>
        </Form>
      </Modal>
    </Card>
  )
}
