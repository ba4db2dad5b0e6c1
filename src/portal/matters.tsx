/** @jsxImportSource hono/jsx */
// Matters of a unit (search by name, department, type; filters 即办件, 可代办, 可网办, 零跑动,
// 跑一次) and the service guide with every 八公开 element, printable.
import { Hono } from 'hono'
import { NotFound } from '../platform/errors.js'
import { MATTER_TYPES } from '../modules/catalog/index.js'
import { publicCatalog, type PublicCatalogItem } from '../modules/public/index.js'
import { serviceGuidePage } from '../modules/public/index.js'
import { publicCtx } from '../modules/public/index.js'
import { unitHall } from '../modules/public/index.js'
import { html, type PortalEnv, validCode } from './http.js'
import { fmtLimit, inputAttrs, LEVEL_LABEL, Page, TableWrap } from './layout.js'

export const matters = new Hono<PortalEnv>()

const FILTERS = { instant: '即办件', agent: '可代办', online: '可网办', zero: '零跑动', once: '最多跑一次' } as const
type Filter = keyof typeof FILTERS
const MATCH: Record<Filter, (m: PublicCatalogItem) => boolean> = {
  instant: (m) => m.instant, agent: (m) => m.availability === 'agent' || m.agentService, online: (m) => m.online,
  zero: (m) => m.visits === 0, once: (m) => m.visits <= 1,
}

function Tags(props: { m: { instant: boolean; online: boolean; visits: number; availability?: string; agentService?: boolean; free: boolean } }) {
  const m = props.m
  return (
    <ul class="tags" aria-label="办理方式">
      <li class="tag">{m.instant ? '即办件' : '承诺件'}</li>
      {m.online ? <li class="tag go">可网办</li> : null}
      {m.availability === 'agent' ? <li class="tag ok">可代办</li> : null}
      <li class="tag">{m.visits === 0 ? '零跑动' : `跑 ${m.visits} 次`}</li>
      {m.free ? <li class="tag ok">不收费</li> : null}
    </ul>
  )
}

matters.get('/units/:code/matters', async (c) => {
  const code = c.req.param('code')
  if (!validCode(code)) throw new NotFound('未找到该单位')
  const ctx = publicCtx(c)
  const [hall, all] = await Promise.all([unitHall(ctx, code), publicCatalog(ctx, code, { include: 'above' })])
  const q = (c.req.query('q') ?? '').trim().slice(0, 50)
  const dept = c.req.query('dept') ?? ''
  const type = c.req.query('type') ?? ''
  const on = (c.req.queries('f') ?? []).filter((f): f is Filter => f in FILTERS)
  const shown = all.filter((m) => (!q || m.name.includes(q) || m.department.includes(q)) && (!dept || m.department === dept)
    && (!type || m.type === type) && on.every((f) => MATCH[f](m)))
  const here = shown.filter((m) => m.availability !== 'above')
  const above = shown.filter((m) => m.availability === 'above')
  const depts = [...new Set(all.map((m) => m.department))].sort()
  const u = hall.unit
  return html(c, (
    <Page title={`${u.name}可办事项`} crumbs={[{ href: '/', label: '首页' }, ...hall.path.map((p) => ({ href: `/units/${p.code}`, label: p.name })), { href: `/units/${u.code}`, label: u.name }, { label: '可办事项' }]}>
      <h1>在{u.servicePointName}可以办的事</h1>
      <form method="get" class="card filters" role="search" aria-label="筛选事项">
        <div class="row">
          <div class="field"><label for="f-q">事项名称或部门</label><input type="search" {...inputAttrs('q')} value={q} /></div>
          <div class="field"><label for="f-dept">实施部门</label>
            <select {...inputAttrs('dept')}><option value="">全部部门</option>{depts.map((d) => <option value={d} selected={d === dept}>{d}</option>)}</select></div>
          <div class="field"><label for="f-type">事项类型</label>
            <select {...inputAttrs('type')}><option value="">全部类型</option>{MATTER_TYPES.map((t) => <option value={t} selected={t === type}>{t}</option>)}</select></div>
        </div>
        <fieldset><legend>只看</legend>
          {Object.entries(FILTERS).map(([k, label]) => (
            <label class="check"><input type="checkbox" name="f" value={k} checked={on.includes(k as Filter)} />{label}</label>
          ))}
        </fieldset>
        <div class="actions"><button type="submit">筛选</button><a class="button secondary" href={`/units/${u.code}/matters`}>清除条件</a></div>
      </form>
      <h2>本单位可办理（{here.length} 项）</h2>
      {here.length ? (
        <ul class="list">{here.map((m) => (
          <li>
            <a class="title" href={`/units/${u.code}/matters/${m.matterCode}`}>{m.name}</a>
            <p class="meta">{m.department} · {m.type} · 承诺时限 {m.instant ? '即办' : fmtLimit(m.promisedLimit)}</p>
            {m.availability === 'agent' && m.decidedAt ? <p class="meta">本站代办：收件后转报{m.decidedAt.servicePointName}审批</p> : null}
            <Tags m={m} />
          </li>
        ))}</ul>
      ) : <p class="notice">{all.some((m) => m.availability !== 'above') ? '没有符合条件的事项，请放宽筛选条件。' : '本单位目前没有可以直接办理或代办的事项。'}</p>}
      {above.length ? (
        <>
          <h2>在上级办理（{above.length} 项）</h2>
          <p class="meta">以下事项不在本单位办理，请到所列的地方办理。</p>
          {[...groupBy(above, (m) => m.place!.code)].map(([placeCode, ms]) => (
            <details class="card">
              <summary>到<strong>{ms[0].place!.servicePointName}</strong>办理（{ms.length} 项）</summary>
              <ul>{ms.map((m) => <li><a href={`/units/${u.code}/matters/${m.matterCode}`}>{m.name}</a></li>)}</ul>
              <p><a href={`/units/${placeCode}`}>{ms[0].place!.servicePointName}的窗口和地址</a></p>
            </details>
          ))}
        </>
      ) : null}
    </Page>
  ))
})

