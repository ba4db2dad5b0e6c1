// Routes of case handling: /api/cases (staff), /api/units/{code}/calendar/… and the public
// online intake and tracking under /api/public/cases. Each route validates, then calls a verb.
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, Problem, router, z } from '../../platform/openapi.js'
import { acceptCase, forwardCase, rejectCase, requestSupplement, supplement } from './acceptance.js'
import { setOverride, workingDays } from './calendar.js'
import { payFees } from './fees.js'
import { intakeStaff } from './intake.js'
import { decidePart, openConsultation } from './parallel.js'
import { getCase, listCases } from './queries.js'
import { Bodies, Consultation, DayParam, IdParams, IntakeBody, ListQuery, OnlineIntakeBody, OverrideBody, PartDecision, PartParams, WorkingDaysQuery } from './schemas.js'
import { certifyCase, decideCase, deliverCase, extendCase, resumeCase, reviewCase, suspendCase } from './steps.js'
import { submitOnline, supplementByReceipt, trackByReceipt } from './public.js'
import { storeUpload } from './uploads.js'
import { AppError } from '../../platform/errors.js'
import { ACTION_RESULTS, ApplicantSupplement, CalendarOverride, CaseDetail, CaseList, CaseProgress, CaseReceipt, ConsultationOpened, PartDecided, WorkingDays } from './responses.js'
import type { Ctx } from '../../platform/context.js'

const tags = ['办件']
const Headers = z.object({ 'idempotency-key': z.string().trim().min(1).max(200).optional().describe('重试安全：同一键同一内容返回同一办件') })
const responses = { ...errorResponses, 422: { description: '不符合办理规则', content: { 'application/problem+json': { schema: Problem } } } }

type Verb = (ctx: Ctx, id: string, input: any) => Promise<unknown>
const ACTIONS: [keyof typeof Bodies, string, Verb][] = [
  ['accept', '受理（出具受理凭证；进驻大厅的事项只能由窗口受理）', (ctx, id) => acceptCase(ctx, id)],
  ['request-supplement', '一次性告知需补正的全部内容', requestSupplement],
  ['supplement', '申请人补正材料（恢复办理）', supplement],
  ['reject', '不予受理（须说明理由和救济途径）', rejectCase],
  ['forward', '转报有权办理的上级单位（保留轨迹）', forwardCase],
  ['suspend', '中止计时（听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审、补正）', suspendCase],
  ['resume', '恢复计时（顺延中止的工作日）', resumeCase],
  ['extend', '延长期限一次（审批负责人批准；单项 10、并联 15 个工作日）', extendCase],
  ['review', '审核', reviewCase],
  ['decide', '作出决定（准予/不予许可；受委托的以委托机关名义）', decideCase],
  ['certify', '制证（费用缴清后）', certifyCase],
  ['pay', '缴费（一个窗口、一张票据）或依据减免', payFees],
  ['deliver', '送达（领取、邮寄、电子）', deliverCase],
]

