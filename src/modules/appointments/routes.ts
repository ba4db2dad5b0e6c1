// Routes of appointments: slots and the day's bookings (staff, /api/units), and the public's
// slots, booking, lookup, cancelling and check-in (/api/public).
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { asActor, type AppEnv } from '../../platform/context.js'
import { NotFound } from '../../platform/errors.js'
import { body, errorResponses, json, Problem, router } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { HallParams } from '../halls/index.js'
import { asPublicUnit } from '../halls/index.js'
import { levelOf } from '../units/index.js'
import { findHall } from '../queue/index.js'
import { listAppointments, listSlots, slotPage } from './queries.js'
import { Appointment, AppointmentListQuery, BookBody, Booked, BookingParam, CheckedIn, QueryCodeBody, QueryCodeQuery, Slot, SlotQuery, SlotsBody, SlotsCreated, UnitParam } from './schemas.js'
import { book, cancel, checkIn, createSlots, lookup, NOT_FOUND } from './verbs.js'

const tags = ['大厅服务：预约']
const responses = { ...errorResponses, 422: { description: '不符合预约规则', content: { 'application/problem+json': { schema: Problem } } } }

/** Mounted at /api/units. */
export const appointments = router()
  .openapi(createRoute({ method: 'post', path: '/{code}/halls/{hallId}/slots', tags, summary: '放号：在工作日历的工作日按时段设置名额（非工作日不放号）',
    request: { params: HallParams, ...body(SlotsBody) }, responses: { 201: json(SlotsCreated, '已放号'), ...responses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => createSlots(ctx, p.code, p.hallId, c.req.valid('json'))), 201) })
  .openapi(createRoute({ method: 'get', path: '/{code}/halls/{hallId}/slots', tags, summary: '预约时段与已约人数', description: '按（日期, 开始时间, 时段编号）升序分页。',
    request: { params: HallParams, query: SlotQuery }, responses: { 200: json(page(Slot), '时段'), ...responses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => listSlots(ctx, p.code, p.hallId, c.req.valid('query'))), 200) })
  .openapi(createRoute({ method: 'get', path: '/{code}/appointments', tags, summary: '某日的预约（个人信息脱敏；过了预约日未签到为爽约）', description: '按（开始时间, 预约号）升序分页。',
    request: { params: UnitParam, query: AppointmentListQuery }, responses: { 200: json(page(Appointment), '预约'), ...responses } }),
  async (c) => c.json(await asActor(c, (ctx) => listAppointments(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))

/** The unit of a booking number (its first twelve digits), in whose scope it is read. */
const unitOfBooking = (no: string) => { const u = no.slice(0, 12); if (!levelOf(u)) throw new NotFound(NOT_FOUND); return u }
const onBooking = <T>(c: Context<AppEnv>, no: string, fn: Parameters<typeof asPublicUnit<T>>[2]) => asPublicUnit(c, unitOfBooking(no), fn)

const ptags = ['公开（无需登录）']
/** Mounted at /api/public. */
export const publicAppointments = router()
  .openapi(createRoute({ method: 'get', path: '/units/{code}/halls/{hallId}/slots', tags: ptags, summary: '可预约的时段（尚有名额）', description: '按（日期, 开始时间, 时段编号）升序分页。', security: [],
    request: { params: HallParams, query: SlotQuery }, responses: { 200: json(page(Slot), '时段'), ...responses } }),
  async (c) => {
    const p = c.req.valid('param')
    return c.json(await asPublicUnit(c, p.code, async (db) => { await findHall(db, p.code, p.hallId); return slotPage(db, p.hallId, c.req.valid('query'), true) }), 200)
  })
  .openapi(createRoute({ method: 'post', path: '/units/{code}/appointments', tags: ptags, summary: '预约（核验身份证号；爽约过多暂停预约）：返回预约号和查询码', security: [],
    request: { params: UnitParam, ...body(BookBody) }, responses: { 201: json(Booked, '已预约'), ...responses } }),
  async (c) => { const code = c.req.valid('param').code; return c.json(await asPublicUnit(c, code, (db, now) => book(db, now, code, c.req.valid('json'))), 201) })
  .openapi(createRoute({ method: 'get', path: '/appointments/{bookingNo}', tags: ptags, summary: '查询预约（预约号 + 查询码）', security: [],
    request: { params: BookingParam, query: QueryCodeQuery }, responses: { 200: json(Appointment, '预约'), ...responses } }),
  async (c) => { const no = c.req.valid('param').bookingNo; return c.json(await onBooking(c, no, (db, now) => lookup(db, now, no, c.req.valid('query').queryCode)), 200) })
  .openapi(createRoute({ method: 'post', path: '/appointments/{bookingNo}/cancel', tags: ptags, summary: '取消预约（预约日之前或当天）', security: [],
    request: { params: BookingParam, ...body(QueryCodeBody) }, responses: { 200: json(Appointment, '已取消'), ...responses } }),
  async (c) => { const no = c.req.valid('param').bookingNo; return c.json(await onBooking(c, no, (db, now) => cancel(db, now, no, c.req.valid('json').queryCode)), 200) })
  .openapi(createRoute({ method: 'post', path: '/appointments/{bookingNo}/check-in', tags: ptags, summary: '到厅签到：预约当天换取绿色通道号票', security: [],
    request: { params: BookingParam, ...body(QueryCodeBody) }, responses: { 201: json(CheckedIn, '已签到取号'), ...responses } }),
  async (c) => { const no = c.req.valid('param').bookingNo; return c.json(await onBooking(c, no, (db, now) => checkIn(db, now, no, c.req.valid('json').queryCode)), 201) })