function groupBy<T>(xs: T[], key: (x: T) => string) {
  const m = new Map<string, T[]>()
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x])
  return m
}

const DELIVERY: Record<string, string> = { pickup: '窗口领取', post: '邮寄送达', electronic: '电子送达' }
const FORM: Record<string, string> = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件' }
const SCOPE: Record<string, string> = { county: '全县（区）通办', cross_county: '跨县通办', city: '全市通办' }

matters.get('/units/:code/matters/:matterCode', async (c) => {
  const { code, matterCode } = c.req.param()
  if (!validCode(code) || !/^[0-9A-Za-z-]{4,40}$/.test(matterCode)) throw new NotFound('未找到该事项')
  const ctx = publicCtx(c)
  // The guide verb with the common questions published from answered consultations, read in its first read.
  const { guide: g, questions: faq } = await serviceGuidePage(ctx, code, matterCode)
  const h = g.handling
  const u = g.unit
  const d = h.decidedAt?.decision
  return html(c, (
    <Page title={`${g.name}办事指南`} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${u.code}`, label: u.name }, { href: `/units/${u.code}/matters`, label: '可办事项' }, { label: g.name }]}>
      <h1>{g.name}</h1>
      <p class="meta">{u.servicePointName} · 办事指南 · 事项编码 {g.matterCode}</p>
      <Tags m={{ ...g, availability: h.availability }} />
      <h2>到哪里办</h2>
      <div class="card">
        {h.availability === 'here' ? <p><strong>在本单位办理：</strong>{h.place!.servicePointName}</p> : null}
        {h.availability === 'agent' ? <p><strong>可代办：</strong>{u.servicePointName}收件，转报{h.decidedAt?.servicePointName ?? '有权机关'}审批，办理结果由本站送达，不用自己跑。</p> : null}
        {h.availability === 'above' ? <p class="notice"><strong>本单位不办理此事项。</strong>请到<a href={`/units/${h.place!.code}`}>{h.place!.servicePointName}</a>办理。</p> : null}
        {h.availability === 'none' ? <p class="notice">目前没有单位受理此事项，请致电监督电话咨询。</p> : null}
        {h.hall && !h.hall.inHall ? (
          <dl class="kv">
            <dt>办理机构</dt><dd>{h.hall.office}</dd>
            <dt>地址</dt><dd>{h.hall.address}</dd>
            <dt>电话</dt><dd>{h.hall.phone}</dd>
            <dt>不进驻依据</dt><dd>经批准不进驻大厅（{h.hall.approvalDocument}）</dd>
          </dl>
        ) : null}
        {h.windows.length ? <p>窗口：{h.windows.map((w) => `${w.number} 号 ${w.name}`).join('；')}</p> : null}
      </div>
      <h2>由谁决定</h2>
      <div class="card">
        {d ? (
          <dl class="kv">
            <dt>作出决定</dt><dd>{d.by}</dd>
            <dt>以谁的名义</dt><dd>以{d.inNameOf}的名义{'statement' in d && d.statement ? `（${d.statement}）` : ''}</dd>
            <dt>依据</dt><dd>{d.basis}</dd>
          </dl>
        ) : <p>决定机关：{g.department}</p>}
        <dl class="kv">
          <dt>权力来源</dt><dd>{g.powerSource}{h.power.grantor ? `（${h.power.grantor.name}，${h.power.documentNo ?? ''}）` : ''}</dd>
          <dt>行使层级</dt><dd>{LEVEL_LABEL[g.exerciseLevel] ?? g.exerciseLevel}</dd>
          {h.agentBasis?.grantor ? <><dt>代办依据</dt><dd>{h.agentBasis.grantor.name}{h.agentBasis.documentNo ? `《${h.agentBasis.documentNo}》` : ''}授权本站代办（只收件转报、送达，不作决定）</dd></> : null}
        </dl>
      </div>
      {g.online && (h.availability === 'here' || h.availability === 'agent') ? (
        <div class="actions"><a class="button" href={`/units/${u.code}/matters/${g.matterCode}/apply`}>网上申请</a></div>
      ) : null}
      <h2>基本信息</h2>
      <dl class="kv card">
        <dt>事项类型</dt><dd>{g.type}</dd>
        <dt>实施部门</dt><dd>{g.department}</dd>
        <dt>设定依据</dt><dd>{g.legalBasis || '—'}</dd>
        <dt>法定时限</dt><dd>{fmtLimit(g.statutoryLimit)}</dd>
        <dt>承诺时限</dt><dd>{g.instant ? '即办（当场办结）' : fmtLimit(g.promisedLimit)}</dd>
        <dt>到现场次数</dt><dd>{g.visits === 0 ? '零跑动' : `${g.visits} 次`}</dd>
        <dt>通办范围</dt><dd>{SCOPE[g.handlingScope] ?? g.handlingScope}</dd>
        <dt>网上办理</dt><dd>{g.online ? '可以' : '不可以，请到窗口办理'}{g.booking ? '；可预约' : ''}</dd>
        <dt>办理结果</dt><dd>{g.result.name}（{g.result.delivery.map((x) => DELIVERY[x] ?? x).join('、')}）</dd>
      </dl>
      <h2>申请条件</h2>
      {g.conditions.length ? <ul>{g.conditions.map((x) => <li>{x}</li>)}</ul> : <p>无特别条件。</p>}
      <h2>申请材料</h2>
      {g.materials.length ? (
        <TableWrap label="申请材料">
          <table>
            <thead><tr><th scope="col">材料名称</th><th scope="col">是否必需</th><th scope="col">形式与份数</th><th scope="col">样表与说明</th></tr></thead>
            <tbody>{g.materials.map((m) => (
              <tr><td>{m.name}</td><td>{m.required ? '必需' : '非必需'}</td><td>{FORM[m.form] ?? m.form} {m.copies} 份</td><td>{[m.template ? `样表：${m.template}` : '', m.notes ?? ''].filter(Boolean).join('；') || '—'}</td></tr>
            ))}</tbody>
          </table>
        </TableWrap>
      ) : <p>无需提交材料。</p>}
      {g.commonMistakes.length ? <><h3>常见错误</h3><ul>{g.commonMistakes.map((x) => <li>{x}</li>)}</ul></> : null}
      <h2>办理程序</h2>
      {g.steps.length ? <ol>{g.steps.map((x) => <li>{x}</li>)}</ol> : <p>—</p>}
      <h2>收费</h2>
      {g.free ? <p>不收费。</p> : (
        <TableWrap label="收费">
          <table>
            <thead><tr><th scope="col">收费项目</th><th scope="col">收费标准</th><th scope="col">收费依据</th></tr></thead>
            <tbody>{g.fees.map((f) => <tr><td>{f.name}</td><td>{f.amount !== undefined ? `${f.amount} 元` : f.rule}</td><td>{f.basis}</td></tr>)}</tbody>
          </table>
        </TableWrap>
      )}
      {g.notes ? <><h2>注意事项</h2><p>{g.notes}</p></> : null}
      <h2>常见问题</h2>
      {faq.items.length ? <dl class="card">{faq.items.map((q) => <><dt><strong>问：{q.question}</strong></dt><dd style="margin:0 0 .6rem">答：{q.answer}</dd></>)}</dl> : <p>暂无。</p>}
      <p class="noprint"><a href={`/units/${u.code}/ask?matter=${encodeURIComponent(g.matterCode)}`}>在线咨询此事项</a></p>
      <h2>咨询与监督</h2>
      <p>监督电话：{g.supervisionPhone || '—'}。对办理不满意可以<a href={`/complaints/new?unit=${u.code}`}>投诉</a>。</p>
      <p class="meta noprint">打印本指南：使用浏览器的“打印”功能即可（已为打印排版）。目录版本：{g.catalog.unitCode} 第 {g.catalog.version} 版。</p>
    </Page>
  ))
})
