/** @jsxImportSource hono/jsx */
// Hall services for the public (issue 18): a unit's halls and branch halls on its page, booking
// (预约) with lookup, cancelling and the check-in that gives a priority ticket, and taking a queue
// ticket from a phone or the hall's kiosk (取号机: the same page with big touch buttons).
// Each page calls the verbs of the public API (/api/public/units/{code}/halls…, /appointments…).
import { Hono } from 'hono'
import type { Context } from 'hono'
import { addDays } from '../platform/calendar.js'
import { AppError, Invalid, NotFound } from '../platform/errors.js'
import { shanghaiDate } from '../platform/time.js'
import { slotPage } from '../modules/appointments/index.js'
import { BookBody, QueryCodeBody } from '../modules/appointments/index.js'
import { book, cancel, checkIn, lookup, NOT_FOUND as NO_BOOKING } from '../modules/appointments/index.js'
import { publicHalls } from '../modules/halls/index.js'
import { asPublicUnit, settingsOf } from '../modules/halls/index.js'
import { findHall, publicGroups, publicTicket } from '../modules/queue/index.js'
import { TakeBody } from '../modules/queue/index.js'
import { takeTicket } from '../modules/queue/index.js'
import { levelOf } from '../modules/units/index.js'
import { fieldErrors, formOf, html, issueErrors, NO_STORE, type PortalEnv, text, validCode } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, NumberCodeForm, Page, TableWrap } from './layout.js'

export const halls = new Hono<PortalEnv>()