/** Mounted at /api/cases. */
export const cases = router()
  .openapi(createRoute({
    method: 'post', path: '/', tags, summary: '收件（窗口或村代办）：核验身份证号/统一社会信用代码与材料清单',
    request: { headers: Headers, ...body(IntakeBody) }, responses: { 200: json(CaseReceipt, '重试：同一办件'), 201: json(CaseReceipt, '已收件'), ...responses },
  }), async (c) => {
    const [status, out] = await asActor(c, (ctx) => intakeStaff(ctx, c.req.valid('json'), c.req.valid('header')['idempotency-key']))
    return c.json(out, status)
  })
  .openapi(createRoute({
    method: 'get', path: '/', tags, summary: '办件列表（本辖区，个人信息脱敏）', description: '按收件时间倒序（最新的在前，同一时刻按编号倒序）分页。',
    request: { query: ListQuery }, responses: { 200: json(CaseList, '办件'), ...responses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listCases(ctx, { ...q, deemed: q.deemed === undefined ? undefined : q.deemed === 'true' })), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/{id}', tags, summary: '办件详情：状态、期限、材料、并联意见、费用与全部轨迹',
    request: { params: IdParams }, responses: { 200: json(CaseDetail, '办件'), ...responses },
  }), async (c) => c.json(await asActor(c, (ctx) => getCase(ctx, c.req.valid('param').id)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/consultations', tags, summary: '并联审批：牵头部门发出征求意见（各自期限）',
    request: { params: IdParams, ...body(Consultation) }, responses: { 201: json(ConsultationOpened, '已发出'), ...responses },
  }), async (c) => c.json(await asActor(c, (ctx) => openConsultation(ctx, c.req.valid('param').id, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'post', path: '/{id}/consultations/{partId}/decide', tags, summary: '并联审批：协办部门就本部门事项作出意见',
    request: { params: PartParams, ...body(PartDecision) }, responses: { 200: json(PartDecided, '已作出意见'), ...responses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => decidePart(ctx, p.id, p.partId, c.req.valid('json'))), 200)
  })

for (const [action, summary, verb] of ACTIONS) {
  cases.openapi(createRoute({
    method: 'post', path: `/{id}/${action}`, tags, summary,
    request: { params: IdParams, ...body(Bodies[action]) }, responses: { 200: json(ACTION_RESULTS[action], '已办理'), ...responses },
  }), async (c) => c.json(await asActor(c, (ctx) => verb(ctx, c.req.valid('param').id, c.req.valid('json'))), 200) as any)
}

/** Mounted at /api/units. */
export const unitCalendar = router()
  .openapi(createRoute({
    method: 'get', path: '/{code}/calendar/working-days', tags: ['工作日历'], summary: '自某日起 N 个工作日的到期日（当日不计；非工作日起算顺延）',
    request: { params: z.object({ code: CodeParam }), query: WorkingDaysQuery }, responses: { 200: json(WorkingDays, '到期日'), ...responses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => workingDays(ctx, c.req.valid('param').code, q.from, q.days)), 200)
  })
  .openapi(createRoute({
    method: 'put', path: '/{code}/calendar/overrides/{day}', tags: ['工作日历'], summary: '本地节假日或调休工作日（本辖区在办件期限随之重算）',
    request: { params: z.object({ code: CodeParam, day: DayParam }), ...body(OverrideBody) }, responses: { 200: json(CalendarOverride, '已保存'), ...responses },
  }), async (c) => {
    const p = c.req.valid('param')
    return c.json(await asActor(c, (ctx) => setOverride(ctx, p.code, p.day, c.req.valid('json'))), 200)
  })

const ReceiptParam = z.string().regex(/^[0-9]{12}-[0-9]{8}-[0-9]{5}$/, '受理编号格式不正确').openapi({ param: { name: 'receiptNo', in: 'path' }, example: '341502001000-20261124-00001' })

const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
const Binary = z.string().openapi({ type: 'string', format: 'binary' })
export const Upload = z.object({
  fileId: z.string().uuid().describe('文件编号：在申请或补正的材料中引用（materials[].files）'),
  contentType: z.enum(UPLOAD_TYPES).describe('按文件内容判定的类型'),
  size: z.number().int().describe('字节数'),
  sha256: z.string().describe('文件摘要（SHA-256，十六进制）'),
}).openapi('CaseUpload')

/** Mounted at /api/public (before the cacheable public routes: nothing here is cached). */
export const publicCases = router()
  .openapi(createRoute({
    method: 'post', path: '/units/{code}/uploads', tags: ['公开（无需登录）'], security: [],
    summary: '上传申请材料文件（请求体即文件：JPEG、PNG 或 PDF，不超过 10 MiB；类型按文件内容判定），返回文件编号供网上申请、补正引用',
    request: { params: z.object({ code: CodeParam }), query: z.object({ filename: z.string().max(200).optional().describe('原文件名（仅作显示）') }),
      body: { required: true, content: Object.fromEntries(UPLOAD_TYPES.map((t) => [t, { schema: Binary }])) } },
    responses: { 201: json(Upload, '已上传'), ...responses,
      413: { description: '文件超过 10 MiB', content: { 'application/problem+json': { schema: Problem } } },
      415: { description: '不是 JPEG、PNG 或 PDF，或与声明的类型不符', content: { 'application/problem+json': { schema: Problem } } } },
  }), async (c) => {
    const storage = c.get('deps').storage
    if (!storage) throw new AppError(503, 'storage-unavailable', '文件存储不可用', '服务器未配置文件存储')
    const out = await storeUpload({ db: c.get('db'), storage, now: c.get('deps').clock.now() }, {
      unitCode: c.req.valid('param').code, bytes: new Uint8Array(await c.req.arrayBuffer()),
      contentType: c.req.header('content-type'), filename: c.req.valid('query').filename })
    c.header('cache-control', 'no-store')
    return c.json(out, 201)
  })
  .openapi(createRoute({
    method: 'post', path: '/cases', tags: ['公开（无需登录）'], summary: '网上申请（无需注册）：返回受理编号和查询码（只显示一次）', security: [],
    request: { headers: Headers, ...body(OnlineIntakeBody) }, responses: { 200: json(CaseReceipt, '重试：同一办件'), 201: json(CaseReceipt, '已收件（查询码只显示一次）'), ...responses },
  }), async (c) => {
    const input = c.req.valid('json')
    const [status, out] = await submitOnline(c.get('db'), c.get('deps').clock.now(), input, c.req.valid('header')['idempotency-key'])
    c.header('cache-control', 'no-store')
    return c.json(out, status)
  })
  .openapi(createRoute({
    method: 'post', path: '/cases/{receiptNo}/supplement', tags: ['公开（无需登录）'], security: [],
    summary: '申请人网上补正（按一次性告知书提交所缺材料；受理编号 + 查询码），补正后恢复办理',
    request: { params: z.object({ receiptNo: ReceiptParam }),
      ...body(Bodies.supplement.extend({ queryCode: z.string().trim().min(1, '请输入查询码').max(20) })) },
    responses: { 200: json(ApplicantSupplement, '已补正'), ...responses },
  }), async (c) => {
    const out = await supplementByReceipt(c.get('db'), c.get('deps').clock.now(), c.req.valid('param').receiptNo, c.req.valid('json'))
    c.header('cache-control', 'no-store')
    return c.json(out, 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/cases/{receiptNo}', tags: ['公开（无需登录）'], summary: '办件进度查询（受理编号 + 查询码；不显示个人信息）', security: [],
    request: { params: z.object({ receiptNo: ReceiptParam }), query: z.object({ queryCode: z.string().trim().min(1, '请输入查询码').max(20) }) },
    responses: { 200: json(CaseProgress, '进度'), ...responses },
  }), async (c) => {
    const out = await trackByReceipt(c.get('db'), c.get('deps').clock.now(), c.req.valid('param').receiptNo, c.req.valid('query').queryCode)
    c.header('cache-control', 'no-store')
    return c.json(out, 200)
  })
