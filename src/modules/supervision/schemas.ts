// Supervision inputs and the shared enums: 好差评 levels (State Council 2019 No. 51), finding
// severities, assessment grades. English ids in the API, Chinese labels beside them.
import { pageQuery } from '../../platform/paging.js'
import { CodeParam, UnitCode, z } from '../../platform/openapi.js'
import { isValidDate } from '../../platform/time.js'

export const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const
export type EvaluationLevel = (typeof LEVELS)[number]
export const LEVEL_NAMES: Record<EvaluationLevel, string> = {
  very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', very_dissatisfied: '非常不满意',
}
/** 差评: the last two levels. */
export const NEGATIVE: readonly EvaluationLevel[] = ['dissatisfied', 'very_dissatisfied']

export const SEVERITIES = ['minor', 'major', 'serious'] as const
export const SEVERITY_NAMES = { minor: '一般', major: '较重', serious: '严重' } as const
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const
export type AssessmentGrade = (typeof GRADES)[number]
export const GRADE_NAMES: Record<AssessmentGrade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' }

const Level = z.enum(LEVELS, { error: `评价等级应为 ${LEVELS.join('、')} 之一（${LEVELS.map((l) => LEVEL_NAMES[l]).join('、')}）` })
const Text = (max: number, what: string) => z.string().trim().min(1, `${what}不能为空`).max(max, `${what}最多 ${max} 个字符`)
const Uuid = z.string().uuid('应为记录编号（UUID）')
const Day = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')
const Days = z.number().int('应为整数个工作日').min(1, '至少 1 个工作日').max(250, '最多 250 个工作日')

export const Params = z.object({ code: CodeParam })
export const IdParams = z.object({ id: Uuid.openapi({ param: { name: 'id', in: 'path' } }) })

export const SettingsInput = z.strictObject({
  complaintAnswerDays: Days.nullable().optional().describe('投诉答复时限（工作日，缺省 10；null 表示沿用上级）'),
  negativeRectificationDays: Days.nullable().optional().describe('差评整改答复时限（工作日，缺省 15；null 表示沿用上级）'),
})

export const Phone = z.string().trim().regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, '请填写有效的手机号或固定电话')

export const ComplaintInput = z.strictObject({
  unitCode: UnitCode.describe('被投诉单位'),
  windowId: Uuid.optional(), staffId: Uuid.optional(),
  subject: Text(100, '投诉事由'), body: Text(2000, '投诉内容'),
  contactName: z.string().trim().max(50, '姓名最多 50 个字符').optional(),
  contactPhone: Phone,
})
export const TrackingParams = z.object({
  trackingNo: z.string().regex(/^TS[0-9]{20}$/, '投诉编号格式不正确').openapi({ param: { name: 'trackingNo', in: 'path' } }),
})
export const QueryCode = z.object({ queryCode: z.string().regex(/^[A-Z0-9]{8}$/, '查询码为 8 位字母或数字') })
export const RatingInput = z.strictObject({ queryCode: QueryCode.shape.queryCode, level: Level, comment: z.string().trim().max(500).optional() })
export const AnswerInput = z.strictObject({ answer: Text(2000, '答复内容') })
export const ComplaintsQuery = z.object({
  status: z.enum(['open', 'answered']).optional(), overdue: z.enum(['true', 'false']).optional(),
  subtree: z.enum(['true', 'false']).optional().describe('缺省 true：含全部下级'),
  ...pageQuery,
})

export const VisitInput = z.strictObject({ windowId: Uuid.optional() })

/** National 好差评 indicators beside the overall level (整体满意度): online (办件) and at the hall (窗口). */
export const ONLINE_INDICATORS = { efficiency: '办事效率', guideAccuracy: '办事指南精确度', convenience: '办事便捷度', usability: '平台操作性' } as const
export const HALL_INDICATORS = { efficiency: '服务效率', serviceLevel: '服务水平', attitude: '服务态度' } as const
export const INDICATOR_NAMES: Record<string, string> = { ...HALL_INDICATORS, ...ONLINE_INDICATORS }
const indicatorsOf = (names: Record<string, string>, what: string) => z.strictObject(
  Object.fromEntries(Object.entries(names).map(([k, v]) => [k, Level.optional().describe(v)])) as Record<string, z.ZodOptional<typeof Level>>,
  { error: `评价指标只能是 ${Object.keys(names).join('、')}（${Object.values(names).join('、')}）` },
).optional().describe(`${what}指标（每项五级，可不填；整体满意度即 level）`)