type Hall = Awaited<ReturnType<typeof publicHalls>>['items'][number]
type Win = { number: string; name: string; departments: string[]; hallId: string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BOOKING = /^[0-9]{12}-[0-9]{8}-Y[0-9]{4,6}$/
const unitParam = (c: Context<PortalEnv>) => { const code = c.req.param('code'); if (!validCode(code)) throw new NotFound('未找到该单位'); return code! }
const hallParam = (c: Context<PortalEnv>) => { const id = c.req.param('hallId'); if (!id || !UUID.test(id)) throw new NotFound('大厅不存在'); return id }

function WindowTable(props: { windows: Win[] }) {
  return (
    <TableWrap label="窗口">
      <table>
        <thead><tr><th scope="col" class="no">窗口</th><th scope="col">窗口名称</th><th scope="col">进驻部门</th></tr></thead>
        <tbody>{props.windows.map((w) => <tr><td class="no">{w.number} 号</td><td>{w.name}</td><td>{w.departments.join('、') || '—'}</td></tr>)}</tbody>
      </table>
    </TableWrap>
  )
}

/** On a unit's page: each hall (main first, then the branch halls) with address, hours, phone and its windows. */
export function HallsSection(props: { code: string; halls: Hall[]; windows: Win[] }) {
  const { code, halls: hs, windows } = props
  const loose = windows.filter((w) => !w.hallId || !hs.some((h) => h.id === w.hallId))
  if (!hs.length) return windows.length ? <><h2>服务窗口</h2><WindowTable windows={windows} /></> : null
  return (
    <>
      {hs.map((h) => {
        const ws = windows.filter((w) => w.hallId === h.id)
        return (
          <section class="card hall" aria-labelledby={`hall-${h.id}`}>
            <h2 id={`hall-${h.id}`}>{h.name}<span class="tag go" style="margin-left:.5rem">{h.kind === 'main' ? '主大厅' : '分中心'}</span></h2>
            <dl class="kv">
              <dt>地址</dt><dd>{h.address || '—'}</dd>
              <dt>开放时间</dt><dd>{h.hours || '—'}</dd>
              <dt>电话</dt><dd>{h.phone ? <a href={`tel:${h.phone}`}>{h.phone}</a> : '—'}</dd>
              <dt>服务窗口</dt><dd>{ws.length ? `${ws.length} 个` : '尚未公布'}</dd>
            </dl>
            {ws.length ? <WindowTable windows={ws} /> : null}
            <div class="actions">
              <a class="button" href={`/units/${code}/book?hall=${h.id}`}>预约</a>
              <a class="button secondary" href={`/units/${code}/halls/${h.id}/ticket`}>手机取号</a>
            </div>
          </section>
        )
      })}
      {loose.length ? <><h2>其他服务窗口</h2><WindowTable windows={loose} /></> : null}
    </>
  )
}

// ---- booking (预约) ----

const STATUS: Record<string, string> = { booked: '已预约（到大厅签到即进入绿色通道）', cancelled: '已取消', checked_in: '已签到取号', no_show: '爽约（过了预约日未签到）' }
const TICKET: Record<string, string> = { waiting: '等候中', called: '已呼叫，请到叫号屏所示窗口', serving: '办理中', done: '已办结', skipped: '已过号（请重新取号）' }

interface BookState { hall?: string; group?: string; errors?: Errors; message?: string; values?: Record<string, string> }

async function bookPage(c: Context<PortalEnv>, code: string, st: BookState, status = 200) {
  const data = await asPublicUnit(c, code, async (db, now) => {
    const u = await db.selectFrom('units').select(['code', 'name', 'service_point_name']).where('code', '=', code).executeTakeFirstOrThrow()
    const hs = (await publicHalls(db, code, { limit: 50 })).items
    const hall = st.hall ? hs.find((h) => h.id === st.hall) : hs.length === 1 ? hs[0] : undefined
    if (st.hall && !hall) throw new NotFound('大厅不存在')
    const groups = hall ? await publicGroups(db, code, hall.id) : []
    const group = st.group ? groups.find((g) => g.id === st.group) : groups.length === 1 ? groups[0] : undefined
    if (st.group && !group) throw new NotFound('该大厅没有这个业务分组')
    const today = shanghaiDate(now)
    const ahead = (await settingsOf(db, code)).bookAheadDays
    const slots = hall && group ? (await slotPage(db, hall.id, { limit: 200, from: today, to: addDays(today, ahead), groupId: group.id }, true)).items : []
    return { u, hs, hall, groups, group, slots, ahead }
  })
  const { u, hs, hall, groups, group, slots, ahead } = data
  const e = st.errors, v = st.values ?? {}
  const days = [...new Set(slots.map((s) => s.day))]
  return html(c, (
    <Page title="预约" crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: u.name }, { label: '预约' }]}>
      <h1>{u.service_point_name}预约</h1>
      <p>预约到大厅办事的时间（只在法定工作日放号，最多可提前 {ahead} 天）。预约后到大厅签到，即可取绿色通道号，优先办理。</p>
      <ErrorSummary errors={e} message={st.message} />
      <h2>1. 选择大厅</h2>
      {hs.length ? (
        <ul class="grid">{hs.map((h) => <li><a href={`/units/${code}/book?hall=${h.id}`} aria-current={hall?.id === h.id ? 'true' : undefined}>{h.name}{hall?.id === h.id ? '（已选）' : ''}</a></li>)}</ul>
      ) : <p class="notice">本单位尚未开通预约。</p>}
      {hall ? (
        <>
          <h2>2. 选择业务</h2>
          {groups.length ? (
            <ul class="grid">{groups.map((g) => <li><a href={`/units/${code}/book?hall=${hall.id}&group=${g.id}`} aria-current={group?.id === g.id ? 'true' : undefined}>{g.name}{group?.id === g.id ? '（已选）' : ''}</a></li>)}</ul>
          ) : <p class="notice">该大厅尚未设置业务分组。</p>}
        </>
      ) : null}
      {hall && group ? (
        <>
          <h2>3. 选择时段并填写信息</h2>
          {days.length ? (
            <form method="post" action={`/units/${code}/book`} class="stack" novalidate>
              <input type="hidden" name="hall" value={hall.id} />
              <input type="hidden" name="group" value={group.id} />
              <fieldset class={e?.slotId ? 'field invalid' : 'field'} id="f-slotId" aria-describedby={e?.slotId ? 'f-slotId-error' : undefined}>
                <legend>预约时段（{hall.name} · {group.name}）</legend>
                {days.map((d) => (
                  <>
                    <h3>{d}</h3>
                    <ul class="slots">{slots.filter((s) => s.day === d).map((s) => (
                      <li><label class="check"><input type="radio" name="slotId" value={s.id} checked={v.slotId === s.id} />{s.starts}–{s.ends}（余 {s.remaining}）</label></li>
                    ))}</ul>
                  </>
                ))}
                {e?.slotId ? <p class="error" id="f-slotId-error">{e.slotId}</p> : null}
              </fieldset>
              <Field name="name" label="姓名" errors={e}><input type="text" {...inputAttrs('name', e)} value={v.name ?? ''} autocomplete="name" required /></Field>
              <Field name="idNumber" label="身份证号" errors={e} hint="18 位居民身份证号，核验后只保存脱敏形式">
                <input type="text" {...inputAttrs('idNumber', e, true)} value={v.idNumber ?? ''} autocomplete="off" inputmode="text" required />
              </Field>
              <Field name="phone" label="手机号" errors={e}><input type="tel" {...inputAttrs('phone', e)} value={v.phone ?? ''} autocomplete="tel" required /></Field>
              <p class="meta">爽约提示：预约后未取消也未到厅签到记为爽约；一段时间内爽约次数过多，将暂停预约一段时间。</p>
              <div class="actions"><button type="submit">确认预约</button></div>
            </form>
          ) : <p class="notice">今后 {ahead} 天内该业务已没有可预约的时段，请改日再来或直接到大厅取号。</p>}
        </>
      ) : null}
    </Page>
  ), status, NO_STORE)
}

