/** @jsxImportSource hono/jsx */
// Online consultation (在线咨询): ask about a matter at a unit, get the question number and query
// code, look it up, read the reply and rate it once (1–5). The verbs of /api/public/…/consultations.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { AppError, Invalid, NotFound } from '../platform/errors.js'
import { AskBody, QueryCodeQuery, RatingBody } from '../modules/consultations/index.js'
import { ask, lookup, NOT_FOUND as NO_QUESTION, rate } from '../modules/consultations/index.js'
import { asPublicUnit } from '../modules/halls/index.js'
import { publicCatalog } from '../modules/public/index.js'
import { publicCtx } from '../modules/public/index.js'
import { levelOf } from '../modules/units/index.js'
import { type FormBody, fieldErrors, formOf, html, issueErrors, NO_STORE, type PortalEnv, text, validCode } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, NumberCodeForm, Page } from './layout.js'

export const consult = new Hono<PortalEnv>()

const QUESTION = /^[0-9]{12}-[0-9]{8}-Z[0-9]{4,6}$/
const RATING: Record<number, string> = { 5: '5 分 非常满意', 4: '4 分 满意', 3: '3 分 基本满意', 2: '2 分 不满意', 1: '1 分 非常不满意' }
const STATUS: Record<string, string> = { open: '待答复', answered: '已答复' }

async function AskForm(props: { c: Context<PortalEnv>; code: string; values?: Record<string, string>; errors?: Errors; message?: string }) {
  const items = await publicCatalog(publicCtx(props.c), props.code)
  const unit = await asPublicUnit(props.c, props.code, (db) => db.selectFrom('units').select(['code', 'name', 'service_point_name']).where('code', '=', props.code).executeTakeFirstOrThrow())
  const v = props.values ?? {}, e = props.errors
  return (
    <Page title="在线咨询" crumbs={[{ href: '/', label: '首页' }, { href: `/units/${unit.code}`, label: unit.name }, { label: '在线咨询' }]}>
      <h1>向{unit.service_point_name}咨询</h1>
      <p>问题送到负责该事项的窗口（没有窗口时送到实施部门），在规定的工作日内答复。凭咨询编号和查询码查看答复。</p>
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action={`/units/${unit.code}/ask`} class="stack" novalidate>
        <Field name="matterCode" label="咨询的事项" errors={e}>
          <select {...inputAttrs('matterCode', e)} required>
            <option value="">请选择</option>
            {items.map((m) => <option value={m.matterCode} selected={v.matterCode === m.matterCode}>{m.name}</option>)}
          </select>
        </Field>
        <Field name="question" label="咨询内容" errors={e} hint="至少 5 个字；请不要写身份证号等个人信息">
          <textarea {...inputAttrs('question', e, true)} maxlength={2000} required>{v.question ?? ''}</textarea>
        </Field>
        <Field name="name" label="姓名" errors={e} hint="只保存脱敏形式，如 张*"><input type="text" {...inputAttrs('name', e, true)} value={v.name ?? ''} autocomplete="name" required /></Field>
        <div class="actions"><button type="submit">提交咨询</button></div>
      </form>
    </Page>
  )
}

const unitParam = (c: Context<PortalEnv>) => { const code = c.req.param('code'); if (!validCode(code)) throw new NotFound('未找到该单位'); return code! }

consult.get('/units/:code/ask', async (c) => {
  const code = unitParam(c)
  return html(c, await AskForm({ c, code, values: { matterCode: (c.req.query('matter') ?? '').slice(0, 64) } }))
})

consult.post('/units/:code/ask', async (c) => {
  const code = unitParam(c)
  const f = await formOf(c)
  const values = { matterCode: text(f, 'matterCode'), question: text(f, 'question'), name: text(f, 'name') }
  const parsed = AskBody.safeParse(values)
  if (!parsed.success) return html(c, await AskForm({ c, code, values, errors: fieldErrors(parsed.error) }), 400, NO_STORE)
  try {
    const r = await asPublicUnit(c, code, (db, now) => ask(db, now, code, parsed.data))
    return html(c, (
      <Page title="咨询已提交" crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: '本单位' }, { label: '咨询已提交' }]}>
        <h1>咨询已提交</h1>
        <p class="success" role="status">{r.notice}。</p>
        <dl class="kv card">
          <dt>咨询编号</dt><dd class="big">{r.questionNo}</dd>
          <dt>查询码</dt><dd class="big">{r.queryCode}</dd>
          <dt>答复单位</dt><dd>{r.routedTo}</dd>
          <dt>答复期限</dt><dd>{r.dueDate} 前（按工作日计算）</dd>
        </dl>
        <div class="actions"><a class="button" href="/consultations">查看答复</a></div>
      </Page>
    ), 201, NO_STORE)
  } catch (err) {
    if (err instanceof Invalid) return html(c, await AskForm({ c, code, values, errors: issueErrors(err.fields) }), 400, NO_STORE)
    throw err
  }
})

function LookupForm(props: { questionNo?: string; errors?: Errors; message?: string }) {
  const e = props.errors
  return (
    <Page title="咨询查询" crumbs={[{ href: '/', label: '首页' }, { label: '咨询查询' }]}>
      <h1>咨询查询</h1>
      <p>凭咨询编号和查询码查看答复、评价答复。</p>
      <ErrorSummary errors={e} message={props.message} />
      <NumberCodeForm action="/consultations" name="questionNo" label="咨询编号" hint="如 341502001000-20261124-Z0001" value={props.questionNo} errors={e} />
    </Page>
  )
}

