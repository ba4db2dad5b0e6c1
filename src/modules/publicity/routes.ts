// Routes of results publicity: publish, lists, one list with raw rows, answer objections (staff,
// /api/units); the unit's lists, one list (masked) and lodging an objection (public).
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { asPublicUnit } from '../halls/index.js'
import { publicList, publicLists, staffList, staffLists } from './queries.js'
import { AnswerBody, ListBody, ListParams, ListSummary, Lodged, ObjectionBody, ObjectionParams, PageQuery, PublicList, StaffList } from './schemas.js'
import { answerObjection, lodgeObjection, publishList } from './verbs.js'

const tags = ['大厅服务：结果公示']
const Code = z.object({ code: CodeParam })

/** Mounted at /api/units. */
export const publicity = router()
  .openapi(createRoute({ method: 'post', path: '/{code}/publicity', tags, summary: '发布公示（公示期按工作日；姓名、身份证号、电话按规则脱敏后公开）',
    request: { params: Code, ...body(ListBody) }, responses: { 201: json(StaffList, '已发布'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => publishList(ctx, c.req.valid('param').code, c.req.valid('json') as any)), 201))
  .openapi(createRoute({ method: 'get', path: '/{code}/publicity', tags, summary: '本辖区的公示', description: '按公示开始日期倒序（最新的在前，同日按编号倒序）分页。',
    request: { params: Code, query: PageQuery }, responses: { 200: json(page(ListSummary), '公示'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => staffLists(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({ method: 'get', path: '/{code}/publicity/{listId}', tags, summary: '公示详情（含原始数据与异议人联系方式，仅限工作人员）',
    request: { params: ListParams }, responses: { 200: json(StaffList, '公示'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => staffList(ctx, p.code, p.listId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/publicity/{listId}/objections/{objectionId}/answer', tags, summary: '答复异议（答复公开，异议人信息不公开）',
    request: { params: ObjectionParams, ...body(AnswerBody) }, responses: { 200: json(StaffList, '已答复'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => answerObjection(ctx, p.code, p.listId, p.objectionId, c.req.valid('json').answer)), 200) })

const ptags = ['公开（无需登录）']
/** Mounted at /api/public. */
export const publicPublicity = router()
  .openapi(createRoute({ method: 'get', path: '/units/{code}/publicity', tags: ptags, summary: '单位的公示（公示中与存档）', description: '按公示开始日期倒序（最新的在前，同日按编号倒序）分页。', security: [],
    request: { params: Code, query: PageQuery }, responses: { 200: json(page(ListSummary), '公示'), ...errorResponses } }),
  async (c) => { const code = c.req.valid('param').code; return c.json(await asPublicUnit(c, code, (db, now) => publicLists(db, now, code, c.req.valid('query'))), 200) })
  .openapi(createRoute({ method: 'get', path: '/units/{code}/publicity/{listId}', tags: ptags, summary: '公示内容（脱敏）与已答复的异议', security: [],
    request: { params: ListParams }, responses: { 200: json(PublicList, '公示'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asPublicUnit(c, p.code, (db, now) => publicList(db, now, p.code, p.listId)), 200) })
  .openapi(createRoute({ method: 'post', path: '/units/{code}/publicity/{listId}/objections', tags: ptags, summary: '在公示期内提出异议', security: [],
    request: { params: ListParams, ...body(ObjectionBody) }, responses: { 201: json(Lodged, '已受理'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asPublicUnit(c, p.code, (db, now) => lodgeObjection(db, now, p.code, p.listId, c.req.valid('json'))), 201) })