halls.get('/units/:code/book', (c) => {
  const code = unitParam(c)
  const hall = c.req.query('hall'), group = c.req.query('group')
  if ((hall && !UUID.test(hall)) || (group && !UUID.test(group))) throw new NotFound('大厅不存在')
  return bookPage(c, code, { hall, group })
})

halls.post('/units/:code/book', async (c) => {
  const code = unitParam(c)
  const f = await formOf(c)
  const values = { slotId: text(f, 'slotId'), name: text(f, 'name'), idNumber: text(f, 'idNumber'), phone: text(f, 'phone') }
  const st = { hall: UUID.test(text(f, 'hall')) ? text(f, 'hall') : undefined, group: UUID.test(text(f, 'group')) ? text(f, 'group') : undefined, values }
  const parsed = BookBody.safeParse(values)
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    if (!values.slotId) errors.slotId = '请选择一个预约时段'
    return bookPage(c, code, { ...st, errors }, 400)
  }
  try {
    const r = await asPublicUnit(c, code, (db, now) => book(db, now, code, parsed.data))
    return html(c, (
      <Page title="预约成功" crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: '本单位' }, { label: '预约成功' }]}>
        <h1>预约成功</h1>
        <p class="success" role="status">{r.notice}。</p>
        <dl class="kv card">
          <dt>预约号</dt><dd class="big">{r.bookingNo}</dd>
          <dt>查询码</dt><dd class="big">{r.queryCode}</dd>
          <dt>时间</dt><dd>{r.appointment.day} {r.appointment.starts}–{r.appointment.ends}</dd>
          <dt>预约人</dt><dd>{r.appointment.name}（{r.appointment.idNumber}）</dd>
        </dl>
        <p>请在预约当天到大厅，用预约号和查询码在取号机或本站“我的预约”签到取号。不能前往请提前取消。</p>
        <div class="actions"><a class="button" href="/appointments">查询或取消预约</a></div>
      </Page>
    ), 201, NO_STORE)
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const errors = err instanceof Invalid ? issueErrors(err.fields) : {}
      // The no-show block (422) says until when and why; a full slot (409) and a past slot ask for another.
      const blocked = err.extra.blockedUntil
      const message = blocked ? `${err.message}。暂停期间不能网上预约，仍可到大厅现场取号办理。` : err.message
      return bookPage(c, code, { ...st, errors: Object.keys(errors).length ? errors : undefined, message }, err.status)
    }
    throw err
  }
})

// ---- my appointment: lookup, cancel, check-in ----

