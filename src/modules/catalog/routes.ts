import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page, pageQuery } from '../../platform/paging.js'
import { isValidDate } from '../../platform/time.js'
import { MatterCode, MatterElements } from './matter-schema.js'
import { CatalogMatter, CatalogVersion, DraftItem, DraftMatter, HallEntry, MatterDetail } from './responses.js'
import { listHallEntries } from './hall-entries.js'
import { getMatter, listDraft, listMatters, listVersions, publish, removeDraft, saveDraft, setHallEntry } from './service.js'

const tags = ['事项目录']
const Params = z.object({ code: CodeParam })
const MatterParams = z.object({ code: CodeParam, matterCode: MatterCode })
export const AtQuery = z.object({
  at: z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD').optional().describe('查询该日生效的目录（缺省为今天，北京时间）'),
})
// Exported: the tenant pack validator checks hall.json against it.
export const HallEntryInput = z.strictObject({
  inHall: z.boolean(), office: z.string().max(200).optional(), address: z.string().max(200).optional(),
  phone: z.string().max(50).optional(), approvalDocument: z.string().max(200).optional(),
})

export const catalog = router()
  .openapi(createRoute({
    method: 'get', path: '/{code}/matters', tags, summary: '单位的事项目录（已发布，按层级就近取用；?at= 查历史）',
    description: '按事项编码升序分页；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: AtQuery.extend(pageQuery) }, responses: { 200: json(page(CatalogMatter, 'CatalogMatterPage'), '事项（按事项编码升序）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listMatters(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/matters', tags, summary: '新增事项草稿（本级新增或实施上级事项）',
    request: { params: Params, ...body(MatterElements.extend({ matterCode: MatterCode })) },
    responses: { 201: json(DraftMatter, '已保存草稿'), ...errorResponses },
  }), async (c) => {
    const { matterCode, ...m } = c.req.valid('json')
    return c.json(await asActor(c, (ctx) => saveDraft(ctx, c.req.valid('param').code, matterCode, m, 'create')), 201)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/matters/{matterCode}', tags, summary: '事项详情（已发布版本及本单位草稿）',
    request: { params: MatterParams, query: AtQuery }, responses: { 200: json(MatterDetail, '事项'), ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => getMatter(ctx, p.code, p.matterCode, c.req.valid('query').at)), 200)
  })
  .openapi(createRoute({
    method: 'put', path: '/{code}/matters/{matterCode}', tags, summary: '保存事项草稿（下级只能收紧，不能放宽上级确定的要素）',
    request: { params: MatterParams, ...body(MatterElements) }, responses: { 200: json(DraftMatter, '已保存草稿'), ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => saveDraft(ctx, p.code, p.matterCode, c.req.valid('json'), 'upsert')), 200)
  })
  .openapi(createRoute({
    method: 'delete', path: '/{code}/matters/{matterCode}', tags, summary: '从草稿中移除事项（发布后生效）',
    request: { params: MatterParams }, responses: { 204: { description: '已移除' }, ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    await asActor(c, (ctx) => removeDraft(ctx, p.code, p.matterCode))
    return c.body(null, 204)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/catalog/draft', tags, summary: '本单位目录草稿（工作副本）',
    description: '按事项编码升序分页；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: z.object(pageQuery) }, responses: { 200: json(page(DraftItem, 'DraftItemPage'), '草稿（按事项编码升序）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listDraft(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/catalog/publish', tags, summary: '发布目录新版本（编号、注明生效日期，发布后不可修改）',
    request: { params: Params, ...body(z.strictObject({
      effectiveFrom: z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD').optional(),
      note: z.string().max(500).optional(),
    })) },
    responses: { 201: json(CatalogVersion, '已发布'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => publish(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/catalog/versions', tags, summary: '目录版本列表',
    description: '按版本号倒序（新的在前）分页；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: z.object(pageQuery) }, responses: { 200: json(page(CatalogVersion, 'CatalogVersionPage'), '版本（新的在前）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listVersions(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'put', path: '/{code}/matters/{matterCode}/hall', tags, summary: '进驻大厅情况（不进驻须县级中心管理员批准并公布办理地点）',
    request: { params: MatterParams, ...body(HallEntryInput) },
    responses: { 200: json(HallEntry, '已保存'), ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => setHallEntry(ctx, p.code, p.matterCode, c.req.valid('json'))), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/hall-entries', tags, summary: '进驻事项与经批准的不进驻事项（按事项编码分页）',
    description: '按事项编码升序排列；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: z.object({ ...pageQuery, inHall: z.enum(['true', 'false'], { error: 'inHall 应为 true 或 false' }).optional()
      .openapi({ description: 'true：只列进驻大厅的；false：只列经批准不进驻的' }) }) },
    responses: { 200: json(page(HallEntry.extend({
      approvedByName: z.string().nullable().openapi({ description: '批准人姓名' }), approvedAt: z.string().nullable().openapi({ description: '批准时间' }),
    }), 'HallEntryPage'), '进驻情况'), ...errorResponses },
  }), async (c) => {
    const { inHall, ...q } = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listHallEntries(ctx, c.req.valid('param').code, { ...q, inHall: inHall === undefined ? undefined : inHall === 'true' })), 200)
  })
