// 办件详情: status, the clock, materials, the event timeline, and only this user's actions.
import { PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useParams, useSearch } from '@tanstack/react-router'
import { Alert, App, Button, Card, Col, Descriptions, List, Row, Space, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDate, cnDateTime } from '../../ui/dates'
import { QueryView } from '../../ui/states'
import { ActionModal } from './action-form'
import { DaysLeft } from './case-table'
import { unitQuery } from '../units/queries'
import { caseQuery, myPowersQuery, type CaseAction, type CaseRow } from './queries'
import { ACTIONS, actionsFor, EVENT_NAMES, organOf, STATUS_COLORS } from './rules'

const PRINTS: { event: string; kind: string; label: string }[] = [
  { event: 'accepted', kind: 'receipt', label: '打印受理凭证' },
  { event: 'supplement_requested', kind: 'notice', label: '打印一次性告知书' },
  { event: 'rejected', kind: 'rejection', label: '打印不予受理决定书' },
]

function Clock({ c }: { c: CaseRow }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
      <Descriptions.Item label="收件时间">{cnDateTime(c.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label="受理期限">{cnDate(c.acceptanceDeadline)}{c.deemedAccepted && <Tag color="red" style={{ marginLeft: 8 }}>视为受理</Tag>}</Descriptions.Item>
      <Descriptions.Item label="受理时间">{cnDateTime(c.events?.find((e) => e.type === 'accepted')?.at ?? c.acceptedAt)}</Descriptions.Item>
      <Descriptions.Item label="办理时限">{c.limitDays} 个工作日{c.extendedDays ? `（延长 ${c.extendedDays}）` : ''}</Descriptions.Item>
      <Descriptions.Item label="已中止">{c.suspendedDays} 个工作日{c.suspension && <Tag color="gold" style={{ marginLeft: 8 }}>中止中</Tag>}</Descriptions.Item>
      <Descriptions.Item label="办结期限">{cnDate(c.dueDate)} <DaysLeft c={c} /></Descriptions.Item>
    </Descriptions>
  )
}

export function CaseDetail() {
  const { id } = useParams({ strict: false }) as { id: string }
  const { queryCode } = useSearch({ strict: false }) as { queryCode?: string }
  const { me } = useSession()
  const q = useQuery(caseQuery(id))
  const powers = useQuery({ ...myPowersQuery(q.data?.unitCode ?? me.unitCode), enabled: !!q.data })
  const unit = useQuery({ ...unitQuery(q.data?.unitCode ?? ''), enabled: !!q.data })
  const [action, setAction] = useState<CaseAction | null>(null)
  const { message } = App.useApp()
  return (
    <QueryView q={q}>{(c) => {
      const actions = actionsFor(c, me.roles, powers.data ?? [])
      const printable = PRINTS.filter((p) => c.events?.some((e) => e.type === p.event))
      return (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{c.matterName} <Tag color={STATUS_COLORS[c.status]}>{c.statusName}</Tag></h1>}
            extra={<Typography.Text copyable>{c.receiptNo}</Typography.Text>}>
            {queryCode && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`查询码：${queryCode}`} description="请告知申请人妥善保存受理编号和查询码，查询码只显示这一次。" />}
            <Space wrap style={{ marginBottom: 12 }} aria-label="可办理的操作">
              {actions.map((a) => <Button key={a} type={a === 'accept' || a === 'decide' || a === 'review' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => setAction(a)}>{ACTIONS[a].label}</Button>)}
              {!actions.length && <Typography.Text type="secondary">当前没有您可以办理的操作</Typography.Text>}
              {printable.map((p) => <Button key={p.kind} icon={<PrinterOutlined />} href={`/console/print/${p.kind}/${c.id}`} target="_blank">{p.label}</Button>)}
            </Space>
            <Clock c={c} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title="申请人与材料" size="small">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="申请人">{c.applicant.name}（{c.applicant.kind === 'org' ? '组织' : '自然人'}）</Descriptions.Item>
                  <Descriptions.Item label="证件号码">{c.applicant.idNumber}</Descriptions.Item>
                  <Descriptions.Item label="联系电话">{c.applicant.phone}</Descriptions.Item>
                  <Descriptions.Item label="办理单位">{unit.data?.name ?? c.unitCode}</Descriptions.Item>
                  {organOf(c) && <Descriptions.Item label="以谁的名义">{organOf(c)}</Descriptions.Item>}
                </Descriptions>
                <List size="small" dataSource={c.materials ?? []} locale={{ emptyText: <span style={{ color: '#595959' }}>无材料清单</span> }}
                  renderItem={(m) => <List.Item>{m.name}{m.provided ? <Tag color="green">已收</Tag> : <Tag color={m.required ? 'red' : 'default'}>{m.required ? '缺' : '未收（非必需）'}</Tag>}</List.Item>} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="办理轨迹" size="small">
                <Timeline items={(c.events ?? []).map((e) => ({
                  children: <><b>{EVENT_NAMES[e.type] ?? e.type}</b> <Typography.Text type="secondary">{cnDateTime(e.at)}</Typography.Text>
                    {e.actingFor && <div>以{String(e.actingFor.name ?? e.actingFor)}名义</div>}
                    {e.payload?.opinion && <div>意见：{e.payload.opinion}</div>}
                    {e.payload?.reasons && <div>理由：{e.payload.reasons}</div>}
                    {e.payload?.reason && <div>理由：{e.payload.reason}</div>}
                    {e.payload?.items && <div>补正：{e.payload.items.map((i: any) => i.name).join('、')}</div>}</>,
                }))} />
              </Card>
            </Col>
          </Row>
          {action && <ActionModal action={action} c={c} onClose={() => setAction(null)}
            onDone={(a) => { setAction(null); message.success(`已${ACTIONS[a].label}`) }} />}
        </Space>
      )
    }}</QueryView>
  )
}
