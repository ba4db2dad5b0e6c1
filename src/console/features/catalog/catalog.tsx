// 事项目录: the draft (working copy), its difference from the published catalog, publish, the
// versions, and the catalog as of a date.
import { useQuery } from '@tanstack/react-query'
import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tabs, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { keys } from '../../api/keys'
import { useSession } from '../../session'
import { useToday } from '../../ui/server-clock'
import { LoadMore, usePaged } from '../../ui/paged'
import { ErrorState } from '../../ui/states'
import type { Matter } from '../cases/queries'
import { type DraftMatter, MatterForm } from './matter-form'
import { draftQuery, publishedAtQuery, usePublish, useRemoveMatter, versionsPage } from './queries'

// Key order never counts, at any depth (a replacer array would keep only the top level's keys
// everywhere, so a material's 份数 or a fee's amount would never show as a change).
const stable = (v: unknown): unknown => Array.isArray(v) ? v.map(stable)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])])) : v
// The matters' own elements: `source` (where a published entry came from) and the draft's
// `updatedAt` are no change.
const comparable = ({ source: _s, updatedAt: _u, ...m }: any) => JSON.stringify(stable(m))

function diff(draft: Matter[], published: Matter[]) {
  const pub = new Map(published.map((m) => [m.matterCode, m]))
  const dr = new Map(draft.map((m) => [m.matterCode, m]))
  const rows: { matterCode: string; name: string; change: 'added' | 'removed' | 'changed' }[] = []
  for (const m of draft) { const p = pub.get(m.matterCode); if (!p) rows.push({ matterCode: m.matterCode, name: m.name, change: 'added' }); else if (comparable(p) !== comparable(m)) rows.push({ matterCode: m.matterCode, name: m.name, change: 'changed' }) }
  // `published` holds only this unit's own entries (the caller filters by source), and draft rows carry no source.
  for (const p of published) if (!dr.has(p.matterCode)) rows.push({ matterCode: p.matterCode, name: p.name, change: 'removed' })
  return rows
}
// A county's catalog holds 50+ matters over pages: a new or edited one is found by code or name.
const matching = (q: string) => (m: Matter) => !q.trim() || m.matterCode.includes(q.trim()) || m.name.includes(q.trim())
const CHANGE = { added: ['新增', 'green'], removed: ['移除', 'red'], changed: ['修改', 'orange'] } as const

