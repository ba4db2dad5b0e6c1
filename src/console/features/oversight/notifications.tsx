// 通知: the user's own unit's inbox; read or unread is kept per user by the API.
import { Link } from '@tanstack/react-router'
import { App, Button, Card, List, Segmented, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { cnDateTime } from '../../ui/dates'
import { keys } from '../../api/keys'
import { LoadMore, usePaged } from '../../ui/paged'
import { QueryView } from '../../ui/states'
import { notificationsPage, useMarkRead } from './notifications-queries'

export function Notifications() {
  const { me } = useSession()
  const { message } = App.useApp()
  const [filter, setFilter] = useState<'unread' | 'all'>('unread')
  const q = usePaged([...keys.notifications(me.unitCode), { unread: filter === 'unread' }], (cursor) => notificationsPage(me.unitCode, filter === 'unread', cursor))
  const mark = useMarkRead(me.unitCode)
  const onError = (e: Error) => message.error(e.message)
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>通知</h1>}
      extra={<Button loading={mark.isPending} onClick={() => mark.mutate({ all: true }, { onError, onSuccess: (r) => message.success(`已将 ${r.marked} 条通知标为已读`) })}>全部标为已读</Button>}>
      <Segmented value={filter} onChange={(v) => setFilter(v as 'unread' | 'all')} options={[{ label: '未读', value: 'unread' }, { label: '全部', value: 'all' }]} style={{ marginBottom: 12 }} />
      <QueryView q={{ ...q, data: q.rows }}>{(list) => (<>
        <List dataSource={list} locale={{ emptyText: <span style={{ color: '#595959' }}>{filter === 'unread' ? '没有未读通知' : '没有通知'}</span> }}
          renderItem={(n) => (
            <List.Item actions={[!n.read && <Button size="small" key="r" aria-label={`将“${n.text}”标为已读`} onClick={() => mark.mutate({ ids: [n.id] }, { onError })}>标为已读</Button>]}>
              <List.Item.Meta
                title={<>{!n.read && <Tag color="blue">未读</Tag>}{n.text}
                  {n.caseId && <> · <Link to="/cases/$id" params={{ id: n.caseId }}>查看办件</Link></>}</>}
                description={cnDateTime(n.createdAt)} />
            </List.Item>
          )} />
        <LoadMore q={q} /></>
      )}</QueryView>
    </Card>
  )
}
