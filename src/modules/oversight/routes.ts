// Supervision over cases (电子监察): warnings, anomalies and figures of a subtree under
// /api/units/{code}/supervision/…, the city's thresholds and rules, a unit's staff inbox, and
// the answer to a red warning at /api/warnings/{id}/answer and its escalation by hand at
// /api/warnings/{id}/escalate.
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page, pageQuery } from '../../platform/paging.js'
import { isValidDate } from '../../platform/time.js'
import { listAnomalies, listRules, setRule, setSettings } from './anomalies.js'
import { supervisedUnit } from './access.js'
import { BY, caseFigures } from './figures.js'
import { LEVELS } from './levels.js'
import { markNotificationsRead, listNotifications, notificationCount } from './notifications.js'
import { AnomaliesOut, AnomalyRule, CaseFigures, ConsultationWarningsOut, Notification, NotificationCount, NotificationsRead, WarningAnswer, WarningEscalation, WarningSettings, WarningsOut } from './responses.js'
import { escalateWarning } from './escalation.js'
import { answerWarning, listConsultationWarnings, listWarnings } from './warnings.js'

const tags = ['电子监察']
const Params = z.object({ code: CodeParam })
const DateStr = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')

export const oversight = router()
oversight
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/warnings', tags, summary: '本辖区办件预警（黄色：临近期限；红色：已超期；含各环节）',
    description: '红色在前，再按到期日、受理编号、环节升序分页；counts 为本辖区各等级的总数。在线咨询的答复预警见 consultation-warnings。',
    request: { params: Params, query: z.object({ ...pageQuery, level: z.enum(LEVELS).optional() }) },
    responses: { 200: json(WarningsOut, '预警（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listWarnings(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/consultation-warnings', tags, summary: '本辖区在线咨询答复预警',
    description: '红色在前，再按答复期限、咨询编号升序分页。',
    request: { params: Params, query: z.object({ ...pageQuery, level: z.enum(LEVELS).optional() }) },
    responses: { 200: json(ConsultationWarningsOut, '咨询答复预警（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listConsultationWarnings(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/anomalies', tags, summary: '本辖区异常办件（按已启用的监测规则）',
    description: '按日期倒序（新的在前），同一天按规则编码、记录倒序分页；rules 列出全部规则及各自在本辖区的命中总数。',
    request: { params: Params, query: z.object({ ...pageQuery, rule: z.string().max(50).optional() }) },
    responses: { 200: json(AnomaliesOut, '异常（一页）'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => listAnomalies(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/anomaly-rules', tags, summary: '异常监测规则及本市启用情况',
    description: '按规则顺序一次列全，不分页：规则是随系统发布的固定一组（十条左右，由迁移写入），不随业务增长。',
    request: { params: Params }, responses: { 200: json(z.array(AnomalyRule), '规则'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, async (ctx) => {
    await supervisedUnit(ctx, c.req.valid('param').code)
    return listRules(ctx.db, c.req.valid('param').code)
  }), 200))
  .openapi(createRoute({
    method: 'put', path: '/{code}/supervision/anomaly-rules/{rule}', tags, summary: '启用或停用一条监测规则（市中心管理员）',
    request: { params: Params.extend({ rule: z.string().max(50) }), ...body(z.strictObject({ enabled: z.boolean() })) },
    responses: { 200: json(AnomalyRule, '规则'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => setRule(ctx, c.req.valid('param').code, c.req.valid('param').rule, c.req.valid('json').enabled)), 200))
  .openapi(createRoute({
    method: 'put', path: '/{code}/supervision/warning-settings', tags, summary: '预警参数：黄色预警的剩余时限比例、红色预警说明原因的工作日数（市中心管理员）',
    request: { params: Params, ...body(z.strictObject({ yellowShare: z.number().min(0).max(1).optional(), answerDays: z.number().int().min(1).max(60).optional() })) },
    responses: { 200: json(WarningSettings, '参数'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => setSettings(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/supervision/case-figures', tags, summary: '办件统计（收件、受理、办结、按时、超期、日办结率、提速、一次性告知率、跑动次数）',
    request: { params: Params, query: z.object({ from: DateStr.optional(), to: DateStr.optional(), by: z.enum(BY).default('child') }) },
    responses: { 200: json(CaseFigures, '统计'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => caseFigures(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/notifications', tags, summary: '本单位收到的预警通知（办理人员；监察人员和管理员另见上级通知）',
    description: '按通知编号倒序（新的在前）分页；每条带当前用户的已读状态。',
    request: { params: Params, query: z.object({ ...pageQuery, unread: z.enum(['true', 'false']).optional().openapi({ description: 'true：只列出当前用户未读的' }) }) },
    responses: { 200: json(page(Notification, 'NotificationPage'), '通知（一页），带当前用户的已读状态'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => { const q = c.req.valid('query'); return listNotifications(ctx, c.req.valid('param').code,
    { limit: q.limit, cursor: q.cursor, unread: q.unread === 'true' }) }), 200))
  .openapi(createRoute({
    method: 'get', path: '/{code}/notifications/unread-count', tags, summary: '当前用户未读的通知数（铃铛上的数字）',
    request: { params: Params }, responses: { 200: json(NotificationCount, '未读数'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => notificationCount(ctx, c.req.valid('param').code)), 200))
  .openapi(createRoute({
    method: 'post', path: '/{code}/notifications/read', tags, summary: '将本人所在单位的通知标为已读（指定编号，或全部）；已读状态按人记录',
    request: { params: Params, ...body(z.strictObject({
      ids: z.array(z.number().int('通知编号应为整数').positive('通知编号应为正整数')).min(1, '通知编号：请至少指定一条').max(500, '通知编号：一次最多 500 条').optional()
        .openapi({ description: '要标为已读的通知编号' }),
      all: z.literal(true, { error: '全部：应为 true（全部标为已读）' }).optional().openapi({ description: 'true：本单位收件箱的全部通知标为已读' }),
    }).refine((v) => (v.ids ? 1 : 0) + (v.all ? 1 : 0) === 1, { message: '请指定要标为已读的通知编号（ids），或选择全部（all）', path: ['ids'] })) },
    responses: { 200: json(NotificationsRead, '已标为已读'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => markNotificationsRead(ctx, c.req.valid('param').code, c.req.valid('json'))), 200))

const WarningId = z.object({ id: z.string().uuid('预警编号格式不正确') })
export const warnings = router()
warnings.openapi(createRoute({
  method: 'post', path: '/{id}/answer', tags, summary: '办理单位就红色预警说明原因（逾期未说明的升级至上一级）',
  request: { params: WarningId, ...body(z.strictObject({ reason: z.string().trim().min(2, '请说明原因').max(2000) })) },
  responses: { 200: json(WarningAnswer, '已说明'), ...errorResponses },
}), async (c) => c.json(await asActor(c, (ctx) => answerWarning(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
warnings.openapi(createRoute({
  method: 'post', path: '/{id}/escalate', tags, summary: '上级监察人员将红色预警升级督办（不待说明期限届满）',
  description: '办理单位上级的监察人员，就红色预警说明理由后升级至办理单位的上一级，并通知该级监察人员（与逾期未说明的自动升级相同，每个红色预警只升级一次）。'
    + '不在管辖范围内答复 404；非上级监察人员 403；不是红色预警或已升级答复 409。',
  request: { params: WarningId, ...body(z.strictObject({ reason: z.string().trim().min(2, '请填写升级督办的理由').max(2000).openapi({ description: '升级督办的理由' }) })) },
  responses: { 200: json(WarningEscalation, '已升级督办'), ...errorResponses },
}), async (c) => c.json(await asActor(c, (ctx) => escalateWarning(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
