/** @jsxImportSource hono/jsx */
// Results publicity (结果公示): a unit's lists (in their period, and the archived ones), one list
// with its masked rows only, the period, the answered objections, and lodging an objection while
// the list is open. The verbs of /api/public/units/{code}/publicity…: the raw rows are never read.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { AppError, Invalid, NotFound } from '../platform/errors.js'
import { asPublicUnit } from '../modules/halls/index.js'
import { publicList, publicLists } from '../modules/publicity/index.js'
import { ObjectionBody } from '../modules/publicity/index.js'
import { lodgeObjection } from '../modules/publicity/index.js'
import { fieldErrors, formOf, html, issueErrors, NO_STORE, type PortalEnv, text, validCode } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, Page, TableWrap } from './layout.js'

export const publicity = new Hono<PortalEnv>()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const STATUS: Record<string, string> = { open: '公示中（可提出异议）', archived: '公示期满，存档备查', withdrawn: '已撤下', scheduled: '尚未开始' }
const unitParam = (c: Context<PortalEnv>) => { const code = c.req.param('code'); if (!validCode(code)) throw new NotFound('未找到该单位'); return code! }
const unitName = (c: Context<PortalEnv>, code: string) => asPublicUnit(c, code, (db) =>
  db.selectFrom('units').select(['code', 'name', 'service_point_name']).where('code', '=', code).executeTakeFirstOrThrow())

publicity.get('/units/:code/publicity', async (c) => {
  const code = unitParam(c)
  const cursor = c.req.query('cursor')
  const u = await unitName(c, code)
  const lists = await asPublicUnit(c, code, (db, now) => publicLists(db, now, code, { limit: 20, cursor: cursor && cursor.length < 200 ? cursor : undefined }))
  return html(c, (
    <Page title={`${u.name}结果公示`} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: u.name }, { label: '结果公示' }]}>
      <h1>{u.name}结果公示</h1>
      <p>低保、征地补偿、惠民补贴等结果在公示期内公开（按工作日计算），姓名、身份证号、电话均已脱敏。对公示内容有异议的，可在公示期内提出。</p>
      {lists.items.length ? (
        <ul class="list">{lists.items.map((l) => (
          <li>
            <a class="title" href={`/units/${code}/publicity/${l.id}`}>{l.title}</a>
            <p class="meta">{l.type} · 公示期 {l.startsOn} 至 {l.endsOn}（{l.periodDays} 个工作日）· {l.rows} 条 · {STATUS[l.status]}</p>
          </li>
        ))}</ul>
      ) : <p class="notice">目前没有公示。</p>}
      {lists.next ? <p><a href={`/units/${code}/publicity?cursor=${encodeURIComponent(lists.next)}`}>下一页</a></p> : null}
    </Page>
  ))
})

