// 月度报表: generate, submit, download CSV / XLSX.
import { App, Button, Card, Input, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { keys } from '../../api/keys'
import { useToday } from '../../ui/server-clock'
import { LoadMore, usePaged } from '../../ui/paged'
import { reportsPage, useGenerateReport, useSubmitReport } from './queries'

export function Reports() {
  const { unit } = useSession()
  const today = useToday()
  const q = usePaged(keys.reports(unit), (cursor) => reportsPage(unit, cursor))
  const gen = useGenerateReport(unit)
  const submit = useSubmitReport(unit)
  const [period, setPeriod] = useState(today.slice(0, 7))
  const { message } = App.useApp()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>月度统计报表</h1>}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input type="month" aria-label="统计月份" value={period} onChange={(e) => setPeriod(e.target.value)} />
        <Button type="primary" loading={gen.isPending} onClick={() => gen.mutate(period, { onSuccess: () => message.success('已生成'), onError: (e) => message.error(e.message) })}>生成报表</Button>
      </Space>
      <Table rowKey="id" size="small" loading={q.isPending} dataSource={q.rows} scroll={{ x: 700 }} locale={{ emptyText: '没有报表' }} pagination={false}
        columns={[{ title: '月份', dataIndex: 'period' }, { title: '单位', dataIndex: 'unitCode' }, { title: '状态', dataIndex: 'status', render: (s) => <Tag>{s}</Tag> },
          { title: '下载', render: (_, r) => <Space><a href={`/api/reports/${r.id}.csv`} download>CSV</a><a href={`/api/reports/${r.id}.xlsx`} download>XLSX</a></Space> },
          { title: '操作', render: (_, r) => (r.status === 'draft' || r.status === 'returned') && r.unitCode === unit && <Button size="small" onClick={() => submit.mutate(r.id, { onError: (e) => message.error(e.message) })}>上报</Button> }]} />
      <LoadMore q={q} />
    </Card>
  )
}