export function Catalog() {
  const { unit } = useSession()
  const today = useToday()
  const draft = useQuery(draftQuery(unit))
  const [at, setAt] = useState('')
  const published = useQuery(publishedAtQuery(unit))
  const asOf = useQuery({ ...publishedAtQuery(unit, at), enabled: !!at })
  const versions = usePaged(keys.catalogVersions(unit), (cursor) => versionsPage(unit, cursor))
  const publish = usePublish(unit)
  const remove = useRemoveMatter(unit)
  const [note, setNote] = useState('')
  const [find, setFind] = useState({ draft: '', asOf: '' })
  const { message } = App.useApp()
  const [editing, setEditing] = useState<DraftMatter | null | 'new'>(null)
  const changes = useMemo(() => diff(draft.data ?? [], (published.data ?? []).filter((m) => m.source?.unitCode === unit)), [draft.data, published.data, unit])
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>事项目录</h1>}>
      <Tabs items={[
        { key: 'diff', label: `草稿与已发布的差异（${changes.length}）`, children: draft.error ? <ErrorState error={draft.error} /> : <>
          <Table rowKey="matterCode" size="small" loading={draft.isPending || published.isPending} dataSource={changes} locale={{ emptyText: '草稿与已发布版本相同' }} pagination={false}
            columns={[{ title: '事项编码', dataIndex: 'matterCode' }, { title: '名称', dataIndex: 'name' }, { title: '变化', dataIndex: 'change', render: (c: keyof typeof CHANGE) => <Tag color={CHANGE[c][1]}>{CHANGE[c][0]}</Tag> }]} />
          <Space style={{ marginTop: 12 }} wrap>
            <Input aria-label="发布说明" placeholder="发布说明" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
            <Button type="primary" disabled={!changes.length} loading={publish.isPending}
              onClick={() => publish.mutate({ effectiveFrom: today, note: note || undefined }, { onSuccess: () => message.success('已发布新版本'), onError: (e) => message.error(e.message) })}>发布新版本</Button>
          </Space>
        </> },
        { key: 'draft', label: `草稿（${draft.data?.length ?? '…'}）`, children: <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增事项</Button>
            <Input.Search allowClear aria-label="查找草稿中的事项" placeholder="按事项编码或名称查找" value={find.draft} onChange={(e) => setFind({ ...find, draft: e.target.value })} style={{ width: 260 }} />
          </Space>
          <Table rowKey="matterCode" size="small" loading={draft.isPending} dataSource={draft.data?.filter(matching(find.draft))} scroll={{ x: 700 }} pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[{ title: '事项编码', dataIndex: 'matterCode' }, { title: '名称', dataIndex: 'name' }, { title: '类型', dataIndex: 'type' }, { title: '实施部门', dataIndex: 'department' },
              { title: '承诺时限', render: (_, m) => (m.instant ? '即办' : `${m.promisedLimit?.days ?? '—'} ${(m.promisedLimit as { unit?: string } | undefined)?.unit === 'natural' ? '自然日' : '工作日'}`) },
              { title: '操作', render: (_, m) => <Space size={4}>
                <Button size="small" autoInsertSpace={false} aria-label={`编辑 ${m.matterCode}`} onClick={() => setEditing(m as DraftMatter)}>编辑</Button>
                <Popconfirm title={`从草稿中移除 ${m.matterCode}？`} description="发布新版本后，该事项不再对外办理。" okText="移除" cancelText="取消"
                  onConfirm={() => remove.mutateAsync(m.matterCode).then(() => { message.success(`已从草稿中移除 ${m.matterCode}`) }, (e) => { message.error(e.message) })}>
                  <Button size="small" danger autoInsertSpace={false} aria-label={`移除 ${m.matterCode}`}>移除</Button>
                </Popconfirm>
              </Space> }]} />
        </> },
        { key: 'versions', label: '版本', children: versions.error ? <ErrorState error={versions.error} /> : <>
          <Table rowKey="version" size="small" loading={versions.isPending} dataSource={versions.rows} pagination={false}
            columns={[{ title: '版本', dataIndex: 'version' }, { title: '生效日期', dataIndex: 'effectiveFrom' }, { title: '事项数', dataIndex: 'matters' }, { title: '说明', dataIndex: 'note' }]} />
          <LoadMore q={versions} />
        </> },
        { key: 'asof', label: '按日期查看', children: <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Input type="date" aria-label="查看日期" value={at} onChange={(e) => setAt(e.target.value)} style={{ width: 200 }} />
            <Input.Search allowClear aria-label="查找当日目录中的事项" placeholder="按事项编码或名称查找" value={find.asOf} onChange={(e) => setFind({ ...find, asOf: e.target.value })} style={{ width: 260 }} />
          </Space>
          {!at ? <Alert type="info" title="选择日期，查看当日有效的目录" /> : asOf.error ? <ErrorState error={asOf.error} /> :
            <Table rowKey="matterCode" size="small" loading={asOf.isPending} dataSource={asOf.data?.filter(matching(find.asOf))} pagination={{ pageSize: 20, showSizeChanger: false }} columns={[{ title: '事项编码', dataIndex: 'matterCode' }, { title: '名称', dataIndex: 'name' }, { title: '来源', render: (_, m) => `${m.source?.unitName ?? ''} 第 ${m.source?.version ?? '—'} 版` }]} />}
        </> },
      ]} />
      <MatterForm unit={unit} matter={editing} onClose={() => setEditing(null)} />
    </Card>
  )
}
