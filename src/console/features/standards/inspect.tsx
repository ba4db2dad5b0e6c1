// 检查: the standards checklist of the inspected station as a form, photos uploaded as evidence.
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { applyFieldErrors } from '../../ui/form-errors'
import { ErrorState, Loading } from '../../ui/states'
import { Evidence } from './evidence-upload'
import { stationsQuery, templateQuery, useInspect, type TemplateItem } from './queries'

function Checklist({ code, tier, name }: { code: string; tier: 'township' | 'village'; name: string }) {
  const t = useQuery(templateQuery(code, tier))
  const inspect = useInspect(code)
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<any>(null)
  if (t.isPending) return <Loading />
  if (t.error) return <ErrorState error={t.error} />
  const submit = (v: any) => {
    setError(null)
    const results = t.data.map((it: TemplateItem) => it.kind === 'evidence'
      ? { key: it.key, evidence: v[it.key] ?? [] }
      : { key: it.key, value: v[it.key] ?? null })
    inspect.mutate({ results, note: v.__note || undefined }, { onSuccess: setResult, onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  if (result) return (
    <Alert type="success" showIcon title={`已记录对${name}的检查`} role="status"
      description={<>得分 {result.score ?? result.inspection?.score ?? '—'}，档次 {result.gradeName ?? result.grade ?? result.inspection?.grade ?? '—'}{result.rectifications?.length ? `，生成整改任务 ${result.rectifications.length} 项` : ''}</>}
      action={<Button onClick={() => { setResult(null); form.resetFields() }}>再检查一次</Button>} />
  )
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      {t.data.map((it) => (
        <Form.Item key={it.key} name={it.key} label={<>{it.label}{it.critical && <Tag color="red" style={{ marginLeft: 8 }}>关键项</Tag>}<Typography.Text type="secondary">（{it.weight} 分）</Typography.Text></>}
          extra={it.guidance ?? (it.min != null ? `不少于 ${it.min} ${it.unit ?? ''}` : it.minFiles ? `至少 ${it.minFiles} 个文件` : undefined)}>
          {it.kind === 'boolean' ? <Radio.Group options={[{ value: true, label: '符合' }, { value: false, label: '不符合' }]} />
            : it.kind === 'number' ? <InputNumber min={0} addonAfter={it.unit} style={{ width: 200 }} />
            : it.kind === 'evidence' ? <Evidence code={code} />
            : <Input maxLength={200} />}
        </Form.Item>
      ))}
      <Form.Item label="检查说明" name="__note"><Input.TextArea rows={2} /></Form.Item>
      <Button type="primary" htmlType="submit" loading={inspect.isPending}>提交检查记录</Button>
    </Form>
  )
}

export function Inspect() {
  const { unit } = useSession()
  const stations = useQuery(stationsQuery(unit))
  const [code, setCode] = useState<string | undefined>()
  const s = stations.data?.find((x) => x.unitCode === code)
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>标准化建设检查</h1>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select showSearch optionFilterProp="label" placeholder="选择被检查的中心或工作站" aria-label="被检查单位" style={{ width: 360, maxWidth: '100%' }}
          loading={stations.isPending} value={code} onChange={setCode}
          options={(stations.data ?? []).map((x) => ({ value: x.unitCode, label: `${x.servicePointName || x.name}（${x.unitCode}）` }))} />
        {stations.error && <ErrorState error={stations.error} />}
        {s && <Checklist key={s.unitCode} code={s.unitCode} tier={s.level === 'village' ? 'village' : 'township'} name={s.servicePointName || s.name} />}
      </Space>
    </Card>
  )
}
