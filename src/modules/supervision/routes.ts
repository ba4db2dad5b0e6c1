// Supervision (电子监察) routes. Mounted at /api/units (`supervision`), /api/complaints,
// /api/evaluations, /api/reports (actions on one record) and /api/public (`publicSupervision`:
// complaints and evaluations from citizens, no login).
import { createRoute } from '@hono/zod-openapi'
import { page, pageQuery } from '../../platform/paging.js'
import type { Context } from 'hono'
import { asActor, type AppEnv } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { isValidDate, shanghaiDate } from '../../platform/time.js'
import { asPublicUnit } from '../units/index.js'
import { listAssessments, getScheme, putScheme, runAssessment } from './assessments.js'
import { verifyForUnit } from './audit.js'
import { answerComplaint, followComplaint, listComplaints, rateComplaint, submitComplaint } from './complaints.js'
import { supervisionExtensions } from './extensions.js'
import { answerRectification, appealEvaluation, decideAppeal, evaluationUnit, issueVisit, listEvaluations, submitEvaluation } from './evaluations.js'
import { supervisionFigures } from './figures.js'
import { evaluationFigures } from './public-figures.js'
import { listFindings, recordFinding } from './findings.js'
import { decideReport, getReport, listReports, reportCsv, reportXlsx, saveReport, submitReport } from './reports.js'
import {
  AnswerInput, AppealInput, AssessmentInput, ComplaintInput, ComplaintsQuery, DecideAppealInput, DecisionInput, EvaluationInput,
  EvaluationsQuery, FindingInput, IdParams, Month, Params, QueryCode, RatingInput, RectifyInput, ReportInput, ReportParams,
  ReturnInput, SchemeInput, SettingsInput, TrackingParams, VisitInput,
} from './schemas.js'
import { getSettings, putSettings } from './settings.js'
import {
  Assessment, Assessments, AssessmentScheme, AuditVerification, Complaint, ComplaintProgress, ComplaintReceipt, Evaluation, EvaluationFigures, EvaluationReceipt,
  Finding, FindingRow, NamedReport, Report, SupervisionFigures, SupervisionSettings, VisitSlip,
} from './responses.js'

const tags = ['电子监察']
const Day = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')
const RangeQuery = z.object({ from: Day.optional().describe('起始日（含），缺省本月 1 日'), to: Day.optional().describe('截止日（含），缺省今天') })

function rangeOf(c: Context<AppEnv>, q: { from?: string; to?: string }) {
  const today = shanghaiDate(c.get('deps').clock.now())
  const from = q.from ?? `${today.slice(0, 7)}-01`, to = q.to ?? today
  if (from > to) throw new Invalid('起始日不能晚于截止日', [{ field: 'from', message: '应不晚于 to' }])
  return { from, to }
}

