// 事项草稿: create or edit one matter of the unit's draft catalog with the elements the API takes
// (MatterElements). The API's refusals (八公开 consistency, a lower tier only tightening) come back
// as problem+json field errors and are shown at their field.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Checkbox, Col, Divider, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space } from 'antd'
import { useEffect, useState } from 'react'
import { applyFieldErrors } from '../../ui/form-errors'
import { useCreateMatter, useSaveMatter } from './queries'

const TYPES = ['行政许可', '行政给付', '行政确认', '行政征收', '行政裁决', '行政奖励', '其他行政权力', '公共服务']
const SOURCES = ['法定本级行使', '上级下放', '上级委托', '上级授权', '同级委托', '同级授权', '其他']
const LEVELS = [{ value: 'city', label: '市级' }, { value: 'county', label: '县级' }, { value: 'township', label: '乡镇（街道）' }, { value: 'village', label: '村（社区）' }]
const FORMS = [{ value: 'original', label: '原件' }, { value: 'copy', label: '复印件' }, { value: 'original_and_copy', label: '原件及复印件' }]
const DELIVERY = [{ value: 'pickup', label: '窗口领取' }, { value: 'post', label: '邮寄送达' }, { value: 'electronic', label: '电子证照' }]
const FLAGS = [['online', '可网上办理'], ['booking', '可预约'], ['postDelivery', '可邮寄'], ['agentService', '可代办']] as const

/** The level a unit code stands for (city 4 significant digits, county 6, township 9, village 12). */
const levelOf = (code: string) => (code.endsWith('00000000') ? 'city' : code.endsWith('000000') ? 'county' : code.endsWith('000') ? 'township' : 'village')

export type DraftMatter = Record<string, any> & { matterCode: string }

const blank = (unit: string) => ({
  matterCode: '', name: '', type: '行政许可', department: '', legalBasis: '', materials: [],
  statutoryLimit: { days: 20, unit: 'working' }, promisedLimit: { days: 10 }, instant: false, free: true, fees: [],
  result: { name: '', delivery: ['pickup'] }, visits: 1, online: false, booking: false, postDelivery: false, agentService: false,
  powerSource: '法定本级行使', exerciseLevel: levelOf(unit),
})

/** The form's values → the API's body: the promised limit counts in the statutory limit's unit; empty optionals left out. */
function toBody(v: any, original: DraftMatter | null) {
  const { matterCode: _c, updatedAt: _u, source: _s, ...kept } = (original ?? {}) as DraftMatter
  const opt = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined)
  return {
    ...kept,
    name: v.name, type: v.type, department: v.department, legalBasis: v.legalBasis ?? '',
    materials: (v.materials ?? []).map((m: any) => ({ name: m.name ?? '', required: !!m.required, form: m.form ?? 'original', copies: m.copies ?? 1,
      template: opt(m.template), notes: opt(m.notes) })),
    statutoryLimit: { days: v.statutoryLimit?.days ?? 0, unit: v.statutoryLimit?.unit ?? 'working' },
    promisedLimit: v.instant ? null : { days: v.promisedLimit?.days ?? 0, unit: v.statutoryLimit?.unit ?? 'working' },
    instant: !!v.instant, free: !!v.free,
    fees: (v.fees ?? []).map((f: any) => ({ name: f.name ?? '', basis: f.basis ?? '', amount: f.amount ?? undefined, rule: opt(f.rule) })),
    result: { name: v.result?.name ?? '', delivery: v.result?.delivery ?? [] },
    visits: v.visits ?? 0, online: !!v.online, booking: !!v.booking, postDelivery: !!v.postDelivery, agentService: !!v.agentService,
    agentFor: opt(v.agentFor), powerSource: v.powerSource, exerciseLevel: v.exerciseLevel,
  }
}

// checkMatter names an item `materials[0].name` or a whole fee `fees[0]`; zod says `materials.0.name`.
function fieldOf(f: string) {
  const dotted = f.replace(/\[(\d+)\]/g, '.$1')
  if (/^fees\.\d+$/.test(dotted)) return `${dotted}.amount`
  if (dotted === 'promisedLimit' || dotted === 'promisedLimit.unit') return 'promisedLimit.days'
  return dotted
}

