/** @jsxImportSource hono/jsx */
// Choose a place: the cities, then county → township → village, or search by name; a unit's
// hall (its service point, windows and the places below it).
import { Hono } from 'hono'
import { NotFound } from '../platform/errors.js'
import { publicCtx } from '../modules/public/index.js'
import { listUnits, searchUnits, unitHall } from '../modules/public/index.js'
import { html, type PortalEnv, validCode } from './http.js'
import { HallsSection } from './halls.js'
import { inputAttrs, LEVEL_LABEL, Page } from './layout.js'

const CHILD_LABEL: Record<string, string> = { city: '选择县（区）', county: '选择乡镇（街道）', township: '选择村（社区）' }

export const places = new Hono<PortalEnv>()

function SearchForm(props: { q?: string }) {
  return (
    <form method="get" action="/" role="search" class="card">
      <div class="field">
        <label for="f-q">按名称查找地点</label>
        <p class="hint" id="f-q-hint">输入县区、乡镇街道或村社区的名称，如“中市街道”“迎宾”</p>
        <input type="search" {...inputAttrs('q', undefined, true)} value={props.q ?? ''} />
      </div>
      <div class="actions"><button type="submit">查找</button></div>
    </form>
  )
}

places.get('/', async (c) => {
  const ctx = publicCtx(c)
  const q = (c.req.query('q') ?? '').trim().slice(0, 50)
  if (q) {
    const found = await searchUnits(ctx, q)
    return html(c, (
      <Page title={`查找“${q}”`} crumbs={[{ href: '/', label: '首页' }, { label: '查找地点' }]}>
        <h1>查找“{q}”的结果</h1>
        <SearchForm q={q} />
        {found.length ? (
          <ul class="list">
            {found.map((u) => (
              <li><a class="title" href={`/units/${u.code}`}>{u.servicePointName}</a>
                <p class="meta">{[...u.path, u.name].join(' › ')}（{LEVEL_LABEL[u.level]}）</p></li>
            ))}
          </ul>
        ) : <p class="notice">没有找到名称含“{q}”的地点。请换个写法，或从下面的城市逐级选择。</p>}
        <p><a href="/">返回选择城市</a></p>
      </Page>
    ))
  }
  const cities = await listUnits(ctx, null)
  return html(c, (
    <Page title="选择地点">
      <h1>网上办事大厅</h1>
      <p>选择您要办事的地方，查看可以办理的事项、办事指南，网上申请、查询办件进度、评价和投诉，都不需要注册。</p>
      <SearchForm />
      <h2>选择城市</h2>
      <ul class="grid">{cities.map((u) => <li><a href={`/units/${u.code}`}>{u.name}</a></li>)}</ul>
      <h2>已经申请过？</h2>
      <p><a href="/track">凭受理编号和查询码查询办件进度</a> · <a href="/complaints/follow">查询投诉办理情况</a></p>
    </Page>
  ))
})

places.get('/units/:code', async (c) => {
  const code = c.req.param('code')
  if (!validCode(code)) throw new NotFound('未找到该单位')
  const hall = await unitHall(publicCtx(c), code)
  const u = hall.unit
  const crumbs = [{ href: '/', label: '首页' }, ...hall.path.map((p) => ({ href: `/units/${p.code}`, label: p.name })), { label: u.name }]
  return html(c, (
    <Page title={u.servicePointName} crumbs={crumbs}>
      <h1>{u.servicePointName}</h1>
      <div class="card">
        <dl class="kv">
          <dt>所属地方</dt><dd>{[...hall.path.map((p) => p.name), u.name].join(' › ')}（{LEVEL_LABEL[u.level]}）</dd>
          <dt>服务窗口</dt>
          <dd>{hall.windows.length ? `${hall.windows.length} 个窗口（见下表）` : '本单位尚未公布窗口'}</dd>
        </dl>
        <div class="actions">
          <a class="button" href={`/units/${u.code}/matters`}>在这里可以办的事</a>
          <a class="button secondary" href={`/units/${u.code}/announcements`}>委托公告</a>
          <a class="button secondary" href={`/units/${u.code}/publicity`}>结果公示</a>
          <a class="button secondary" href={`/units/${u.code}/ask`}>在线咨询</a>
          <a class="button secondary" href={`/units/${u.code}/evaluations`}>好差评</a>
          <a class="button secondary" href={`/complaints/new?unit=${u.code}`}>投诉</a>
        </div>
      </div>
      <HallsSection code={u.code} halls={hall.halls} windows={hall.windows} />
      {hall.children.length ? (
        <>
          <h2>{CHILD_LABEL[u.level] ?? '下级'}</h2>
          <p class="meta">就近办理：选择您所在的地方，查看那里可以办的事。</p>
          <ul class="grid">{hall.children.map((k) => <li><a href={`/units/${k.code}`}>{k.name}</a></li>)}</ul>
        </>
      ) : null}
    </Page>
  ))
})
