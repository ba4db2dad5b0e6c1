// Response schemas of the oversight routes (电子监察 over cases).
import { Day, Instant, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { BY } from './figures.js'
import { LEVELS } from './levels.js'

const EscalatedBy = z.object({
  id: z.string().uuid(), name: z.string().openapi({ description: '姓名（升级时记录）' }), unitCode: z.string().openapi({ description: '所在单位代码' }),
}).openapi('WarningEscalatedBy')

const Kind = z.enum(['case', 'acceptance', 'certificate', 'part']).openapi({ description: 'case 办理时限、acceptance 受理决定、certificate 制证、part 并联审批部门意见' })

export const Warning = z.object({
  caseId: z.string().uuid(), receiptNo: z.string().openapi({ description: '受理编号' }),
  handlingUnitCode: z.string().openapi({ description: '办理单位代码' }),
  matterCode: z.string(), matterName: z.string(),
  kind: Kind, kindName: z.string(),
  partId: z.string().uuid().nullable().openapi({ description: '并联审批部门（kind=part）' }),
  dueDate: Day.openapi({ description: '到期日' }),
  limitDays: z.number().int().nullable().openapi({ description: '时限（工作日）' }),
  remainingWorkingDays: z.number().int().openapi({ description: '剩余工作日（负数为已超期）' }),
  level: z.enum(LEVELS).openapi({ description: 'green 正常、yellow 黄色预警、red 红色预警' }), levelName: z.string(),
  warningId: z.string().uuid().nullable().openapi({ description: '红色预警编号（须说明原因）' }),
  answerDue: Day.nullable().openapi({ description: '说明原因的期限' }),
  answeredAt: Instant.nullable(), answerReason: z.string().nullable(),
  escalatedTo: z.string().nullable().openapi({ description: '升级到的上级单位代码（逾期未说明自动升级，或上级监察人员升级督办）' }), escalatedAt: Instant.nullable(),
  escalatedBy: EscalatedBy.nullable().openapi({ description: '升级督办的监察人员（逾期自动升级为 null）' }),
  escalationReason: z.string().nullable().openapi({ description: '升级督办的理由' }),
}).openapi('Warning')

export const ConsultationWarning = z.object({
  consultationId: z.string().uuid(), questionNo: z.string().openapi({ description: '咨询编号' }),
  unitCode: z.string().openapi({ description: '受理咨询的单位代码' }), matterCode: z.string(), matterName: z.string(),
  route: z.enum(['window', 'department']).openapi({ description: 'window 窗口答复、department 部门答复' }),
  windowId: z.string().uuid().nullable(), department: z.string().openapi({ description: '答复部门（route=department）' }),
  dueDate: Day.openapi({ description: '答复期限' }),
  remainingWorkingDays: z.number().int().openapi({ description: '剩余工作日（负数为已超期）' }),
  level: z.enum(LEVELS).openapi({ description: 'yellow 临近答复期限、red 逾期未答复' }), levelName: z.string(),
  since: Instant.nullable().openapi({ description: '巡查记录到该级别的时间（尚未巡查为 null）' }),
}).openapi('ConsultationWarning')

export const WarningsOut = page(Warning).extend({
  unitCode: z.string(), asOf: Day.openapi({ description: '统计日' }),
  counts: z.object({ red: z.number().int(), yellow: z.number().int() }).openapi({ description: '本辖区各等级预警总数（不随分页变化）' }),
}).openapi('WarningPage')
export const ConsultationWarningsOut = page(ConsultationWarning).extend({
  unitCode: z.string(), asOf: Day.openapi({ description: '统计日' }),
}).openapi('ConsultationWarningPage')

export const AnomalyRule = z.object({
  code: z.string().openapi({ description: '规则编码' }), name: z.string(), description: z.string(),
  params: z.record(z.string(), z.number()).openapi({ description: '规则参数（如 days）' }),
  enabled: z.boolean().openapi({ description: '本市是否启用' }),
}).openapi('AnomalyRule')

export const AnomaliesOut = page(z.object({
  rule: z.string(), ruleName: z.string(), caseId: z.string().uuid().nullable(), receiptNo: z.string().nullable(),
  unitCode: z.string(), matterCode: z.string(), matterName: z.string().nullable(), day: Day, detail: z.string().openapi({ description: '说明' }),
})).extend({
  unitCode: z.string(), asOf: Day,
  rules: z.array(AnomalyRule.extend({ findings: z.number().int().nullable().openapi({ description: '本辖区命中总数（未启用为 null；不随分页变化）' }) }))
    .openapi({ description: '全部监测规则（固定的十条左右）及各自命中数' }),
}).openapi('AnomalyPage')

export const WarningSettings = z.object({
  unitCode: z.string(),
  yellowShare: z.number().openapi({ description: '剩余时限低于该比例即黄色预警' }),
  answerDays: z.number().int().openapi({ description: '红色预警说明原因的工作日数' }),
}).openapi('WarningSettings')

const n = (d: string) => z.number().openapi({ description: d })
const rate = (d: string) => z.number().nullable().openapi({ description: `${d}（无数据为 null）` })
export const CaseFigureValues = z.object({
  received: n('收件'), accepted: n('受理'), deemedAccepted: n('逾期视为受理'), rejected: n('不予受理'), completed: n('办结'),
  onTime: n('按时办结'), overdue: n('超期办结'),
  dailyCompletionRate: rate('日办结率（%）'), promisedSpeedUp: rate('承诺时限比法定时限提速（%）'), handlingSpeedUp: rate('实际办理比法定时限提速（%）'),
  averageWorkingDays: rate('平均办理工作日'), oneTimeNoticeRate: rate('一次性告知率（%）'),
  zeroVisitShare: rate('零跑动占比（%）'), oneVisitShare: rate('最多跑一次占比（%）'),
  supplementNotices: z.object({ cases: n('出具补正告知的办件'), secondNotices: n('二次补正告知') }),
}).openapi('CaseFigureValues')

export const CaseFigures = z.object({
  unitCode: z.string(), name: z.string(), from: Day, to: Day, by: z.enum(BY).openapi({ description: '分组：child 下级单位、department 部门、matter 事项' }),
  total: CaseFigureValues, rows: z.array(z.object({ key: z.string(), name: z.string(), figures: CaseFigureValues })),
}).openapi('CaseFigures')

export const Notification = z.object({
  id: z.number().int(), audience: z.enum(['handlers', 'supervisors']).openapi({ description: 'handlers 办理人员、supervisors 监察人员' }),
  caseId: z.string().uuid().nullable(), warningId: z.string().uuid().nullable(), kind: z.string(), text: z.string(), createdAt: Instant,
  read: z.boolean().openapi({ description: '当前用户是否已读（已读状态按人记录）' }),
}).openapi('WarningNotification')

export const NotificationCount = z.object({
  unitCode: z.string(), unread: z.number().int().openapi({ description: '当前用户未读的通知数' }),
}).openapi('NotificationCount')

export const NotificationsRead = NotificationCount.extend({
  marked: z.number().int().openapi({ description: '本次新标为已读的通知数（已读过的不重复计）' }),
}).openapi('NotificationsRead')

export const WarningAnswer = z.object({
  warningId: z.string().uuid(), caseId: z.string().uuid(), answeredAt: Instant, reason: z.string(),
  late: z.boolean().openapi({ description: '是否逾期说明' }), escalatedTo: z.string().nullable(),
}).openapi('WarningAnswer')

export const WarningEscalation = z.object({
  warningId: z.string().uuid(), caseId: z.string().uuid(),
  escalatedTo: z.string().openapi({ description: '升级到的上级单位代码（办理单位的上一级）' }), escalatedAt: Instant,
  escalatedBy: EscalatedBy, reason: z.string().openapi({ description: '升级督办的理由' }),
}).openapi('WarningEscalation')