type Q = Awaited<ReturnType<typeof lookup>>

function Answer(props: { q: Q; queryCode: string; errors?: Errors; message?: string; done?: string }) {
  const q = props.q, e = props.errors
  return (
    <Page title="咨询答复" crumbs={[{ href: '/', label: '首页' }, { href: '/consultations', label: '咨询查询' }, { label: q.questionNo }]}>
      <h1>{q.matterName}</h1>
      {props.done ? <p class="success" role="status">{props.done}</p> : null}
      <ErrorSummary errors={e} message={props.message} />
      <dl class="kv card">
        <dt>咨询编号</dt><dd>{q.questionNo}</dd>
        <dt>状态</dt><dd><strong>{STATUS[q.status] ?? q.status}</strong></dd>
        <dt>答复单位</dt><dd>{q.routedTo}</dd>
        <dt>答复期限</dt><dd>{q.dueDate}</dd>
        <dt>咨询内容</dt><dd>{q.question}</dd>
        <dt>答复</dt><dd>{q.answer ?? '尚未答复，请在答复期限后再来查看。'}</dd>
        {q.rating !== null ? <><dt>您的评价</dt><dd>{RATING[q.rating] ?? q.rating}</dd></> : null}
      </dl>
      {q.status === 'answered' && q.rating === null ? (
        <form method="post" action="/consultations/rate" class="stack card" novalidate>
          <input type="hidden" name="questionNo" value={q.questionNo} /><input type="hidden" name="queryCode" value={props.queryCode} />
          <fieldset class={e?.rating ? 'field invalid' : 'field'} id="f-rating" aria-describedby={e?.rating ? 'f-rating-error' : undefined}>
            <legend>这条答复对您有帮助吗？（评价一次）</legend>
            <div class="levels">{[5, 4, 3, 2, 1].map((n) => <label class="check"><input type="radio" name="rating" value={String(n)} />{RATING[n]}</label>)}</div>
            {e?.rating ? <p class="error" id="f-rating-error">{e.rating}</p> : null}
          </fieldset>
          <div class="actions"><button type="submit">提交评价</button></div>
        </form>
      ) : null}
    </Page>
  )
}

function credentials(f: FormBody) {
  const questionNo = text(f, 'questionNo'), queryCode = text(f, 'queryCode').toUpperCase()
  const errors: Errors = {}
  if (!QUESTION.test(questionNo)) errors.questionNo = '咨询编号格式不正确：应为“12 位单位代码-8 位日期-Z 加序号”'
  if (!QueryCodeQuery.safeParse({ queryCode }).success || !/^[0-9A-Z]+$/.test(queryCode)) errors.queryCode = '请输入查询码（字母或数字）'
  return { questionNo, queryCode, errors }
}

/** In the scope of the unit the number names; a wrong code or unknown number shows the empty form (404). */
async function onQuestion<T>(c: Context<PortalEnv>, no: string, fn: Parameters<typeof asPublicUnit<T>>[2]) {
  try {
    if (!levelOf(no.slice(0, 12))) throw new NotFound(NO_QUESTION)
    return { ok: await asPublicUnit(c, no.slice(0, 12), fn) }
  } catch (err) {
    if (err instanceof NotFound) return { res: html(c, <LookupForm questionNo={no} message={`${NO_QUESTION}。请核对后重新输入。`} />, 404, NO_STORE) }
    throw err
  }
}

consult.get('/consultations', (c) => html(c, <LookupForm />))

consult.post('/consultations', async (c) => {
  const { questionNo, queryCode, errors } = credentials(await formOf(c))
  if (Object.keys(errors).length) return html(c, <LookupForm questionNo={questionNo} errors={errors} />, 400, NO_STORE)
  const r = await onQuestion(c, questionNo, (db) => lookup(db, questionNo, queryCode))
  return r.res ?? html(c, <Answer q={r.ok!} queryCode={queryCode} />, 200, NO_STORE)
})

consult.post('/consultations/rate', async (c) => {
  const f = await formOf(c)
  const { questionNo, queryCode, errors } = credentials(f)
  if (Object.keys(errors).length) return html(c, <LookupForm questionNo={questionNo} errors={errors} />, 400, NO_STORE)
  const current = await onQuestion(c, questionNo, (db) => lookup(db, questionNo, queryCode))
  if (current.res) return current.res
  const parsed = RatingBody.safeParse({ queryCode, rating: text(f, 'rating') ? Number(text(f, 'rating')) : undefined })
  if (!parsed.success) return html(c, <Answer q={current.ok!} queryCode={queryCode} errors={{ rating: '请选择 1–5 分中的一项' }} />, 400, NO_STORE)
  try {
    const r = await onQuestion(c, questionNo, (db, now) => rate(db, now, questionNo, queryCode, parsed.data.rating))
    return r.res ?? html(c, <Answer q={r.ok!} queryCode={queryCode} done="感谢您的评价。" />, 200, NO_STORE)
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return html(c, <Answer q={current.ok!} queryCode={queryCode} message={err.message} />, err.status, NO_STORE)
    throw err
  }
})
