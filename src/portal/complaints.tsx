/** @jsxImportSource hono/jsx */
// Complaints (投诉): file one against a unit, get the tracking number and query code, follow
// it, rate the answer once. The same verbs and schemas as /api/public/complaints.
import { Hono } from 'hono'
import { Conflict, Invalid, NotFound } from '../platform/errors.js'
import { publicCtx } from '../modules/public/index.js'
import { writeUnit } from '../modules/public/index.js'
import { unitHall } from '../modules/public/index.js'
import { followComplaint, rateComplaint, submitComplaint } from '../modules/supervision/index.js'
import { ComplaintInput, LEVEL_NAMES as LEVEL_TEXT, QueryCode, RatingInput, TrackingParams } from '../modules/supervision/index.js'
import { fieldErrors, formOf, html, issueErrors, NO_STORE, type PortalEnv, text, validCode } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, NumberCodeForm, Page } from './layout.js'
import { LevelChoice } from './levels.js'

export const complaints = new Hono<PortalEnv>()

complaints.get('/complaints', (c) => html(c, (
  <Page title="投诉" crumbs={[{ href: '/', label: '首页' }, { label: '投诉' }]}>
    <h1>投诉</h1>
    <p>对窗口服务、办事效率或工作人员不满意，可以向办事的单位投诉。单位须在规定的工作日内答复，逾期未答复的自动转上级督办。</p>
    <div class="actions">
      <a class="button" href="/">选择被投诉的单位</a>
      <a class="button secondary" href="/complaints/follow">查询投诉办理情况</a>
    </div>
    <p class="meta">在单位页面点“投诉”即可投诉该单位。</p>
  </Page>
)))

type Values = Record<string, string>

async function ComplaintForm(props: { c: any; unit: string; values?: Values; errors?: Errors; message?: string }) {
  const hall = await unitHall(publicCtx(props.c), props.unit)
  const v = props.values ?? {}
  const e = props.errors
  return (
    <Page title="我要投诉" crumbs={[{ href: '/', label: '首页' }, { href: `/units/${hall.unit.code}`, label: hall.unit.name }, { label: '投诉' }]}>
      <h1>投诉{hall.unit.servicePointName}</h1>
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action="/complaints/new" class="stack" novalidate>
        <input type="hidden" name="unitCode" value={hall.unit.code} />
        <Field name="subject" label="投诉事由（必填）" errors={e} hint="一句话说明，如“窗口让我多跑了一次”">
          <input type="text" {...inputAttrs('subject', e, true)} value={v.subject ?? ''} maxlength={100} required />
        </Field>
        <Field name="body" label="具体情况（必填）" errors={e} hint="时间、窗口、经过，以及您的诉求">
          <textarea {...inputAttrs('body', e, true)} maxlength={2000} required>{v.body ?? ''}</textarea>
        </Field>
        <Field name="contactName" label="您的称呼（可不填）" errors={e}>
          <input type="text" {...inputAttrs('contactName', e)} value={v.contactName ?? ''} maxlength={50} autocomplete="name" />
        </Field>
        <Field name="contactPhone" label="联系电话（必填，用于回访，不公开）" errors={e}>
          <input type="tel" {...inputAttrs('contactPhone', e)} value={v.contactPhone ?? ''} autocomplete="tel" inputmode="tel" required />
        </Field>
        <div class="actions"><button type="submit">提交投诉</button></div>
      </form>
    </Page>
  )
}

complaints.get('/complaints/new', async (c) => {
  const unit = c.req.query('unit')
  if (!validCode(unit)) return c.redirect('/complaints', 303)
  return html(c, await ComplaintForm({ c, unit }))
})

complaints.post('/complaints/new', async (c) => {
  const f = await formOf(c)
  const values: Values = { unitCode: text(f, 'unitCode'), subject: text(f, 'subject'), body: text(f, 'body'), contactName: text(f, 'contactName'), contactPhone: text(f, 'contactPhone') }
  if (!validCode(values.unitCode)) throw new NotFound('未找到被投诉的单位')
  const parsed = ComplaintInput.safeParse({ ...values, contactName: values.contactName || undefined })
  if (!parsed.success) return html(c, await ComplaintForm({ c, unit: values.unitCode, values, errors: fieldErrors(parsed.error) }), 400, NO_STORE)
  try {
    const ctx = publicCtx(c)
    const r = await writeUnit(ctx, values.unitCode, (db) => submitComplaint(db, ctx.now, parsed.data), '未找到被投诉的单位')
    return html(c, (
      <Page title="投诉已提交">
        <h1>投诉已提交</h1>
        <div class="success" role="status">
          <p>请记下投诉编号和查询码，凭它们查询办理情况、评价答复。<strong>查询码只显示这一次。</strong></p>
        </div>
        <dl class="kv card">
          <dt>投诉编号</dt><dd class="big">{r.trackingNo}</dd>
          <dt>查询码</dt><dd class="big">{r.queryCode}</dd>
          <dt>答复期限</dt><dd>{r.dueOn} 前答复</dd>
        </dl>
        <div class="actions"><a class="button" href="/complaints/follow">查询办理情况</a></div>
        <p class="meta">可以用浏览器的“打印”功能打印本页留存。</p>
      </Page>
    ), 201, NO_STORE)
  } catch (err) {
    if (err instanceof Invalid) return html(c, await ComplaintForm({ c, unit: values.unitCode, values, errors: issueErrors((err.extra as any).errors) }), 400, NO_STORE)
    throw err
  }
})