export function MatterForm({ unit, matter, onClose }: { unit: string; matter: DraftMatter | null | 'new'; onClose(): void }) {
  const [form] = Form.useForm()
  const { message } = App.useApp()
  const create = useCreateMatter(unit)
  const save = useSaveMatter(unit)
  const [error, setError] = useState<string | null>(null)
  const narrow = Grid.useBreakpoint().md === false
  const editing = matter && matter !== 'new' ? matter : null
  const instant = Form.useWatch('instant', form)
  const free = Form.useWatch('free', form)
  useEffect(() => {
    if (!matter) return
    setError(null)
    form.resetFields()
    form.setFieldsValue(editing ? { ...blank(unit), ...editing, promisedLimit: editing.promisedLimit ?? { days: null } } : blank(unit))
  }, [matter]) // reset only when another matter is opened

  const submit = async (v: any) => {
    setError(null)
    const body = toBody(v, editing)
    const done = { onSuccess: () => { message.success(editing ? '草稿已保存' : '已新增事项草稿'); onClose() } }
    const fail = (e: unknown) => {
      const rename: Record<string, string> = {}
      for (const f of (e as any)?.fieldErrors ?? []) rename[f.field] = fieldOf(f.field)
      setError(applyFieldErrors(form, e, rename))
    }
    if (editing) save.mutate({ matterCode: editing.matterCode, body }, { ...done, onError: fail })
    else create.mutate({ ...body, matterCode: v.matterCode }, { ...done, onError: fail })
  }

  return (
    <Drawer open={!!matter} onClose={onClose} size={narrow ? '100%' : 760} destroyOnHidden
      title={editing ? `编辑事项草稿 · ${editing.matterCode}` : '新增事项草稿'}
      extra={<Space><Button onClick={onClose}>取消</Button><Button type="primary" loading={create.isPending || save.isPending} onClick={() => form.submit()}>保存草稿</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={12}>
          <Col xs={24} md={10}><Form.Item name="matterCode" label="事项编码" rules={[{ required: !editing, message: '请填写事项编码' }]}>
            <Input disabled={!!editing} placeholder="如 3415-SCJG-XK-0001" /></Form.Item></Col>
          <Col xs={24} md={14}><Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}><Input /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="type" label="事项类型"><Select options={TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="department" label="实施部门" rules={[{ required: true, message: '请填写实施部门' }]}><Input /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="exerciseLevel" label="行使层级"><Select options={LEVELS} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="powerSource" label="权力来源"><Select options={SOURCES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
        </Row>
        <Form.Item name="legalBasis" label="设定依据"><Input.TextArea rows={2} /></Form.Item>

        <Divider titlePlacement="start">申请材料</Divider>
        <Form.List name="materials">
          {(fields, { add, remove }, { errors }) => <>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="top" role="group" aria-label={`材料 ${i + 1}`}>
                <Col xs={24} md={7}><Form.Item name={[f.name, 'name']} label={`材料 ${i + 1} 名称`}><Input /></Form.Item></Col>
                <Col xs={12} md={5}><Form.Item name={[f.name, 'form']} label="形式"><Select options={FORMS} aria-label={`材料 ${i + 1} 形式`} /></Form.Item></Col>
                <Col xs={6} md={3}><Form.Item name={[f.name, 'copies']} label="份数"><InputNumber min={1} max={99} style={{ width: '100%' }} /></Form.Item></Col>
                <Col xs={6} md={3}><Form.Item name={[f.name, 'required']} label="必需" valuePropName="checked"><Checkbox>必需</Checkbox></Form.Item></Col>
                <Col xs={20} md={5}><Form.Item name={[f.name, 'template']} label="样表或示范文本"><Input placeholder="如 样表-申请书.pdf" /></Form.Item></Col>
                <Col xs={4} md={1}><Button type="text" aria-label={`删除材料 ${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} /></Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', required: true, form: 'original', copies: 1 })}>添加材料</Button>
          </>}
        </Form.List>

        <Divider titlePlacement="start">时限</Divider>
        <Row gutter={12}>
          <Col xs={12} md={6}><Form.Item name={['statutoryLimit', 'days']} label="法定时限（天）"><InputNumber min={0} max={3650} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['statutoryLimit', 'unit']} label="计时单位"><Select options={[{ value: 'working', label: '工作日' }, { value: 'natural', label: '自然日' }]} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['promisedLimit', 'days']} label="承诺时限（天）"><InputNumber min={0} max={3650} disabled={!!instant} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="instant" label="即办件" valuePropName="checked"><Checkbox>当场办结</Checkbox></Form.Item></Col>
        </Row>

        <Divider titlePlacement="start">收费</Divider>
        <Form.Item name="free" valuePropName="checked"><Checkbox>不收费</Checkbox></Form.Item>
        <Form.List name="fees">
          {(fields, { add, remove }, { errors }) => <>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="top" role="group" aria-label={`收费项目 ${i + 1}`}>
                <Col xs={24} md={6}><Form.Item name={[f.name, 'name']} label={`收费项目 ${i + 1} 名称`}><Input /></Form.Item></Col>
                <Col xs={24} md={8}><Form.Item name={[f.name, 'basis']} label="收费依据"><Input /></Form.Item></Col>
                <Col xs={10} md={4}><Form.Item name={[f.name, 'amount']} label="金额（元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                <Col xs={10} md={5}><Form.Item name={[f.name, 'rule']} label="计费规则"><Input /></Form.Item></Col>
                <Col xs={4} md={1}><Button type="text" aria-label={`删除收费项目 ${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} /></Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button icon={<PlusOutlined />} disabled={!!free} onClick={() => add({ name: '', basis: '' })}>添加收费项目</Button>
          </>}
        </Form.List>

        <Divider titlePlacement="start">办理方式与结果</Divider>
        <Row gutter={12}>
          <Col xs={24} md={10}><Form.Item name={['result', 'name']} label="结果名称"><Input placeholder="如 食品经营许可证" /></Form.Item></Col>
          <Col xs={24} md={10}><Form.Item name={['result', 'delivery']} label="送达方式"><Checkbox.Group options={DELIVERY} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="visits" label="到现场次数"><InputNumber min={0} max={10} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Space wrap size={16}>
          {FLAGS.map(([k, label]) => <Form.Item key={k} name={k} valuePropName="checked" style={{ marginBottom: 8 }}><Checkbox>{label}</Checkbox></Form.Item>)}
        </Space>
        <Form.Item name="agentFor" label="被代办事项编码（村代办事项填写）"><Input /></Form.Item>
      </Form>
    </Drawer>
  )
}
