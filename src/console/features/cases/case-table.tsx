// A paged table of cases: keyset paging, the API's `next` cursor passed back as `cursor`.
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Button, Grid, List, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { cnDate } from '../../ui/dates'
import { ErrorState } from '../../ui/states'
import { casesQuery, type CaseRow, type ListParams } from './queries'
import { STATUS_COLORS } from './rules'

const PAGE = 20

/** The working days left as the API counts them on the unit's calendar (holidays, 调休, local days). */
export function DaysLeft({ c }: { c: CaseRow }) {
  if (c.status === 'suspended') return <Tag color="gold">已中止计时</Tag>
  const n = c.workingDaysLeft
  if (n == null) return <span>—</span>
  const label = c.status === 'submitted' || c.status === 'supplement_requested' ? '受理' : c.status === 'decided' ? '制证' : '办结'
  if (n < 0) return <Tag color="red">{label}已超期 {Math.abs(n)} 个工作日</Tag>
  if (n === 0) return <Tag color="orange">{label}今日到期</Tag>
  return <Tag color={n <= 2 ? 'orange' : 'green'}>{label}剩 {n} 个工作日</Tag>
}

export function CaseTable({ unit, params, filter }: { unit: string; params: ListParams; filter?: (c: CaseRow) => boolean }) {
  const [pages, setPages] = useState<(string | null)[]>([null])
  const narrow = Grid.useBreakpoint().md === false
  const at = pages[pages.length - 1]
  const q = useQuery(casesQuery(unit, { ...params, limit: PAGE, ...(at ? { cursor: at } : {}) }))
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />
  const rows = (q.data?.items ?? []).filter(filter ?? (() => true))
  const next = q.data?.next ?? null
  return (
    <>
      {narrow ? <List<CaseRow> loading={q.isPending || q.isFetching} dataSource={rows} locale={{ emptyText: <span style={{ color: '#595959' }}>没有办件</span> }}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta title={<Link to="/cases/$id" params={{ id: c.id }}>{c.matterName} · {c.applicant.name}</Link>}
              description={<Space wrap size={4}><span>{c.receiptNo}</span><Tag color={STATUS_COLORS[c.status]}>{c.statusName}</Tag><DaysLeft c={c} /></Space>} />
          </List.Item>
        )} /> :
      <Table<CaseRow> rowKey="id" size="middle" loading={q.isPending || q.isFetching} dataSource={rows} pagination={false}
        locale={{ emptyText: '没有办件' }}
        columns={[
          { title: '受理编号', dataIndex: 'receiptNo', render: (v, c) => <Link to="/cases/$id" params={{ id: c.id }}>{v}</Link> },
          { title: '事项', dataIndex: 'matterName' },
          // At tablet width (768–991 px) the applicant and the intake day give way so the table fits its card.
          { title: '申请人', render: (_, c) => c.applicant.name, responsive: ['lg'] },
          { title: '状态', dataIndex: 'statusName', render: (v, c) => <Tag color={STATUS_COLORS[c.status]}>{v}</Tag> },
          { title: '收件日期', dataIndex: 'receivedDay', render: cnDate, responsive: ['lg'] },
          { title: '期限', render: (_, c) => <DaysLeft c={c} /> },
        ]} />}
      <Space style={{ marginTop: 12 }}>
        <Button disabled={pages.length < 2} onClick={() => setPages((p) => p.slice(0, -1))}>上一页</Button>
        <Typography.Text type="secondary">第 {pages.length} 页</Typography.Text>
        <Button disabled={next == null} onClick={() => next != null && setPages((p) => [...p, next])}>下一页</Button>
      </Space>
    </>
  )
}
