// 收件: the matter's materials list as a checklist, the applicant's number checked as typed.
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useSession } from '../../session'
import { applyFieldErrors } from '../../ui/form-errors'
import { residentIdProblem, usccProblem } from '../../ui/identity'
import { ErrorState, Loading } from '../../ui/states'
import { mattersQuery, myPowersQuery, useIntake } from './queries'

export function Intake() {
  const { unit } = useSession()
  const matters = useQuery(mattersQuery(unit))
  const powers = useQuery(myPowersQuery(unit))
  const intake = useIntake()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const matterCode = Form.useWatch('matterCode', form) as string | undefined
  const kind = Form.useWatch(['applicant', 'kind'], form) as string | undefined
  const acceptable = useMemo(() => {
    const can = new Set((powers.data ?? []).filter((p) => p.rights.includes('accept')).map((p) => p.matterCode))
    return (matters.data ?? []).filter((m) => can.has(m.matterCode))
  }, [matters.data, powers.data])
  const matter = acceptable.find((m) => m.matterCode === matterCode)

  if (matters.isPending || powers.isPending) return <Loading />
  if (matters.error || powers.error) return <ErrorState error={matters.error ?? powers.error} />

  const submit = (v: any) => {
    setError(null)
    const provided: string[] = v.materials ?? []
    intake.mutate({ unitCode: unit, matterCode: v.matterCode, applicant: v.applicant, materials: provided.map((name) => ({ name })) }, {
      onSuccess: (r) => {
        message.success(`已收件：${r.receipt.receiptNo}，查询码 ${r.receipt.queryCode}（只显示这一次）`)
        navigate({ to: '/cases/$id', params: { id: r.case.id }, search: { queryCode: r.receipt.queryCode } as any })
      },
      onError: (e) => setError(applyFieldErrors(form, e)),
    })
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>新收件</h1>}>
      {!acceptable.length && <Alert type="warning" showIcon title="您所在的窗口没有可受理的事项" description="请联系中心管理员安排窗口授权。" style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ applicant: { kind: 'person' }, materials: [] }}>
        <Form.Item label="办理事项" name="matterCode" rules={[{ required: true, message: '请选择事项' }]}>
          <Select showSearch optionFilterProp="label" placeholder="输入事项名称或编码" aria-label="办理事项"
            options={acceptable.map((m) => ({ value: m.matterCode, label: `${m.name}（${m.matterCode}）` }))}
            onChange={() => form.setFieldValue('materials', [])} />
        </Form.Item>
        {matter && <Typography.Paragraph type="secondary">
          实施部门：{matter.department}；承诺时限 {matter.promisedLimit?.days ?? '—'} 个工作日（法定 {matter.statutoryLimit?.days ?? '—'}）
        </Typography.Paragraph>}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="申请人类型" name={['applicant', 'kind']}>
              <Radio.Group options={[{ value: 'person', label: '自然人' }, { value: 'org', label: '法人或其他组织' }]} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={kind === 'org' ? '统一社会信用代码' : '公民身份号码'} name={['applicant', 'idNumber']} validateTrigger={['onChange', 'onBlur']} hasFeedback required
              rules={[{ validator: (_, v) => { const p = (kind === 'org' ? usccProblem : residentIdProblem)(v ?? ''); return p ? Promise.reject(new Error(p)) : Promise.resolve() } }]}>
              <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={kind === 'org' ? '单位名称' : '姓名'} name={['applicant', 'name']} rules={[{ required: true, message: '请填写申请人名称' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="联系电话" name={['applicant', 'phone']} rules={[{ required: true, message: '请填写联系电话' }]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        {matter && (
          <Form.Item label={`申请材料（勾选已收取的；共 ${matter.materials.length} 项）`} name="materials">
            <Checkbox.Group style={{ display: 'grid', gap: 8 }}>
              {matter.materials.map((m) => (
                <Checkbox key={m.name} value={m.name}>
                  {m.name}{m.required ? '' : '（非必需）'}
                  <Typography.Text type="secondary">{m.copies ? ` · ${m.form === 'original' ? '原件' : '复印件'} ${m.copies} 份` : ''}{m.notes ? ` · ${m.notes}` : ''}</Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={intake.isPending}>收件</Button>
          <Button onClick={() => history.back()}>返回</Button>
        </Space>
      </Form>
    </Card>
  )
}
