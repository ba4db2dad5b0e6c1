// 考核: run a period's assessment of the child units (scores and grades published at once), the
// runs this unit organised with their results, and how the unit above assessed this one.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { useToday } from '../../ui/server-clock'
import { applyFieldErrors } from '../../ui/form-errors'
import { QueryView } from '../../ui/states'
import { assessmentsQuery, useRunAssessment } from './queries'

const GRADE_COLORS: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' }
const INPUT_NAMES: Record<string, string> = { evaluation: '好差评', timeliness: '按时办结', standards: '标准化', complaints: '投诉', findings: '督查发现' }
const score = (v: number | null) => (v == null ? '—' : v.toFixed(1))

export function Assessments() {
  const { unit, has } = useSession()
  const q = useQuery(assessmentsQuery(unit))
  const run = useRunAssessment(unit)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  const year = useToday().slice(0, 4)
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>考核</h1>}>
      {has('center_admin') && <Card size="small" title="组织一期考核" style={{ marginBottom: 16 }}>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="inline" initialValues={{ period: `${year}` }}
          onFinish={(v) => { setError(null); run.mutate(v.period, { onSuccess: (r: any) => message.success(`${r.period} 考核已完成并公布`), onError: (e) => setError(applyFieldErrors(form, e)) }) }}>
          <Form.Item label="考核期间" name="period" extra="年度 YYYY、季度 YYYY-Qn 或月份 YYYY-MM" rules={[{ required: true, message: '请填写考核期间' }]}><Input style={{ width: 160 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={run.isPending}>计算并公布</Button>
        </Form>
      </Card>}
      <QueryView q={q}>{(d) => (
        <Tabs items={[
          { key: 'runs', label: `本单位组织的考核（${d.runs.length}）`, children: d.runs.length ? d.runs.map((r) => (
            <Card key={r.id} size="small" type="inner" title={`${r.period}（${r.from} 至 ${r.to}）`} style={{ marginBottom: 12 }}>
              <Table rowKey="unitCode" size="small" pagination={false} scroll={{ x: 800 }} dataSource={r.results} locale={{ emptyText: '没有下级单位' }}
                columns={[
                  { title: '单位', dataIndex: 'name' },
                  { title: '得分', dataIndex: 'score', render: score },
                  { title: '等次', dataIndex: 'gradeName', render: (v, x) => <Tag color={GRADE_COLORS[x.grade ?? ''] ?? 'default'}>{v}</Tag> },
                  ...Object.keys(INPUT_NAMES).map((k) => ({ title: `${INPUT_NAMES[k]}（权重 ${(r.scheme.weights as any)[k]}）`, render: (_: unknown, x: any) => score(x.inputs[k]?.score ?? null) })),
                ]} />
            </Card>
          )) : <Alert type="info" title="本单位尚未组织考核" /> },
          { key: 'by', label: `上级对本单位的考核（${d.assessedBy.length}）`, children: (
            <Table rowKey="assessmentId" size="small" pagination={false} dataSource={d.assessedBy} locale={{ emptyText: '上级尚未考核本单位' }}
              columns={[{ title: '期间', dataIndex: 'period' }, { title: '得分', dataIndex: 'score', render: score },
                { title: '等次', dataIndex: 'gradeName', render: (v, x) => <Tag color={GRADE_COLORS[x.grade ?? ''] ?? 'default'}>{v}</Tag> }]} />
          ) },
        ]} />
      )}</QueryView>
    </Card>
  )
}
