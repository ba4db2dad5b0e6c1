import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, errorResponses, json, router } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { CodeParams, CreateUnit, ImportResult, ImportUnits, ListQuery, Unit, UpdateUnit } from './schemas.js'
import { createUnit, getUnit, importUnits, listChildren, updateUnit } from './service.js'

const tags = ['单位（租户树）']

export const units = router()
  .openapi(createRoute({
    method: 'get', path: '/{code}', tags, summary: '查看单位', request: { params: CodeParams },
    responses: { 200: json(Unit, '单位'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => getUnit(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/children', tags, summary: '下级单位列表（分页，按区划代码升序）',
    description: '按区划代码升序分页；默认只列启用的单位，includeInactive=true 时含已停用的。',
    request: { params: CodeParams, query: ListQuery },
    responses: { 200: json(page(Unit, 'UnitPage'), '下级单位（一页）'), ...errorResponses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listChildren(ctx, c.req.valid('param').code,
      { includeInactive: q.includeInactive === 'true', limit: q.limit, cursor: q.cursor })), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/', tags, summary: '创建下级单位（层级由代码决定，须与上级相符）',
    request: body(CreateUnit),
    responses: { 201: json(Unit, '已创建'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => createUnit(ctx, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'patch', path: '/{code}', tags, summary: '修改单位（名称、服务站点名称、停用/启用、扩权强镇）',
    request: { params: CodeParams, ...body(UpdateUnit) },
    responses: { 200: json(Unit, '已修改'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => updateUnit(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/import', tags, summary: '批量导入下级单位（租户包，幂等）',
    request: { params: CodeParams, ...body(ImportUnits) },
    responses: { 200: json(ImportResult, '导入结果'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => importUnits(ctx, c.req.valid('param').code, c.req.valid('json').units)), 200))