function LookupForm(props: { bookingNo?: string; errors?: Errors; message?: string; kiosk?: boolean }) {
  const e = props.errors
  return (
    <Page title="我的预约" kiosk={props.kiosk} crumbs={[{ href: '/', label: '首页' }, { label: '我的预约' }]}>
      <h1>我的预约</h1>
      <p>凭预约号和查询码查看、取消预约；预约当天到大厅可在这里签到，换取绿色通道号。</p>
      <ErrorSummary errors={e} message={props.message} />
      <NumberCodeForm action="/appointments" name="bookingNo" label="预约号" hint="如 341502001000-20261124-Y0001" value={props.bookingNo} errors={e} />
    </Page>
  )
}

type Appt = Awaited<ReturnType<typeof lookup>>

function ApptPage(props: { a: Appt; queryCode: string; today: string; done?: string; message?: string }) {
  const a = props.a
  const open = a.status === 'booked'
  return (
    <Page title="我的预约" crumbs={[{ href: '/', label: '首页' }, { href: '/appointments', label: '我的预约' }, { label: a.bookingNo }]}>
      <h1>预约 {a.bookingNo}</h1>
      {props.done ? <p class="success" role="status">{props.done}</p> : null}
      <ErrorSummary message={props.message} />
      <dl class="kv card">
        <dt>状态</dt><dd><strong>{STATUS[a.status] ?? a.status}</strong></dd>
        <dt>时间</dt><dd>{a.day} {a.starts}–{a.ends}</dd>
        <dt>预约人</dt><dd>{a.name}（{a.idNumber}，{a.phone}）</dd>
      </dl>
      {a.status === 'no_show' ? <p class="notice">过了预约日未签到记为爽约。一段时间内爽约次数达到本单位规定的次数，将暂停网上预约一段时间（暂停期间仍可到大厅现场取号）。</p> : null}
      {open ? (
        <div class="actions">
          {a.day === props.today ? (
            <form method="post" action="/appointments/check-in">
              <input type="hidden" name="bookingNo" value={a.bookingNo} /><input type="hidden" name="queryCode" value={props.queryCode} />
              <button type="submit">我已到大厅，签到取号</button>
            </form>
          ) : null}
          <form method="post" action="/appointments/cancel">
            <input type="hidden" name="bookingNo" value={a.bookingNo} /><input type="hidden" name="queryCode" value={props.queryCode} />
            <button type="submit" class="secondary">取消预约</button>
          </form>
        </div>
      ) : null}
    </Page>
  )
}

function apptCredentials(f: Awaited<ReturnType<typeof formOf>>) {
  const bookingNo = text(f, 'bookingNo'), queryCode = text(f, 'queryCode').toUpperCase()
  const errors: Errors = {}
  if (!BOOKING.test(bookingNo)) errors.bookingNo = '预约号格式不正确：应为“12 位单位代码-8 位日期-Y 加序号”'
  const q = QueryCodeBody.safeParse({ queryCode })
  if (!q.success || !/^[0-9A-Z]+$/.test(queryCode)) errors.queryCode = '请输入查询码（字母或数字）'
  return { bookingNo, queryCode, errors, unit: bookingNo.slice(0, 12) }
}

/** The booking in its unit's scope; a wrong code or unknown number is the same answer (404, nothing shown). */
async function onBooking<T>(c: Context<PortalEnv>, bookingNo: string, kiosk: boolean | undefined, fn: (db: any, now: Date) => Promise<T>) {
  try {
    if (!levelOf(bookingNo.slice(0, 12))) throw new NotFound(NO_BOOKING)
    return { ok: await asPublicUnit(c, bookingNo.slice(0, 12), fn) }
  } catch (err) {
    if (err instanceof NotFound) return { res: html(c, <LookupForm bookingNo={bookingNo} kiosk={kiosk} message={`${NO_BOOKING}。请核对后重新输入。`} />, 404, NO_STORE) }
    throw err
  }
}

halls.get('/appointments', (c) => html(c, <LookupForm />))

halls.post('/appointments', async (c) => {
  const { bookingNo, queryCode, errors } = apptCredentials(await formOf(c))
  if (Object.keys(errors).length) return html(c, <LookupForm bookingNo={bookingNo} errors={errors} />, 400, NO_STORE)
  const r = await onBooking(c, bookingNo, false, async (db, now) => ({ a: await lookup(db, now, bookingNo, queryCode), today: shanghaiDate(now) }))
  if (r.res) return r.res
  return html(c, <ApptPage a={r.ok!.a} today={r.ok!.today} queryCode={queryCode} />, 200, NO_STORE)
})

