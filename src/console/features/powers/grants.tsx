// 下放与委托: grants given and received, a new grant, revoke. The law's refusals (e.g. art. 24:
// an entrusted power may not be entrusted further) come back as field errors and show there.
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Select, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { keys } from '../../api/keys'
import { useSession } from '../../session'
import { useToday } from '../../ui/server-clock'
import { Checks } from '../../ui/checks'
import { applyFieldErrors } from '../../ui/form-errors'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import { mattersQuery } from '../cases/queries'
import { childrenQuery } from '../units/queries'
import { grantsPage, useGrant, useRevoke, type Grant } from './queries'

const RIGHTS = [{ value: 'accept', label: '受理' }, { value: 'review', label: '审核' }, { value: 'decide', label: '决定' }, { value: 'certify', label: '制证' }, { value: 'seal', label: '用印' }, { value: 'deliver', label: '送达' }]
const KIND = { delegation: '下放', entrustment: '委托' }

function GrantTable({ rows, revocable }: { rows: Grant[]; revocable: boolean }) {
  const revoke = useRevoke()
  const { message } = App.useApp()
  return <Table<Grant> rowKey="id" size="small" dataSource={rows} scroll={{ x: 900 }} pagination={false} locale={{ emptyText: '没有授权' }}
    columns={[
      { title: '事项', dataIndex: 'matterCode' },
      { title: '方式', dataIndex: 'kind', render: (k: Grant['kind']) => <Tag color={k === 'entrustment' ? 'purple' : 'blue'}>{KIND[k]}</Tag> },
      { title: '授权单位', dataIndex: 'grantorCode' }, { title: '获得单位', dataIndex: 'granteeCode' },
      { title: '权限', dataIndex: 'rights', render: (r: string[]) => r.map((x) => RIGHTS.find((y) => y.value === x)?.label ?? x).join('、') },
      { title: '文号', dataIndex: 'documentNo' }, { title: '生效', dataIndex: 'validFrom' },
      { title: '状态', render: (_, g) => g.revokedAt ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag> },
      ...(revocable ? [{ title: '操作', render: (_: unknown, g: Grant) => !g.revokedAt && (
        <Popconfirm title="撤销该授权？依附于它的再下放一并撤销" okText="撤销" cancelText="取消"
          onConfirm={() => revoke.mutateAsync({ id: g.id, reason: '中心管理员撤销' }).then(() => message.success('已撤销'), (e) => message.error(e.message))}>
          <Button size="small" danger>撤销</Button>
        </Popconfirm>) }] : []),
    ]} />
}

function NewGrant({ unit }: { unit: string }) {
  const [form] = Form.useForm()
  const today = useToday()
  const grant = useGrant()
  const { message } = App.useApp()
  const kids = useQuery(childrenQuery(unit))
  const matters = useQuery(mattersQuery(unit))
  const [error, setError] = useState<string | null>(null)
  const submit = (v: any) => {
    setError(null)
    grant.mutate({ ...v, grantorCode: unit }, {
      onSuccess: () => { message.success('已授权'); form.resetFields(['granteeCode', 'matterCode', 'documentNo']) },
      onError: (e) => setError(applyFieldErrors(form, e)),
    })
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'entrustment', rights: ['accept', 'review', 'decide', 'deliver'], validFrom: today }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item label="获得授权的下级单位" name="granteeCode" rules={[{ required: true, message: '请选择下级单位' }]}>
          <Select showSearch optionFilterProp="label" loading={kids.isPending} aria-label="获得授权的下级单位" options={(kids.data ?? []).map((k) => ({ value: k.code, label: `${k.name}（${k.code}）` }))} />
        </Form.Item></Col>
        <Col xs={24} md={12}><Form.Item label="事项" name="matterCode" rules={[{ required: true, message: '请选择事项' }]}>
          <Select showSearch optionFilterProp="label" loading={matters.isPending} aria-label="事项" options={(matters.data ?? []).map((m) => ({ value: m.matterCode, label: `${m.name}（${m.matterCode}）` }))} />
        </Form.Item></Col>
        <Col xs={24} md={12}><Form.Item label="方式" name="kind">
          <Radio.Group optionType="button" options={[{ value: 'delegation', label: '下放（以下级名义）' }, { value: 'entrustment', label: '委托（以委托机关名义）' }]} />
        </Form.Item></Col>
        <Col xs={24} md={12}><Form.Item label="权限" name="rights" rules={[{ required: true, message: '至少选择一项权限' }]}><Checks options={RIGHTS} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item label="文号" name="documentNo" rules={[{ required: true, message: '请填写文号' }]}><Input /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item label="生效日期" name="validFrom" rules={[{ required: true, message: '请填写生效日期' }]}><Input type="date" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item label="法律依据" name="legalBasis" rules={[{ required: true, message: '请填写法律依据' }]}><Input /></Form.Item></Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={grant.isPending}>授权</Button>
    </Form>
  )
}

/** One direction's grants, paged by the API (oldest first); 加载更多 fetches the next page. */
function GrantList({ unit, direction }: { unit: string; direction: 'given' | 'received' }) {
  const q = usePaged([...keys.grants(unit), direction], (cursor) => grantsPage(unit, direction, cursor))
  return <>
    {q.error ? <ErrorState error={q.error} /> : <GrantTable rows={q.rows} revocable={direction === 'given'} />}
    <LoadMore q={q} />
  </>
}

export function Grants() {
  const { unit } = useSession()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>下放与委托</h1>}>
      <Tabs items={[
        { key: 'new', label: '新的授权', children: <NewGrant unit={unit} /> },
        { key: 'given', label: '授出', children: <GrantList unit={unit} direction="given" /> },
        { key: 'received', label: '获得', children: <GrantList unit={unit} direction="received" /> },
      ]} />
    </Card>
  )
}
