import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, UnitCode, z } from '../../platform/openapi.js'
import { page, pageQuery } from '../../platform/paging.js'
import { isValidDate } from '../../platform/time.js'
import { MatterCode } from '../catalog/index.js'
import { createGrant, listGrants, revokeGrant } from './grants.js'
import { RIGHTS } from './holdings.js'
import { grantExample, GrantOut, Holding, MyRights, WindowOut } from './responses.js'
import { myMatterRights, unitHoldings } from './unit-powers.js'
import { createWindow, listWindows, setWindowRights, setWindowStaff } from './windows.js'

const tags = ['权力下放与委托']
const DateStr = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')
export const Rights = z.array(z.enum(RIGHTS, { error: `权限应为 ${RIGHTS.join('、')} 之一` })).min(1, '至少一项权限')
  .refine((r) => new Set(r).size === r.length, '权限不能重复')

export const Grant = z.strictObject({
  grantorCode: UnitCode.optional().describe('授权单位（缺省为本人所在单位）'),
  granteeCode: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字'),
  matterCode: MatterCode,
  kind: z.enum(['delegation', 'entrustment']).describe('delegation 下放（以自己名义）/ entrustment 委托（以委托机关名义）'),
  rights: Rights,
  documentNo: z.string().trim().min(1, '请填写文件文号').max(100),
  legalBasis: z.string().trim().min(1, '请填写法律依据').max(2000),
  validFrom: DateStr,
  validUntil: DateStr.nullable().optional(),
}).openapi('GrantInput')

// Exported: the tenant pack validator (tenants/validate-pack.ts) checks pack files against them.
export const WindowInput = z.strictObject({
  number: z.string().trim().min(1, '请填写窗口号').max(20), name: z.string().trim().min(1, '请填写窗口名称').max(100),
  departments: z.array(z.string().max(100)).max(50).default([]),
})
export const WindowRightsInput = z.strictObject({ rights: z.array(z.strictObject({ matterCode: MatterCode, rights: Rights })).max(1000) })

const Params = z.object({ code: CodeParam })
const WindowParams = z.object({ code: CodeParam, windowId: z.string().uuid('窗口编号格式不正确').openapi({ param: { name: 'windowId', in: 'path' } }) })

/** Mounted at /api/grants. */
export const grants = router()
  .openapi(createRoute({
    method: 'post', path: '/', tags, summary: '下放或委托事项权力（只能由持有者向本辖区下级授予）',
    request: body(Grant), responses: { 201: json(GrantOut, '已授予', grantExample), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => createGrant(ctx, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'post', path: '/{id}/revoke', tags, summary: '撤销授权（立即失效，依附于它的再下放一并撤销）',
    request: { params: z.object({ id: z.string().uuid('授权编号格式不正确').openapi({ param: { name: 'id', in: 'path' } }) }),
      ...body(z.strictObject({ reason: z.string().trim().min(1, '请填写撤销理由').max(1000) })) },
    responses: { 200: json(GrantOut, '已撤销（revokedAt、revokeReason 已填）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => revokeGrant(ctx, c.req.valid('param').id, c.req.valid('json').reason)), 200))

/** Mounted at /api/units. */
export const unitPowers = router()
  .openapi(createRoute({
    method: 'get', path: '/{code}/grants', tags, summary: '单位授出（direction=given）或获得（direction=received）的授权',
    description: '按创建时间升序（先授予的在前，同一时刻按编号）分页；授出的与获得的分别翻页（控制台两张表各自加载更多）。',
    request: { params: Params, query: z.object({ ...pageQuery,
      direction: z.enum(['given', 'received'], { error: 'direction 应为 given（授出的）或 received（获得的）' }).default('given')
        .openapi({ description: 'given：本单位授出的（缺省）；received：本单位获得的' }) }) },
    responses: { 200: json(page(GrantOut, 'GrantPage'), '授权（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listGrants(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/powers', tags, summary: '单位的有效权力（逐事项列出权限与来源）',
    description: '按事项编码升序，同一事项按来源（delegation、entrustment、statutory）和授权编号排序，分页。',
    request: { params: Params, query: z.object({ ...pageQuery, at: DateStr.optional() }) }, responses: { 200: json(page(Holding, 'HoldingPage'), '有效权力：逐事项、逐来源'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => unitHoldings(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/powers/mine', tags, summary: '我可以行使的权限（单位持有且本人所在窗口获授权）',
    description: '按事项编码升序分页；非本人所在单位为空。',
    request: { params: Params, query: z.object(pageQuery) }, responses: { 200: json(page(MyRights, 'MatterRightsPage'), '逐事项的权限'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => myMatterRights(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/windows', tags: ['窗口'], summary: '大厅窗口、人员与窗口授权',
    description: '按窗口号升序分页。',
    request: { params: Params, query: z.object(pageQuery) }, responses: { 200: json(page(WindowOut, 'WindowPage'), '窗口（按窗口号升序）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listWindows(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/windows', tags: ['窗口'], summary: '新增窗口',
    request: { params: Params, ...body(WindowInput) },
    responses: { 201: json(WindowOut, '已新增'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => createWindow(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'put', path: '/{code}/windows/{windowId}/staff', tags: ['窗口'], summary: '安排窗口人员（本单位人员）',
    request: { params: WindowParams, ...body(z.strictObject({ userIds: z.array(z.string().uuid()).max(100) })) },
    responses: { 200: json(WindowOut, '已保存：窗口及其人员'), ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => setWindowStaff(ctx, p.code, p.windowId, c.req.valid('json').userIds)), 200)
  })
  .openapi(createRoute({
    method: 'put', path: '/{code}/windows/{windowId}/rights', tags: ['窗口'], summary: '窗口授权（不超出本单位持有的权限）',
    request: { params: WindowParams, ...body(WindowRightsInput) },
    responses: { 200: json(WindowOut, '已保存：窗口及其授权'), ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => setWindowRights(ctx, p.code, p.windowId, c.req.valid('json').rights)), 200)
  })
