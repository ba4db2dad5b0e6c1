// Routes of halls: /api/units/{code}/halls… (staff) and /api/public/units/{code}/halls (public).
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { getSettings, hallFigures, listHalls, publicHalls } from './queries.js'
import { Hall, HallBody, HallFigures, HallParams, HallPatch, FiguresQuery, ListQuery, PublicHall, Settings, SettingsBody, WindowHall, WindowHallBody, WindowParams } from './schemas.js'
import { asPublicUnit } from './shared.js'
import { createHall, putSettings, setWindowHall, updateHall } from './verbs.js'

const tags = ['大厅服务：大厅与分中心']
const Code = z.object({ code: CodeParam })

/** Mounted at /api/units. */
export const halls = router()
  .openapi(createRoute({ method: 'get', path: '/{code}/halls', tags, summary: '本单位的大厅与分中心', description: '主大厅在前、分中心在后，同类按编号升序分页。',
    request: { params: Code, query: ListQuery }, responses: { 200: json(page(Hall), '大厅'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => listHalls(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({ method: 'post', path: '/{code}/halls', tags, summary: '新建主大厅或分中心（地址、开放时间、电话）',
    request: { params: Code, ...body(HallBody) }, responses: { 201: json(Hall, '已新建'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => createHall(ctx, c.req.valid('param').code, c.req.valid('json') as any)), 201))
  .openapi(createRoute({ method: 'patch', path: '/{code}/halls/{hallId}', tags, summary: '修改大厅（名称、地址、开放时间、电话、启用）',
    request: { params: HallParams, ...body(HallPatch) }, responses: { 200: json(Hall, '已修改'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => updateHall(ctx, p.code, p.hallId, c.req.valid('json'))), 200) })
  .openapi(createRoute({ method: 'put', path: '/{code}/windows/{windowId}/hall', tags, summary: '窗口划入本单位的某个大厅',
    request: { params: WindowParams, ...body(WindowHallBody) }, responses: { 200: json(WindowHall, '已划入'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => setWindowHall(ctx, p.code, p.windowId, c.req.valid('json').hallId)), 200) })
  .openapi(createRoute({ method: 'get', path: '/{code}/hall-settings', tags, summary: '大厅服务设置（过号、爽约、预约天数、咨询答复时限）',
    request: { params: Code }, responses: { 200: json(Settings, '设置'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => getSettings(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({ method: 'put', path: '/{code}/hall-settings', tags, summary: '修改大厅服务设置（未给出的项保持不变）',
    request: { params: Code, ...body(SettingsBody) }, responses: { 200: json(Settings, '已保存'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => putSettings(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))
  .openapi(createRoute({ method: 'get', path: '/{code}/halls/figures', tags, summary: '大厅统计：取号、等候、办理时长、评价，按大厅→单位→本辖区汇总',
    request: { params: Code, query: FiguresQuery }, responses: { 200: json(HallFigures, '统计'), ...errorResponses } }),
  async (c) => { const q = c.req.valid('query'); return c.json(await asActor(c, (ctx) => hallFigures(ctx, c.req.valid('param').code, q.from, q.to)), 200) })

/** Mounted at /api/public. */
export const publicHallsApi = router()
  .openapi(createRoute({ method: 'get', path: '/units/{code}/halls', tags: ['公开（无需登录）'], summary: '单位的大厅与分中心（地址、开放时间、电话）', description: '只列开放的大厅；主大厅在前、分中心在后，同类按编号升序分页。', security: [],
    request: { params: Code, query: ListQuery }, responses: { 200: json(page(PublicHall), '大厅'), ...errorResponses } }),
  async (c) => c.json(await asPublicUnit(c, c.req.valid('param').code, (db) => publicHalls(db, c.req.valid('param').code, c.req.valid('query'))), 200))
