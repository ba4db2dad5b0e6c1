import { Link } from '@tanstack/react-router'
import { Button, Card, List, Segmented, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDateTime } from '../../ui/dates'
import { keys } from '../../api/keys'
import { LoadMore, usePaged } from '../../ui/paged'
import { QueryView } from '../../ui/states'
import { markRead, notificationsPage, readIds } from './notifications-queries'

export function Notifications() {
  const { unit } = useSession()
  const q = usePaged(keys.notifications(unit), (cursor) => notificationsPage(unit, cursor))
  const [filter, setFilter] = useState<'unread' | 'all'>('unread')
  const [, bump] = useState(0)
  const read = readIds()
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>通知</h1>} extra={<Button onClick={() => { markRead(q.rows.map((n) => n.id)); bump((x) => x + 1) }}>全部标为已读</Button>}>
      <Segmented value={filter} onChange={(v) => setFilter(v as any)} options={[{ label: '未读', value: 'unread' }, { label: '全部', value: 'all' }]} style={{ marginBottom: 12 }} />
      <QueryView q={{ ...q, data: q.rows }}>{(list) => (<>
        <List dataSource={list.filter((n) => filter === 'all' || !read.has(String(n.id)))} locale={{ emptyText: '没有通知' }}
          renderItem={(n) => (
            <List.Item actions={[!read.has(String(n.id)) && <Button size="small" key="r" onClick={() => { markRead([n.id]); bump((x) => x + 1) }}>标为已读</Button>]}>
              <List.Item.Meta
                title={<>{!read.has(String(n.id)) && <Tag color="blue">未读</Tag>}{String(n.text ?? n.title ?? n.kind ?? '通知')}
                  {n.caseId && <> · <Link to="/cases/$id" params={{ id: String(n.caseId) }}>查看办件</Link></>}</>}
                description={cnDateTime(String(n.createdAt ?? n.at ?? ''))} />
            </List.Item>
          )} />
        <LoadMore q={q} /></>
      )}</QueryView>
    </Card>
  )
}