export const supervision = router()
  .openapi(createRoute({
    method: 'get', path: '/{code}/audit/verify', tags, summary: '校验审计日志哈希链（按市成链；市级看全链，下级看是否完整及本辖区条数）',
    request: { params: Params }, responses: { 200: json(AuditVerification, '校验结果'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => verifyForUnit(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/settings', tags, summary: '监察时限设置（本级或最近的上级设置，缺省投诉 10、差评整改 15 个工作日）',
    request: { params: Params }, responses: { 200: json(SupervisionSettings, '设置'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => getSettings(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'put', path: '/{code}/supervision/settings', tags, summary: '设置本辖区的投诉答复、差评整改时限（工作日）',
    request: { params: Params, ...body(SettingsInput) }, responses: { 200: json(SupervisionSettings, '设置'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => putSettings(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/complaints', tags, summary: '投诉（分页；缺省含全部下级；联系电话已脱敏）',
    description: '按收到日期倒序（最新的在前；同日按登记时间、编号倒序）分页。',
    request: { params: Params, query: ComplaintsQuery }, responses: { 200: json(page(Complaint, 'ComplaintPage'), '投诉（一页）'), ...errorResponses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listComplaints(ctx, c.req.valid('param').code,
      { status: q.status, overdue: q.overdue === 'true', subtree: q.subtree !== 'false', limit: q.limit, cursor: q.cursor })), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/{code}/visits', tags, summary: '窗口出具办事凭条（含评价码，群众凭此评价一次）',
    request: { params: Params, ...body(VisitInput) }, responses: { 201: json(VisitSlip, '办事凭条'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => issueVisit(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/evaluations', tags, summary: '好差评（分页；含全部下级）：差评整改与申诉情况',
    description: '按评价日期倒序（新的在前；同日按登记时间、编号倒序）分页。',
    request: { params: Params, query: EvaluationsQuery }, responses: { 200: json(page(Evaluation, 'EvaluationPage'), '评价（一页）'), ...errorResponses },
  }), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listEvaluations(ctx, c.req.valid('param').code,
      { negative: q.negative === undefined ? undefined : q.negative === 'true', appealPending: q.appeal === 'pending', limit: q.limit, cursor: q.cursor })), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/{code}/inspection-findings', tags, summary: '记录明查暗访发现的问题（上级检查人员或中心管理员）',
    request: { params: Params, ...body(FindingInput) }, responses: { 201: json(Finding, '发现'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => recordFinding(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/findings', tags, summary: '监察发现：明查暗访、越权操作记录（办件异常由办件模块接入）',
    description: '按日期倒序（新的在前），同一天先列越权操作记录、再列明查暗访，分页。',
    request: { params: Params, query: RangeQuery.extend(pageQuery) }, responses: { 200: json(page(FindingRow, 'FindingPage'), '发现（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listFindings(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/figures', tags, summary: '监察统计（投诉、好差评、明查暗访、标准化）：本辖区合计、本级、各下级',
    request: { params: Params, query: RangeQuery }, responses: { 200: json(SupervisionFigures, '统计'), ...errorResponses },
  }), async (c) => {
    const { from, to } = rangeOf(c, c.req.valid('query'))
    return c.json(await asActor(c, (ctx) => supervisionFigures(ctx, supervisionExtensions(c), c.req.valid('param').code, from, to)), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/assessment-scheme', tags, summary: '考核方案（未设置时为缺省方案）',
    request: { params: Params }, responses: { 200: json(AssessmentScheme, '方案'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => getScheme(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'put', path: '/{code}/assessment-scheme', tags, summary: '设置考核方案：各项权重与 优秀/良好/合格 分档线',
    request: { params: Params, ...body(SchemeInput) }, responses: { 200: json(AssessmentScheme, '方案'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => putScheme(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/assessments', tags, summary: '组织一期考核：计算每个下级的得分与等次并公布（每期一次）',
    request: { params: Params, ...body(AssessmentInput) }, responses: { 201: json(Assessment, '考核结果'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => runAssessment(ctx, supervisionExtensions(c), c.req.valid('param').code, c.req.valid('json').period)), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/assessments', tags, summary: '本单位组织的考核及结果，和本单位被上级考核的结果',
    request: { params: Params }, responses: { 200: json(Assessments, '考核'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listAssessments(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/reports', tags, summary: '生成（或刷新草稿）月度统计报表：自动统计 + 手工填报项',
    request: { params: Params, ...body(ReportInput) }, responses: { 200: json(Report, '已刷新草稿'), 201: json(Report, '报表'), ...errorResponses },
  }), async (c) => {
    const r = await asActor(c, (ctx) => saveReport(ctx, supervisionExtensions(c), c.req.valid('param').code, c.req.valid('json') as any))
    return c.json(r.report, r.created ? 201 : 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/{code}/reports', tags, summary: '本单位和直属下级的统计报表（分页）',
    description: '按报表月份倒序排列（同一月份按单位代码升序）；用 limit 和上一页的 next（cursor）翻页。',
    request: { params: Params, query: z.object({ period: Month.optional(), ...pageQuery }) }, responses: { 200: json(page(NamedReport, 'NamedReportPage'), '报表（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listReports(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))

export const complaintActions = router()
  .openapi(createRoute({
    method: 'post', path: '/{id}/answer', tags, summary: '答复投诉（承办单位；逾期升级后由上级答复）',
    request: { params: IdParams, ...body(AnswerInput) }, responses: { 200: json(Complaint, '投诉'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => answerComplaint(ctx, c.req.valid('param').id, c.req.valid('json').answer)), 200))

export const evaluationActions = router()
  .openapi(createRoute({
    method: 'post', path: '/{id}/rectification', tags, summary: '答复差评整改',
    request: { params: IdParams, ...body(RectifyInput) }, responses: { 200: json(Evaluation, '评价'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => answerRectification(ctx, c.req.valid('param').id, c.req.valid('json').answer)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/appeal', tags, summary: '对恶意或错误的差评申诉（说明理由）',
    request: { params: IdParams, ...body(AppealInput) }, responses: { 200: json(Evaluation, '评价'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => appealEvaluation(ctx, c.req.valid('param').id, c.req.valid('json').reason)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/appeal/decide', tags, summary: '上级裁定申诉（成立则该评价不计入统计）',
    request: { params: IdParams, ...body(DecideAppealInput) }, responses: { 200: json(Evaluation, '评价'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => decideAppeal(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const reportActions = router()
  .openapi(createRoute({
    method: 'get', path: '/{id}', tags, summary: '一份统计报表；编号加 .csv 或 .xlsx 后缀即导出文件',
    request: { params: ReportParams },
    responses: { 200: { description: '报表', content: { 'application/json': { schema: NamedReport }, 'text/csv': { schema: z.string() },
      [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } }, ...errorResponses },
  }), async (c) => {
    const [id, ext] = c.req.valid('param').id.split('.')
    const r = await asActor(c, (ctx) => getReport(ctx, id))
    if (!ext) return c.json(r, 200)
    const name = encodeURIComponent(`${r.name}-${r.period}-统计报表.${ext}`)
    const headers = { 'content-disposition': `attachment; filename*=UTF-8''${name}`, 'cache-control': 'private, no-store' }
    if (ext === 'csv') return c.body(reportCsv(r, supervisionExtensions(c)), 200, { ...headers, 'content-type': 'text/csv; charset=utf-8' }) as any
    return c.body(reportXlsx(r, supervisionExtensions(c)) as any, 200, { ...headers, 'content-type': XLSX }) as any
  })
  .openapi(createRoute({
    method: 'post', path: '/{id}/submit', tags, summary: '上报报表（草稿或被退回的报表）',
    request: { params: IdParams, ...body(DecisionInput) }, responses: { 200: json(Report, '报表'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => submitReport(ctx, c.req.valid('param').id)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/approve', tags, summary: '上级审核通过',
    request: { params: IdParams, ...body(DecisionInput) }, responses: { 200: json(Report, '报表'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => decideReport(ctx, c.req.valid('param').id, 'approve', c.req.valid('json').note)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/return', tags, summary: '上级退回（须说明理由）',
    request: { params: IdParams, ...body(ReturnInput) }, responses: { 200: json(Report, '报表'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => decideReport(ctx, c.req.valid('param').id, 'return', c.req.valid('json').note)), 200))

// Public: each request runs in the scope of the unit concerned (from the body or the number), through units' asPublicUnit.
const ptags = ['公开（无需登录）']
const noStore = (c: Context<AppEnv>) => c.header('cache-control', 'no-store')

export const publicSupervision = router()
  .openapi(createRoute({
    method: 'post', path: '/complaints', tags: ptags, security: [], summary: '投诉（无需登录）：返回投诉编号和查询码',
    request: body(ComplaintInput), responses: { 201: json(ComplaintReceipt, '投诉编号与查询码（查询码只显示一次）'), ...errorResponses },
  }), async (c) => {
    const input = c.req.valid('json')
    noStore(c)
    return c.json(await asPublicUnit(c, input.unitCode, (db, now) => submitComplaint(db, now, input), '未找到被投诉的单位'), 201)
  })
  .openapi(createRoute({
    method: 'get', path: '/complaints/{trackingNo}', tags: ptags, security: [], summary: '凭投诉编号和查询码查看办理情况',
    request: { params: TrackingParams, query: QueryCode }, responses: { 200: json(ComplaintProgress, '投诉办理情况'), ...errorResponses },
  }), async (c) => {
    const no = c.req.valid('param').trackingNo
    noStore(c)
    return c.json(await asPublicUnit(c, no.slice(2, 14), (db, now) => followComplaint(db, now, no, c.req.valid('query').queryCode),
      '未找到该投诉，或查询码不正确'), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/complaints/{trackingNo}/rating', tags: ptags, security: [], summary: '对投诉答复作出评价（一次）',
    request: { params: TrackingParams, ...body(RatingInput) }, responses: { 200: json(ComplaintProgress, '投诉办理情况'), ...errorResponses },
  }), async (c) => {
    const no = c.req.valid('param').trackingNo
    noStore(c)
    return c.json(await asPublicUnit(c, no.slice(2, 14), (db, now) => rateComplaint(db, now, no, c.req.valid('json')),
      '未找到该投诉，或查询码不正确'), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/evaluations/figures', tags: ptags, security: [],
    summary: '单位的好差评公开数据（按国家好差评体系：五级评价、好评率、差评整改率、各项指标）',
    request: { params: z.object({ code: CodeParam }), query: z.object({ year: z.coerce.number().int('年度应为整数').min(2019, '年度不早于 2019').max(2100, '年度不正确').optional().describe('统计年度，缺省为今年') }) },
    responses: { 200: json(EvaluationFigures, '好差评公开数据'), ...errorResponses },
  }), async (c) => {
    const code = c.req.valid('param').code
    return c.json(await asPublicUnit(c, code, (db, now) => evaluationFigures(db, now, code, c.req.valid('query').year), '未找到该单位'), 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/evaluations', tags: ptags, security: [],
    summary: '好差评（无需登录）：kind=visit 凭办事凭条编号和评价码；kind=case 凭办件受理号和查询码（办件模块接入后开放）',
    request: body(EvaluationInput), responses: { 201: json(EvaluationReceipt, '已评价'), ...errorResponses },
  }), async (c) => {
    const input = c.req.valid('json')
    noStore(c)
    const code = evaluationUnit(supervisionExtensions(c), input)
    return c.json(await asPublicUnit(c, code, (db, now) => submitEvaluation(db, now, supervisionExtensions(c), code!, input),
      input.kind === 'visit' ? '未找到该办事凭条，或评价码不正确' : '未找到该办件，或查询码不正确'), 201)
  })
