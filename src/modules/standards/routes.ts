// Building standards (标准化建设): checklists per tier, self-reports and inspections, evidence
// files, rectification tasks and the supervision roll-ups. Mounted at /api/units
// (`standards`) and /api/rectifications (`rectifications`).
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { asActor, type AppEnv } from '../../platform/context.js'
import { AppError } from '../../platform/errors.js'
import { body, errorResponses, json, Problem, router, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { EVIDENCE_TYPES, readEvidence, uploadEvidence } from './evidence.js'
import { fileInspection, listInspections } from './inspections.js'
import { listRectifications, openRectification, reopenTask, reportFix, verifyTask } from './rectifications.js'
import {
  EvidenceParams, IdParams, InspectionInput, InspectionsQuery, OpenRectification, Params, PublishInput, RectificationsQuery,
  Reopen, ReportFix, TemplateBody, TIER_NAMES, TIERS, UploadQuery, Verify,
} from './schemas.js'
import { listStations, standardsSummary } from './supervision.js'
import { Evidence, FiledInspection, Inspection, Rectification, StandardsSummary, Stations, TemplateDraft, TemplateOut, TemplateVersion } from './responses.js'
import { getTemplate, publishTemplate, saveTemplate } from './templates.js'

const tags = ['标准化建设']
const Binary = z.string().openapi({ type: 'string', format: 'binary' })
const files = Object.fromEntries(EVIDENCE_TYPES.map((t) => [t, { schema: Binary }]))

const storageOf = (c: Context<AppEnv>) => {
  const s = c.get('deps').storage
  if (!s) throw new AppError(503, 'storage-unavailable', '文件存储不可用', '服务器未配置证明材料的文件存储')
  return s
}

export const standards = router()

// One route per tier (not a {tier} parameter): the paths say which checklist they are.
for (const tier of TIERS) {
  const path = `/{code}/standards/templates/${tier}`
  standards
    .openapi(createRoute({
      method: 'get', path, tags, summary: `${TIER_NAMES[tier]}建设标准清单（本单位草稿、已发布版本、本辖区现行清单）`,
      request: { params: Params }, responses: { 200: json(TemplateOut, '清单'), ...errorResponses },
    }), async (c) => c.json(await asActor(c, (ctx) => getTemplate(ctx, c.req.valid('param').code, tier)), 200))
    .openapi(createRoute({
      method: 'put', path, tags, summary: `保存${TIER_NAMES[tier]}清单草稿（市级定基准；县、乡只能增加项目或提高要求）`,
      request: { params: Params, ...body(TemplateBody) }, responses: { 200: json(TemplateDraft, '已保存草稿'), ...errorResponses },
    }), async (c) => c.json(await asActor(c, (ctx) => saveTemplate(ctx, c.req.valid('param').code, tier, c.req.valid('json'))), 200))
    .openapi(createRoute({
      method: 'post', path: `${path}/publish`, tags, summary: `发布${TIER_NAMES[tier]}清单新版本（即时生效，发布后不可修改）`,
      request: { params: Params, ...body(PublishInput) }, responses: { 201: json(TemplateVersion, '已发布'), ...errorResponses },
    }), async (c) => c.json(await asActor(c, (ctx) => publishTemplate(ctx, c.req.valid('param').code, tier, c.req.valid('json').note)), 201))
}

standards
  .openapi(createRoute({
    method: 'post', path: '/{code}/self-reports', tags, summary: '填报自评（按现行清单逐项填写，计算得分与档次；不计入统计）',
    request: { params: Params, ...body(InspectionInput) }, responses: { 201: json(FiledInspection, '自评'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => fileInspection(ctx, c.req.valid('param').code, 'self_report', c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'post', path: '/{code}/inspections', tags, summary: '检查下级中心或工作站（代码为被检查单位；不合格项自动生成整改任务）',
    request: { params: Params, ...body(InspectionInput) }, responses: { 201: json(FiledInspection, '检查记录'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => fileInspection(ctx, c.req.valid('param').code, 'inspection', c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/inspections', tags, summary: '检查与自评记录（分页，新的在前）',
    description: '按检查日期倒序排列（同日按录入时间倒序）；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: InspectionsQuery }, responses: { 200: json(page(Inspection, 'InspectionPage'), '记录（一页，新的在前）'), ...errorResponses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listInspections(ctx, c.req.valid('param').code,
      { kind: q.kind, subtree: q.subtree === 'true', limit: q.limit, cursor: q.cursor })), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/rectifications', tags, summary: '整改任务（分页；缺省含全部下级；overdue=true 只列逾期的）',
    description: '按整改期限升序排列（同一期限按单位代码、再按任务编号）；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: RectificationsQuery }, responses: { 200: json(page(Rectification, 'RectificationPage'), '整改任务（一页，按期限、单位排序）'), ...errorResponses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listRectifications(ctx, c.req.valid('param').code,
      { status: q.status, overdue: q.overdue === 'true', subtree: q.subtree !== 'false', limit: q.limit, cursor: q.cursor })), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/{code}/rectifications', tags, summary: '上级下达整改任务（如明查暗访发现的问题）',
    request: { params: Params, ...body(OpenRectification) }, responses: { 201: json(Rectification, '整改任务'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => openRectification(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/standards/summary', tags, summary: '本辖区建成率、规范化率（对照目标），下级按差距排序',
    request: { params: Params }, responses: { 200: json(StandardsSummary, '统计'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => standardsSummary(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/stations', tags, summary: '下级站点一览：最新档次、整改与逾期、人员（乡镇看村，县看乡镇）',
    request: { params: Params }, responses: { 200: json(Stations, '站点'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listStations(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/evidence', tags,
    summary: '上传证明材料（请求体即文件：JPEG、PNG 或 PDF，不超过 10 MiB；类型按文件内容判定）',
    request: { params: Params, query: UploadQuery, body: { required: true, content: files } },
    responses: { 201: json(Evidence, '已上传'), ...errorResponses,
      413: { description: '文件超过 10 MiB', content: { 'application/problem+json': { schema: Problem } } },
      415: { description: '不是 JPEG、PNG 或 PDF，或与声明的类型不符', content: { 'application/problem+json': { schema: Problem } } } },
  }), async (c) => {
    const storage = storageOf(c)
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const written: string[] = []
    try {
      return c.json(await asActor(c, (ctx) => uploadEvidence(ctx, storage, c.req.valid('param').code,
        { bytes, declaredType: c.req.header('content-type'), filename: c.req.valid('query').filename }, written)), 201)
    } catch (e) {
      // Nothing is left behind: the row rolled back with the transaction, the file goes too.
      await Promise.all(written.map((k) => storage.delete(k).catch(() => {})))
      throw e
    }
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/evidence/{evidenceId}', tags, summary: '下载证明材料',
    request: { params: EvidenceParams }, responses: { 200: { description: '文件', content: files }, ...errorResponses },
  }), async (c) => {
    const p = c.req.valid('param')
    const f = await asActor(c, (ctx) => readEvidence(ctx, storageOf(c), p.code, p.evidenceId))
    const name = encodeURIComponent(f.filename ?? `${f.id}.${f.contentType.split('/')[1]}`)
    return c.body(f.bytes as any, 200, {
      'content-type': f.contentType, 'content-length': String(f.bytes.length),
      // Served from our origin: never sniffed, never active content, PDFs downloaded rather than rendered inline.
      'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `${f.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${name}`,
      'cache-control': 'private, max-age=3600',
    }) as any
  })

/** Mounted at /api/rectifications: acting on one task. */
export const rectifications = router()
  .openapi(createRoute({
    method: 'post', path: '/{id}/report', tags, summary: '上报整改情况（附整改后照片或文件）',
    request: { params: IdParams, ...body(ReportFix) }, responses: { 200: json(Rectification, '整改任务'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => reportFix(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/reopen', tags, summary: '退回整改（核验不通过；可重新给定期限）',
    request: { params: IdParams, ...body(Reopen) }, responses: { 200: json(Rectification, '整改任务'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => reopenTask(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/verify', tags, summary: '核验通过（或现场复核确认已整改）',
    request: { params: IdParams, ...body(Verify) }, responses: { 200: json(Rectification, '整改任务'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => verifyTask(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