export const EvaluationInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('visit'), unitCode: UnitCode, visitNo: z.string().regex(/^FW[0-9]{26}$/, '办事凭条编号格式不正确'),
    evaluationCode: z.string().regex(/^[0-9]{6}$/, '评价码为 6 位数字'),
    windowId: Uuid.optional(), staffId: Uuid.optional(), level: Level, comment: z.string().trim().max(500).optional(),
    indicators: indicatorsOf(HALL_INDICATORS, '窗口服务'),
  }),
  // Extension point (办件评价): the lead wires it to cases (receipt number + query code).
  z.strictObject({
    kind: z.literal('case'), receiptNo: z.string().min(1).max(40), queryCode: z.string().min(1).max(20),
    level: Level, comment: z.string().trim().max(500).optional(),
    indicators: indicatorsOf(ONLINE_INDICATORS, '网上办事'),
  }),
], { error: '评价类型 kind 应为 visit（窗口评价）或 case（办件评价）' })
export type EvaluationInput = z.infer<typeof EvaluationInput>

export const AppealInput = z.strictObject({ reason: Text(1000, '申诉理由') })
export const DecideAppealInput = z.strictObject({ upheld: z.boolean().describe('true：申诉成立，该评价不计入统计'), note: Text(1000, '处理意见') })
export const RectifyInput = z.strictObject({ answer: Text(2000, '整改答复') })
export const EvaluationsQuery = z.object({ negative: z.enum(['true', 'false']).optional(), appeal: z.enum(['pending']).optional(), ...pageQuery })

export const FindingInput = z.strictObject({
  mode: z.enum(['open', 'secret'], { error: 'mode 应为 open（明查）或 secret（暗访）' }),
  windowId: Uuid.optional(), staffId: Uuid.optional(),
  severity: z.enum(SEVERITIES, { error: 'severity 应为 minor、major 或 serious' }),
  text: Text(2000, '发现的问题'), date: Day.describe('检查日期（不得晚于今天）'),
})

const Weight = z.number().min(0, '权重不能为负').max(100, '权重最多 100')
export const SchemeInput = z.strictObject({
  weights: z.strictObject({
    evaluation: Weight.describe('服务对象评价（满意率）'), timeliness: Weight.describe('办件时效（待办件模块接入）'),
    standards: Weight.describe('标准化建设档次'), complaints: Weight.describe('投诉按期答复率'), findings: Weight.describe('明查暗访发现问题'),
  }),
  cutoffs: z.strictObject({ excellent: z.number().min(0).max(100), good: z.number().min(0).max(100), pass: z.number().min(0).max(100) })
    .refine((c) => c.excellent > c.good && c.good > c.pass, '分档线应满足 优秀 > 良好 > 合格'),
})
export type Scheme = z.infer<typeof SchemeInput>
export const DEFAULT_SCHEME: Scheme = {
  weights: { evaluation: 40, timeliness: 20, standards: 20, complaints: 10, findings: 10 },
  cutoffs: { excellent: 90, good: 80, pass: 60 },
}
export const PERIOD_RE = /^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/
export const AssessmentInput = z.strictObject({
  period: z.string().regex(PERIOD_RE, '考核期间应为 YYYY、YYYY-Qn 或 YYYY-MM'),
})

export const Month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '报表月份应为 YYYY-MM')
export const ReportInput = z.strictObject({
  period: Month,
  manual: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段名为字母开头的字母、数字或下划线'),
    z.union([z.number(), z.string().max(500)])).refine((m) => Object.keys(m).length <= 30, '手工填报项最多 30 项').default({})
    .describe('手工填报项，如 { "staffOnDuty": 12, "note": "……" }'),
})
export const DecisionInput = z.strictObject({ note: z.string().trim().max(1000).optional() })
export const ReturnInput = z.strictObject({ note: Text(1000, '退回理由') })
export const ReportParams = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}(\.(csv|xlsx))?$/, '应为报表编号，可带 .csv 或 .xlsx 后缀')
    .openapi({ param: { name: 'id', in: 'path' }, description: '报表编号；加 .csv 或 .xlsx 后缀即导出' }),
})