async function listPage(c: Context<PortalEnv>, code: string, id: string, st: { errors?: Errors; message?: string; values?: Record<string, string>; done?: string } = {}, status = 200) {
  const u = await unitName(c, code)
  const l = await asPublicUnit(c, code, (db, now) => publicList(db, now, code, id))
  const cols = [...new Set(l.items.flatMap((r) => Object.keys(r.items)))]
  const hasId = l.items.some((r) => r.idNumber), hasPhone = l.items.some((r) => r.phone)
  const e = st.errors, v = st.values ?? {}
  return html(c, (
    <Page title={l.title} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: u.name }, { href: `/units/${code}/publicity`, label: '结果公示' }, { label: l.title }]}>
      <h1>{l.title}</h1>
      {st.done ? <p class="success" role="status">{st.done}</p> : null}
      <dl class="kv card">
        <dt>公示单位</dt><dd>{u.service_point_name}</dd>
        <dt>类型</dt><dd>{l.type}</dd>
        <dt>依据</dt><dd>{l.basis}</dd>
        <dt>公示期</dt><dd>{l.startsOn} 至 {l.endsOn}（{l.periodDays} 个工作日）</dd>
        <dt>状态</dt><dd><strong>{STATUS[l.status]}</strong>{l.status === 'open' ? `；期满后${l.endAction === 'archive' ? '存档备查' : '撤下'}` : ''}</dd>
      </dl>
      <h2>公示名单（{l.items.length} 条，已脱敏）</h2>
      <TableWrap label="公示名单">
        <table class="wide">
          <thead><tr><th scope="col" class="no">序号</th><th scope="col" class="no">姓名</th>{hasId ? <th scope="col">身份证号</th> : null}{hasPhone ? <th scope="col">电话</th> : null}{cols.map((k) => <th scope="col">{k}</th>)}</tr></thead>
          <tbody>{l.items.map((r) => (
            <tr><td class="no">{r.ord}</td><td class="no">{r.name}</td>{hasId ? <td class="no">{r.idNumber ?? '—'}</td> : null}{hasPhone ? <td class="no">{r.phone ?? '—'}</td> : null}{cols.map((k) => <td>{r.items[k] ?? '—'}</td>)}</tr>
          ))}</tbody>
        </table>
      </TableWrap>
      <h2>异议答复（{l.objections.length} 条）</h2>
      {l.objections.length ? (
        <ul class="list">{l.objections.map((o) => (
          <li><p><strong>异议{o.rowOrd ? `（第 ${o.rowOrd} 条）` : ''}：</strong>{o.text}</p><p><strong>答复：</strong>{o.answer}</p>
            <p class="meta">提出 {o.lodgedAt.slice(0, 10)} · 答复 {o.answeredAt?.slice(0, 10)}</p></li>
        ))}</ul>
      ) : <p>暂无已答复的异议。</p>}
      {l.status === 'open' ? (
        <>
          <h2>提出异议</h2>
          <ErrorSummary errors={e} message={st.message} />
          <p class="meta">异议在答复后与答复一起公开在本页；您的姓名和电话不公开，只用于联系您。</p>
          <form method="post" action={`/units/${code}/publicity/${id}/objections`} class="stack card" novalidate>
            <Field name="rowOrd" label="针对第几条（可不填）" errors={e}><input type="text" inputmode="numeric" {...inputAttrs('rowOrd', e)} value={v.rowOrd ?? ''} /></Field>
            <Field name="text" label="异议内容" errors={e} hint="至少 5 个字"><textarea {...inputAttrs('text', e, true)} maxlength={2000} required>{v.text ?? ''}</textarea></Field>
            <Field name="name" label="您的姓名" errors={e}><input type="text" {...inputAttrs('name', e)} value={v.name ?? ''} autocomplete="name" required /></Field>
            <Field name="phone" label="联系电话" errors={e}><input type="tel" {...inputAttrs('phone', e)} value={v.phone ?? ''} autocomplete="tel" required /></Field>
            <div class="actions"><button type="submit">提交异议</button></div>
          </form>
        </>
      ) : <p class="notice">公示期已结束，不再受理异议。</p>}
    </Page>
  ), status, NO_STORE)
}

publicity.get('/units/:code/publicity/:listId', (c) => {
  const id = c.req.param('listId')
  if (!UUID.test(id)) throw new NotFound('公示不存在')
  return listPage(c, unitParam(c), id)
})

publicity.post('/units/:code/publicity/:listId/objections', async (c) => {
  const code = unitParam(c), id = c.req.param('listId')
  if (!UUID.test(id)) throw new NotFound('公示不存在')
  const f = await formOf(c)
  const values = { rowOrd: text(f, 'rowOrd'), text: text(f, 'text'), name: text(f, 'name'), phone: text(f, 'phone') }
  const rowOrd = values.rowOrd ? (/^[0-9]{1,6}$/.test(values.rowOrd) ? Number(values.rowOrd) : NaN) : undefined
  const parsed = ObjectionBody.safeParse({ text: values.text, name: values.name, phone: values.phone, ...(rowOrd === undefined ? {} : { rowOrd }) })
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    if (errors.rowOrd) errors.rowOrd = '请填写名单中的序号（数字），或不填'
    if (errors.name) errors.name = '请填写姓名（不超过 40 字）'
    if (errors.text && !values.text) errors.text = '请填写异议内容'
    return listPage(c, code, id, { errors, values }, 400)
  }
  try {
    const r = await asPublicUnit(c, code, (db, now) => lodgeObjection(db, now, code, id, parsed.data))
    return listPage(c, code, id, { done: r.notice }, 201)
  } catch (err) {
    if (err instanceof Invalid) return listPage(c, code, id, { errors: issueErrors(err.fields), values }, 400)
    if (err instanceof AppError && err.status === 409) return listPage(c, code, id, { message: err.message, values }, 409)
    throw err
  }
})