halls.post('/appointments/cancel', async (c) => {
  const { bookingNo, queryCode, errors } = apptCredentials(await formOf(c))
  if (Object.keys(errors).length) return html(c, <LookupForm bookingNo={bookingNo} errors={errors} />, 400, NO_STORE)
  try {
    const r = await onBooking(c, bookingNo, false, async (db, now) => ({ a: await cancel(db, now, bookingNo, queryCode), today: shanghaiDate(now) }))
    if (r.res) return r.res
    return html(c, <ApptPage a={r.ok!.a} today={r.ok!.today} queryCode={queryCode} done="预约已取消，名额已释放。" />, 200, NO_STORE)
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err
    const r = await onBooking(c, bookingNo, false, async (db, now) => ({ a: await lookup(db, now, bookingNo, queryCode), today: shanghaiDate(now) }))
    return r.res ?? html(c, <ApptPage a={r.ok!.a} today={r.ok!.today} queryCode={queryCode} message={err.message} />, err.status, NO_STORE)
  }
})

halls.post('/appointments/check-in', async (c) => {
  const kiosk = c.req.query('kiosk') === '1'
  const { bookingNo, queryCode, errors } = apptCredentials(await formOf(c))
  if (Object.keys(errors).length) return html(c, <LookupForm bookingNo={bookingNo} errors={errors} kiosk={kiosk} />, 400, NO_STORE)
  try {
    const r = await onBooking(c, bookingNo, kiosk, (db, now) => checkIn(db, now, bookingNo, queryCode))
    if (r.res) return r.res
    const a = r.ok!.appointment
    return html(c, <TicketPage code={bookingNo.slice(0, 12)} hallId={a.hallId} t={r.ok!.ticket as Taken} kiosk={kiosk} done="签到成功：您已进入绿色通道，将优先叫号。" />, 201, NO_STORE)
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err
    if (kiosk) return html(c, <LookupForm bookingNo={bookingNo} kiosk message={err.message} />, err.status, NO_STORE)
    const r = await onBooking(c, bookingNo, false, async (db, now) => ({ a: await lookup(db, now, bookingNo, queryCode), today: shanghaiDate(now) }))
    return r.res ?? html(c, <ApptPage a={r.ok!.a} today={r.ok!.today} queryCode={queryCode} message={err.message} />, err.status, NO_STORE)
  }
})

// ---- queue tickets (排队取号): phone and kiosk ----

type Taken = Awaited<ReturnType<typeof publicTicket>>

