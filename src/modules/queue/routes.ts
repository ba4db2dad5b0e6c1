// Routes of the queue: groups, window groups, calling and ticket steps (staff, /api/units), and
// taking a ticket, a ticket's place and the hall display (public, /api/public).
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { HallParams, WindowParams } from '../halls/index.js'
import { asPublicUnit } from '../halls/index.js'
import { display } from './display.js'
import { listGroups, listTickets, publicGroups, publicTicket, queueFigures } from './queries.js'
import { CallResult, Empty, Group, GroupBody, LinkCaseBody, PublicGroup, PublicTicketParams, QueueFigures, QueueFiguresQuery, TakeBody, TakenTicket, Ticket, TicketListQuery, TicketParams, TransferBody, WindowGroups, WindowGroupsBody } from './schemas.js'
import { callNext, createGroup, linkCase, recall, setWindowGroups, skip, start, finish, takeTicket, transfer } from './verbs.js'

const tags = ['大厅服务：排队叫号']

/** Mounted at /api/units. */
export const queue = router()
  .openapi(createRoute({ method: 'get', path: '/{code}/halls/{hallId}/groups', tags, summary: '大厅的业务分组（排队用的事项分组）',
    description: '按号头（分组字母）升序，一次列全，不分页：号头是一个大写字母且在大厅内唯一，一个大厅至多 26 个分组。',
    request: { params: HallParams }, responses: { 200: json(z.array(Group), '业务分组'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => listGroups(ctx, p.code, p.hallId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/halls/{hallId}/groups', tags, summary: '新建业务分组（号头、名称、事项）',
    request: { params: HallParams, ...body(GroupBody) }, responses: { 201: json(Group, '已新建'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => createGroup(ctx, p.code, p.hallId, c.req.valid('json') as any)), 201) })
  .openapi(createRoute({ method: 'put', path: '/{code}/windows/{windowId}/groups', tags, summary: '窗口服务的业务分组',
    request: { params: WindowParams, ...body(WindowGroupsBody) }, responses: { 200: json(WindowGroups, '已保存'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => setWindowGroups(ctx, p.code, p.windowId, c.req.valid('json').groupIds)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/windows/{windowId}/call-next', tags, summary: '叫下一个号（先绿色通道，再按取号先后）',
    request: { params: WindowParams, ...body(Empty) }, responses: { 200: json(CallResult, '叫到的号（无人等候时为 null）'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => callNext(ctx, p.code, p.windowId)), 200) })
  .openapi(createRoute({ method: 'get', path: '/{code}/halls/{hallId}/tickets', tags, summary: '大厅某日的号票', description: '按取号顺序（号票序号升序）分页。',
    request: { params: HallParams, query: TicketListQuery }, responses: { 200: json(page(Ticket), '号票'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => listTickets(ctx, p.code, p.hallId, c.req.valid('query'))), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/tickets/{ticketId}/recall', tags, summary: '重呼',
    request: { params: TicketParams, ...body(Empty) }, responses: { 200: json(CallResult, '已重呼'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => recall(ctx, p.code, p.ticketId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/tickets/{ticketId}/skip', tags, summary: '过号（呼叫满设定次数仍未到）',
    request: { params: TicketParams, ...body(Empty) }, responses: { 200: json(Ticket, '已过号'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => skip(ctx, p.code, p.ticketId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/tickets/{ticketId}/start', tags, summary: '开始办理（群众已到窗口）',
    request: { params: TicketParams, ...body(Empty) }, responses: { 200: json(Ticket, '办理中'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => start(ctx, p.code, p.ticketId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/tickets/{ticketId}/finish', tags, summary: '办结',
    request: { params: TicketParams, ...body(Empty) }, responses: { 200: json(Ticket, '已办结'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => finish(ctx, p.code, p.ticketId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/tickets/{ticketId}/transfer', tags, summary: '转到本大厅另一业务分组（保留原取号次序）',
    request: { params: TicketParams, ...body(TransferBody) }, responses: { 200: json(Ticket, '已转移'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => transfer(ctx, p.code, p.ticketId, c.req.valid('json').groupId)), 200) })
  .openapi(createRoute({ method: 'put', path: '/{code}/tickets/{ticketId}/case', tags, summary: '关联窗口收件的办件',
    request: { params: TicketParams, ...body(LinkCaseBody) }, responses: { 200: json(Ticket, '已关联'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => linkCase(ctx, p.code, p.ticketId, c.req.valid('json').caseId)), 200) })
  .openapi(createRoute({ method: 'get', path: '/{code}/queue/figures', tags, summary: '排队统计：按大厅、窗口、分组、时段的等候与办理时长，每日取号数',
    request: { params: z.object({ code: CodeParam }), query: QueueFiguresQuery }, responses: { 200: json(QueueFigures, '统计'), ...errorResponses } }),
  async (c) => { const q = c.req.valid('query'); return c.json(await asActor(c, (ctx) => queueFigures(ctx, c.req.valid('param').code, q.from, q.to)), 200) })

const ptags = ['公开（无需登录）']
/** Mounted at /api/public. */
export const publicQueue = router()
  .openapi(createRoute({ method: 'get', path: '/units/{code}/halls/{hallId}/groups', tags: ptags, summary: '大厅的业务分组（取号、预约时选择）', description: '按号头（分组字母）升序，一次列全，不分页：号头是一个大写字母且在大厅内唯一，一个大厅至多 26 个分组。', security: [],
    request: { params: HallParams }, responses: { 200: json(z.array(PublicGroup), '业务分组'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asPublicUnit(c, p.code, (db) => publicGroups(db, p.code, p.hallId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/units/{code}/halls/{hallId}/tickets', tags: ptags, summary: '取号（取号机或手机；老年人、残疾人走绿色通道）', security: [],
    request: { params: HallParams, ...body(TakeBody) }, responses: { 201: json(TakenTicket, '号票（含前面等候人数）'), ...errorResponses } }),
  async (c) => {
    const p = c.req.valid('param')
    return c.json(await asPublicUnit(c, p.code, (db, now) => takeTicket(db, now, p.code, p.hallId, c.req.valid('json'))), 201)
  })
  .openapi(createRoute({ method: 'get', path: '/units/{code}/halls/{hallId}/tickets/{ticketId}', tags: ptags, summary: '我的号：状态与前面等候人数', security: [],
    request: { params: PublicTicketParams }, responses: { 200: json(TakenTicket, '号票'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asPublicUnit(c, p.code, (db) => publicTicket(db, p.code, p.hallId, p.ticketId)), 200) })
  .openapi(createRoute({ method: 'get', path: '/units/{code}/halls/{hallId}/display', tags: ptags, security: [],
    summary: '叫号屏（Server-Sent Events：event hall，然后每次呼叫一个 event call，姓名脱敏，含语音播报文本）',
    request: { params: HallParams },
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string().describe('event: call\\ndata: {"ticketNumber":"A012","windowNumber":"3","name":"张*","spoken":"请A012号到3号窗口","at":"…"}') } } }, ...errorResponses } }),
  (async (c: any) => { const p = c.req.valid('param'); return display(c, p.code, p.hallId) }) as any)
