/** @jsxImportSource hono/jsx */
// Announcements of a unit: the entrustments it made or received (委托公告), revocations kept
// with their date and reason (撤销公告).
import { Hono } from 'hono'
import { NotFound } from '../platform/errors.js'
import { entrustmentAnnouncements } from '../modules/public/index.js'
import { publicCtx } from '../modules/public/index.js'
import { unitHall } from '../modules/public/index.js'
import { RIGHT_NAMES, type Right } from '../modules/powers/index.js'
import { html, type PortalEnv, validCode } from './http.js'
import { Page } from './layout.js'

export const announcements = new Hono<PortalEnv>()
/** Announcements per portal page. */
const PAGE = 20

announcements.get('/units/:code/announcements', async (c) => {
  const code = c.req.param('code')
  if (!validCode(code)) throw new NotFound('未找到该单位')
  const ctx = publicCtx(c)
  const cursor = c.req.query('cursor')
  const [hall, list] = await Promise.all([unitHall(ctx, code),
    entrustmentAnnouncements(ctx, code, { limit: PAGE, cursor: cursor && cursor.length < 200 ? cursor : undefined })])
  const u = hall.unit
  const Item = (props: { a: (typeof list.items)[number] }) => {
    const a = props.a
    return (
      <li>
        <p><strong>{a.entrustingOrgan}</strong>将“{a.matterName ?? a.matterCode}”委托<strong>{a.grantee.servicePointName}</strong>办理（{a.statusName}）</p>
        <p class="meta">委托文件：{a.documentNo} · 依据：{a.legalBasis} · 自 {a.validFrom} 起{a.validUntil ? `至 ${a.validUntil}` : ''} · 委托权限：{(a.rights as Right[]).map((r) => RIGHT_NAMES[r] ?? r).join('、')}</p>
        <p class="meta">受委托单位以{a.entrustingOrgan}的名义作出决定，{a.entrustingOrgan}负责监督并承担法律责任。</p>
        {a.revocation ? <p class="alert">撤销公告：{a.revocation.revokedOn} 起撤销。理由：{a.revocation.reason}</p> : null}
      </li>
    )
  }
  return html(c, (
    <Page title={`${u.name}委托公告`} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${u.code}`, label: u.name }, { label: '委托公告' }]}>
      <h1>{u.name}委托公告</h1>
      <p>依照《中华人民共和国行政许可法》第二十四条，委托机关应当将受委托机关和受委托实施的内容予以公告。</p>
      <h2>委托事项及撤销公告</h2>
      <p class="meta">按生效日期先后排列；已撤销的委托保留在原位，注明撤销日期和理由。</p>
      {list.items.length ? <ul class="list">{list.items.map((a) => <Item a={a} />)}</ul> : <p>{cursor ? '没有更多公告。' : '目前没有委托事项。'}</p>}
      {list.next ? <p><a href={`/units/${u.code}/announcements?cursor=${encodeURIComponent(list.next)}`}>下一页</a></p> : null}
    </Page>
  ))
})
