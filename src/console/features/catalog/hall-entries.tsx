// 进驻事项: which matters of the catalog are handled in the hall and the approved exemptions (不进驻,
// approved by the county's center admin, with where the matter is handled instead). The API
// refuses an exemption without office, address, phone and approval document: the errors land
// at those fields.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api, data } from '../../api/client'
import { useSession } from '../../session'
import { cnDateTime } from '../../ui/dates'
import { applyFieldErrors } from '../../ui/form-errors'
import { ErrorState } from '../../ui/states'
import { mattersQuery } from '../cases/queries'

type Filter = 'all' | 'true' | 'false'

export function HallEntries() {
  const { unit } = useSession()
  const qc = useQueryClient()
  const [filter, setFilter] = useState<Filter>('all')
  const [pages, setPages] = useState<(string | null)[]>([null])
  const cursor = pages[pages.length - 1]
  const q = useQuery({
    queryKey: ['hall-entries', unit, filter, cursor],
    queryFn: () => data(api.GET('/api/units/{code}/hall-entries', { params: { path: { code: unit }, query: {
      limit: 20, ...(filter === 'all' ? {} : { inHall: filter }), ...(cursor ? { cursor } : {}) } as any } })),
    placeholderData: keepPreviousData,
  })
  const matters = useQuery(mattersQuery(unit))
  const names = new Map((matters.data ?? []).map((m) => [m.matterCode, m.name]))
  const [form] = Form.useForm()
  const inHall = Form.useWatch('inHall', form)
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()
  const save = useMutation({
    mutationFn: ({ matterCode, ...body }: any) => data(api.PUT('/api/units/{code}/matters/{matterCode}/hall', { params: { path: { code: unit, matterCode } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hall-entries', unit] }),
  })
  const submit = (v: any) => {
    setError(null)
    const body = v.inHall ? { matterCode: v.matterCode, inHall: true } : v
    save.mutate(body, { onSuccess: () => { message.success(v.inHall ? '已登记为进驻大厅' : '已登记经批准的不进驻事项'); form.resetFields() }, onError: (e) => setError(applyFieldErrors(form, e)) })
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>进驻事项与不进驻审批</h1>}>
      <Segmented value={filter} onChange={(v) => { setFilter(v as Filter); setPages([null]) }} style={{ marginBottom: 12 }}
        options={[{ value: 'all', label: '全部' }, { value: 'true', label: '进驻大厅' }, { value: 'false', label: '经批准不进驻' }]} />
      {q.error ? <ErrorState error={q.error} retry={() => q.refetch()} /> : <>
        <Table rowKey="matterCode" size="small" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={false} scroll={{ x: 900 }}
          locale={{ emptyText: filter === 'false' ? '没有经批准不进驻的事项' : '尚未登记进驻情况' }}
          columns={[
            { title: '事项', dataIndex: 'matterCode', render: (c: string) => <>{names.get(c) ?? ''}<Typography.Text type="secondary">（{c}）</Typography.Text></> },
            { title: '进驻', dataIndex: 'inHall', render: (v: boolean) => v ? <Tag color="green">进驻大厅</Tag> : <Tag color="orange">不进驻（经批准）</Tag> },
            { title: '办理地点', render: (_, e) => e.inHall ? '—' : `${e.office ?? ''}，${e.address ?? ''}，${e.phone ?? ''}` },
            { title: '批准文件', dataIndex: 'approvalDocument', render: (v) => v ?? '—' },
            { title: '批准', render: (_, e) => e.approvedAt ? `${e.approvedByName ?? ''} ${cnDateTime(e.approvedAt)}` : '—' },
          ]} />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={pages.length < 2} onClick={() => setPages((p) => p.slice(0, -1))}>上一页</Button>
          <Typography.Text type="secondary">第 {pages.length} 页</Typography.Text>
          <Button disabled={!q.data?.next} onClick={() => q.data?.next && setPages((p) => [...p, q.data!.next!])}>下一页</Button>
        </Space>
      </>}
      <Card size="small" title="登记进驻情况" style={{ marginTop: 16 }}>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ inHall: true, office: '', address: '', phone: '', approvalDocument: '' }} onFinish={submit} style={{ maxWidth: 560 }}>
          <Form.Item label="事项" name="matterCode" rules={[{ required: true, message: '请选择事项' }]}>
            <Select showSearch aria-label="事项" optionFilterProp="label" loading={matters.isPending}
              options={(matters.data ?? []).map((m) => ({ value: m.matterCode, label: `${m.name}（${m.matterCode}）` }))} />
          </Form.Item>
          <Form.Item label="是否进驻大厅" name="inHall">
            <Radio.Group options={[{ value: true, label: '进驻大厅' }, { value: false, label: '不进驻（须县级中心管理员批准）' }]} />
          </Form.Item>
          {inHall === false && <>
            <Form.Item label="办理机构" name="office"><Input /></Form.Item>
            <Form.Item label="办理地址" name="address"><Input /></Form.Item>
            <Form.Item label="联系电话" name="phone"><Input /></Form.Item>
            <Form.Item label="批准文件" name="approvalDocument"><Input placeholder="如 金政办〔2026〕8号" /></Form.Item>
          </>}
          <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
        </Form>
      </Card>
    </Card>
  )
}