function TicketPage(props: { code: string; hallId: string; t: Taken; kiosk?: boolean; done?: string }) {
  const t = props.t
  const base = `/units/${props.code}/halls/${props.hallId}`
  return (
    <Page title={`号票 ${t.number}`} kiosk={props.kiosk} crumbs={props.kiosk ? undefined : [{ href: '/', label: '首页' }, { href: `/units/${props.code}`, label: t.hallName }, { label: '我的号' }]}>
      <h1>{t.hallName} · {t.groupName}</h1>
      {props.done ? <p class="success" role="status">{props.done}</p> : null}
      <div class="ticket" role="status">
        <p>您的号码</p>
        <p class="no">{t.number}</p>
        <p>{t.priority ? '绿色通道（优先叫号）' : '普通'} · {TICKET[t.status] ?? t.status}</p>
        <p class="big">{t.status === 'waiting' ? `前面还有 ${t.ahead} 人` : ''}</p>
      </div>
      <p class="meta">取号时间：{new Date(t.takenAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}。请留意叫号屏和语音播报；过号需重新取号。</p>
      <div class="actions">
        {props.kiosk ? <a class="button" href={`${base}/kiosk`}>返回取号</a> : <a class="button" href={`${base}/tickets/${t.id}`}>刷新等候人数</a>}
      </div>
    </Page>
  )
}

async function takePage(c: Context<PortalEnv>, code: string, hallId: string, kiosk: boolean, errors?: Errors, message?: string, status = 200) {
  const { hall, groups } = await asPublicUnit(c, code, async (db) => {
    const hall = await findHall(db, code, hallId)
    return { hall, groups: await publicGroups(db, code, hallId) }
  })
  const action = `/units/${code}/halls/${hallId}/${kiosk ? 'kiosk' : 'ticket'}`
  return html(c, (
    <Page title={`${hall.name}取号`} kiosk={kiosk} crumbs={kiosk ? undefined : [{ href: '/', label: '首页' }, { href: `/units/${code}`, label: hall.name }, { label: '取号' }]}>
      <h1>{hall.name}{kiosk ? ' · 自助取号' : ' · 手机取号'}</h1>
      <ErrorSummary errors={errors} message={message} />
      {groups.length ? (
        <form method="post" action={action} class="stack" novalidate>
          <fieldset class="field">
            <legend>是否走绿色通道</legend>
            <label class="check"><input type="radio" name="priority" value="" checked />普通取号</label>
            <label class="check"><input type="radio" name="priority" value="elderly" />老年人（60 周岁以上）</label>
            <label class="check"><input type="radio" name="priority" value="disabled" />残疾人</label>
          </fieldset>
          <fieldset class={errors?.groupId ? 'field invalid' : 'field'} id="f-groupId">
            <legend>选择要办的业务（点一下即取号）</legend>
            <div class="pick">{groups.map((g) => <button type="submit" name="groupId" value={g.id}>{g.prefix} · {g.name}</button>)}</div>
            {errors?.groupId ? <p class="error">{errors.groupId}</p> : null}
          </fieldset>
        </form>
      ) : <p class="notice">该大厅尚未设置取号业务。</p>}
      {kiosk ? (
        <>
          <h2>已预约？签到取号</h2>
          <form method="post" action="/appointments/check-in?kiosk=1" class="stack" novalidate>
            <Field name="bookingNo" label="预约号"><input type="text" {...inputAttrs('bookingNo')} autocomplete="off" required /></Field>
            <Field name="queryCode" label="查询码"><input type="text" {...inputAttrs('queryCode')} autocomplete="off" required /></Field>
            <div class="pick"><button type="submit">签到取号</button></div>
          </form>
        </>
      ) : <p>已经预约？<a href="/appointments">凭预约号签到取号</a>（进入绿色通道）。</p>}
    </Page>
  ), status, NO_STORE)
}

for (const kind of ['ticket', 'kiosk'] as const) {
  halls.get(`/units/:code/halls/:hallId/${kind}`, (c) => takePage(c, unitParam(c), hallParam(c), kind === 'kiosk'))
  halls.post(`/units/:code/halls/:hallId/${kind}`, async (c) => {
    const code = unitParam(c), hallId = hallParam(c), kiosk = kind === 'kiosk'
    const f = await formOf(c)
    const parsed = TakeBody.safeParse({ groupId: text(f, 'groupId'), channel: kiosk ? 'kiosk' : 'phone', priority: text(f, 'priority') || undefined })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      if (errors.groupId) errors.groupId = '请选择要办的业务'
      return takePage(c, code, hallId, kiosk, errors, undefined, 400)
    }
    try {
      const t = await asPublicUnit(c, code, (db, now) => takeTicket(db, now, code, hallId, parsed.data))
      return html(c, <TicketPage code={code} hallId={hallId} t={t} kiosk={kiosk} done="取号成功。" />, 201, NO_STORE)
    } catch (err) {
      if (err instanceof Invalid) return takePage(c, code, hallId, kiosk, issueErrors(err.fields), err.message, 400)
      throw err
    }
  })
}

halls.get('/units/:code/halls/:hallId/tickets/:ticketId', async (c) => {
  const code = unitParam(c), hallId = hallParam(c), id = c.req.param('ticketId')
  if (!UUID.test(id)) throw new NotFound('号票不存在')
  const t = await asPublicUnit(c, code, (db) => publicTicket(db, code, hallId, id))
  return html(c, <TicketPage code={code} hallId={hallId} t={t} />, 200, NO_STORE)
})