function FollowForm(props: { values?: Values; errors?: Errors; message?: string }) {
  const v = props.values ?? {}
  const e = props.errors
  return (
    <Page title="查询投诉" crumbs={[{ href: '/', label: '首页' }, { href: '/complaints', label: '投诉' }, { label: '查询' }]}>
      <h1>查询投诉办理情况</h1>
      <ErrorSummary errors={e} message={props.message} />
      <NumberCodeForm action="/complaints/follow" name="trackingNo" label="投诉编号" hint="以 TS 开头的 22 位编号" value={v.trackingNo} errors={e} />
    </Page>
  )
}

complaints.get('/complaints/follow', (c) => html(c, <FollowForm />))

type Followed = Awaited<ReturnType<typeof followComplaint>>
function Followed(props: { r: Followed; queryCode: string; errors?: Errors; message?: string; rated?: boolean }) {
  const r = props.r
  return (
    <Page title="投诉办理情况" crumbs={[{ href: '/', label: '首页' }, { href: '/complaints', label: '投诉' }, { label: r.trackingNo }]}>
      <h1>投诉办理情况</h1>
      {props.rated ? <p class="success" role="status">感谢您的评价。</p> : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <dl class="kv card">
        <dt>投诉编号</dt><dd>{r.trackingNo}</dd>
        <dt>被投诉单位</dt><dd>{r.unitName}</dd>
        <dt>投诉事由</dt><dd>{r.subject}</dd>
        <dt>状态</dt><dd>{r.statusName}{r.escalated ? '（已转上级督办）' : ''}{r.overdue ? '（已逾期）' : ''}</dd>
        <dt>收到日期</dt><dd>{r.receivedOn}</dd>
        <dt>答复期限</dt><dd>{r.dueOn}</dd>
        {r.answer ? <><dt>答复</dt><dd>{r.answer}（{r.answeredOn}）</dd></> : null}
        {r.rating ? <><dt>您的评价</dt><dd>{LEVEL_TEXT[r.rating] ?? r.rating}</dd></> : null}
      </dl>
      {r.status === 'answered' && !r.rating ? (
        <form method="post" action="/complaints/rate" class="stack card">
          <input type="hidden" name="trackingNo" value={r.trackingNo} />
          <input type="hidden" name="queryCode" value={props.queryCode} />
          <LevelChoice legend="您对答复满意吗？" errors={props.errors} />
          <Field name="comment" label="意见（可不填）" errors={props.errors}><textarea {...inputAttrs('comment', props.errors)} maxlength={500}></textarea></Field>
          <div class="actions"><button type="submit">提交评价</button></div>
        </form>
      ) : null}
    </Page>
  )
}
async function follow(c: any, trackingNo: string, queryCode: string) {
  const ctx = publicCtx(c)
  return writeUnit(ctx, trackingNo.slice(2, 14), (db) => followComplaint(db, ctx.now, trackingNo, queryCode), '未找到该投诉，或查询码不正确')
}

complaints.post('/complaints/follow', async (c) => {
  const f = await formOf(c)
  const values = { trackingNo: text(f, 'trackingNo').toUpperCase(), queryCode: text(f, 'queryCode').toUpperCase() }
  const errors: Errors = {}
  const p = TrackingParams.safeParse({ trackingNo: values.trackingNo })
  if (!p.success) errors.trackingNo = '投诉编号格式不正确：应为 TS 加 20 位数字'
  if (!QueryCode.safeParse({ queryCode: values.queryCode }).success) errors.queryCode = '查询码为 8 位字母或数字'
  if (Object.keys(errors).length) return html(c, <FollowForm values={values} errors={errors} />, 400, NO_STORE)
  try {
    return html(c, <Followed r={await follow(c, values.trackingNo, values.queryCode)} queryCode={values.queryCode} />, 200, NO_STORE)
  } catch (err) {
    if (err instanceof NotFound) return html(c, <FollowForm values={{ trackingNo: values.trackingNo }} message="未找到该投诉，或查询码不正确。请核对后重新输入。" />, 404, NO_STORE)
    throw err
  }
})

complaints.post('/complaints/rate', async (c) => {
  const f = await formOf(c)
  const trackingNo = text(f, 'trackingNo'), queryCode = text(f, 'queryCode')
  if (!TrackingParams.safeParse({ trackingNo }).success) throw new NotFound('未找到该投诉，或查询码不正确')
  const parsed = RatingInput.safeParse({ queryCode, level: text(f, 'level') || undefined, comment: text(f, 'comment') || undefined })
  const current = await follow(c, trackingNo, queryCode)
  if (!parsed.success) return html(c, <Followed r={current} queryCode={queryCode} errors={{ ...fieldErrors(parsed.error), ...(text(f, 'level') ? {} : { level: '请选择一个评价等级' }) }} />, 400, NO_STORE)
  try {
    const ctx = publicCtx(c)
    const r = await writeUnit(ctx, trackingNo.slice(2, 14), (db) => rateComplaint(db, ctx.now, trackingNo, parsed.data))
    return html(c, <Followed r={r} queryCode={queryCode} rated />, 200, NO_STORE)
  } catch (err) {
    if (err instanceof Conflict) return html(c, <Followed r={current} queryCode={queryCode} message={err.message} />, 409, NO_STORE)
    throw err
  }
})
