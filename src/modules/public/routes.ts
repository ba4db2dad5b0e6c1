// Public, no login, cacheable (ETag): units, published catalogs, service guides (服务指南)
// and the public announcement of entrustments (行政许可法 art. 24). Each route validates and
// calls a verb of this module (catalog.ts, guide.ts, units.ts, announcements.ts); the portal
// pages (src/portal) call the same verbs.
import { createRoute } from '@hono/zod-openapi'
import { page, pageQuery } from '../../platform/paging.js'
import type { Context } from 'hono'
import { createHash } from 'node:crypto'
import { etag } from 'hono/etag'
import type { AppEnv } from '../../platform/context.js'
import { CodeParam, errorResponses, json, router, UnitCode, z } from '../../platform/openapi.js'
import { MatterCode } from '../catalog/index.js'
import { AtQuery } from '../catalog/index.js'
import { entrustmentAnnouncements } from './announcements.js'
import { publicCatalog } from './catalog.js'
import type { PublicCtx } from './context.js'
import { serviceGuide } from './guide.js'
import { listUnits } from './units.js'
import { Entrustment, Guide, notModified, PublicMatter, PublicUnit } from './responses.js'

const tags = ['公开（无需登录）']

export const publicCtx = (c: Context<AppEnv>): PublicCtx => ({ db: c.get('db'), now: c.get('deps').clock.now() })

/**
 * ETag on every 200; `no-cache` lets a browser or proxy keep the copy but ask again each time
 * (a 304 when unchanged), so a revoked grant shows in every guide and list at once.
 */
export const publicCache = (c: Context<AppEnv>, next: () => Promise<void>) => etag()(c, async () => {
  // The ETag is the SHA-1 of the JSON text, taken where the text is made: hono's etag() would clone the
  // response and read the copy back as a stream to hash it (and then send the body as a stream), ~5 % of
  // the catalog's CPU. It finds the header set, hashes nothing and only answers If-None-Match with 304.
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    c.json = ((object: unknown, arg?: any, headers?: any) => {
      const text = JSON.stringify(object)
      c.header('etag', `"${createHash('sha1').update(text).digest('base64url')}"`)
      c.header('content-type', 'application/json')
      return c.body(text, arg, headers)
    }) as unknown as typeof c.json
  }
  await next()
  // Routes that set their own policy keep it (a complainant's case is no-store: supervision/routes.ts).
  if (c.res.status === 200 && !c.res.headers.get('cache-control')) c.header('cache-control', 'public, no-cache')
})

export const publicApi = router()
publicApi.use('*', publicCache)

publicApi
  .openapi(createRoute({
    method: 'get', path: '/units', tags, summary: '单位列表（不带 parent 时列出各市）', security: [],
    description: '按单位代码升序，一次列全：一级下的单位是有限的几个到几百个（选择地点用），不分页。',
    request: { query: z.object({ parent: UnitCode.optional().describe('上级单位代码') }) }, responses: { 200: json(z.array(PublicUnit), '单位'), ...notModified, ...errorResponses },
  }), async (c) => c.json(await listUnits(publicCtx(c), c.req.valid('query').parent ?? null), 200))
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/matters', tags, security: [],
    summary: '单位公开的事项目录：可在本单位办理的（本级或受下放、委托）和可代办的；include=above 另列在上级办理的',
    description: '按事项编码升序一次列全，不分页：门户的可办事项页在整份目录上按名称、部门、类型、办理方式筛选并计数，部门下拉列表也取自整份目录；一个单位的目录是有限的（几十到几百项），带 ETag 缓存。',
    request: { params: z.object({ code: CodeParam }), query: AtQuery.extend({ include: z.enum(['above']).optional().describe('above：另列只能在上级办理的事项及办理地点') }) },
    responses: { 200: json(z.array(PublicMatter), '事项：先列可在本单位申请的（本单位办理、可代办），include=above 时再列在上级办理的'), ...notModified, ...errorResponses },
  }), async (c) => c.json(await publicCatalog(publicCtx(c), c.req.valid('param').code, c.req.valid('query')), 200))
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/matters/{matterCode}/guide', tags, summary: '服务指南（八公开要素、材料、窗口、由谁以谁的名义决定）', security: [],
    request: { params: z.object({ code: CodeParam, matterCode: MatterCode }) }, responses: { 200: json(Guide, '服务指南'), ...notModified, ...errorResponses },
  }), async (c) => {
    const { code, matterCode } = c.req.valid('param')
    return c.json(await serviceGuide(publicCtx(c), code, matterCode), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/entrustments', tags, summary: '委托公告：谁将什么事项委托给谁，自何时起；已撤销的保留撤销日期和理由', security: [],
    description: '按生效日期升序，再按事项编码、受委托单位、授权编号分页（门户公告页用“下一页”翻页）。',
    request: { params: z.object({ code: CodeParam }), query: z.object(pageQuery) }, responses: { 200: json(page(Entrustment, 'EntrustmentPage'), '委托公告（一页）'), ...notModified, ...errorResponses },
  }), async (c) => c.json(await entrustmentAnnouncements(publicCtx(c), c.req.valid('param').code, c.req.valid('query')), 200))
