// Response schemas of the supervision routes (complaints, evaluations, findings, figures,
// assessments, monthly reports, audit verification). Shapes as the verbs return them.
import { Day, Instant, z } from '../../platform/openapi.js'

const Count = z.number().int()

/** One group of figures: counts and rates by key (labels in the report exports). */
const Group = z.record(z.string(), z.number().nullable())
// Keyed by source: complaints 投诉, evaluations 好差评（各等级 verySatisfied…、差评、整改、申诉、满意率）,
// findings 明查暗访, standards 标准化, cases 办件（onTime 按时、sameDay 当日办结、跑动次数及各比率）.
const FigureSet = z.record(z.string(), Group)
  .openapi({ description: '按来源分组的统计：complaints 投诉、evaluations 好差评、findings 明查暗访、standards 标准化、cases 办件；键均为 camelCase' })

export const SupervisionFigures = z.object({
  unitCode: z.string(), from: Day, to: Day,
  total: FigureSet.openapi({ description: '本辖区合计' }), own: FigureSet.openapi({ description: '本级' }),
  children: z.array(z.object({ unitCode: z.string(), name: z.string(), level: z.string(), figures: FigureSet })).openapi({ description: '各下级（按代码排序）' }),
  labels: z.record(z.string(), z.record(z.string(), z.string())).optional()
    .openapi({ description: '各来源各项的中文名称（按来源、键），供报表导出' }),
}).openapi('SupervisionFigures')

export const Report = z.object({
  id: z.string().uuid(), unitCode: z.string(), period: z.string().openapi({ description: '月份 YYYY-MM' }),
  status: z.enum(['draft', 'submitted', 'approved', 'returned']).openapi({ description: 'draft 草稿、submitted 已上报、approved 已通过、returned 已退回' }),
  statusName: z.string(),
  figures: z.object({ from: Day, to: Day, asOf: Day.openapi({ description: '统计截至（生成或刷新当日）' }), total: FigureSet, own: FigureSet })
    .openapi({ description: '生成时的统计快照：期间、截至日、本辖区合计与本级（各组同 supervision/figures）' }),
  manual: z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: '人工填报项' }),
  submittedOn: Day.nullable(), decidedByUnit: z.string().nullable(), decidedOn: Day.nullable(), decisionNote: z.string().nullable(),
  updatedAt: Instant,
}).openapi('Report')
export const NamedReport = Report.extend({ name: z.string().openapi({ description: '单位名称' }) }).openapi('NamedReport')

// GET /api/units/{code}/audit/verify 200
export const AuditVerification = z.object({
  unitCode: z.string(),
  cityCode: z.string(),
  ok: z.boolean(),
  chainLength: z.number().nullable(),
  entriesInSubtree: z.number(),
  broken: z.object({
    id: z.number().nullable(),
    unitCode: z.string().nullable(),
    reason: z.string(),
    reasonName: z.string(),
  }).nullable(),
}).openapi('AuditVerification')

// GET /api/units/{code}/supervision/settings 200
export const SupervisionSettings = z.object({
  unitCode: z.string(),
  complaintAnswerDays: z.number(),
  negativeRectificationDays: z.number(),
  sources: z.record(z.string(), z.string().nullable()).openapi({ description: '各项设置取自哪一级单位（null 为缺省值）' }),
}).openapi('SupervisionSettings')

// GET /api/units/{code}/complaints 200 (items)
export const Complaint = z.object({
  id: z.string().uuid(),
  trackingNo: z.string(),
  unitCode: z.string(),
  handlerCode: z.string(),
  windowId: z.string().nullable(),
  staffId: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: z.string(),
  receivedOn: Day,
  firstDueOn: Day,
  dueOn: Day,
  overdue: z.boolean(),
  escalations: z.number(),
  escalatedOn: Day.nullable(),
  answer: z.string().nullable(),
  answeredOn: Day.nullable(),
  answeredByUnit: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
  rating: z.string().nullable(),
  ratingComment: z.string().nullable(),
}).openapi('Complaint')

// POST /api/units/{code}/visits 201
export const VisitSlip = z.object({
  visitNo: z.string(),
  evaluationCode: z.string(),
  unitCode: z.string(),
  visitedOn: Day,
}).openapi('VisitSlip')

// GET /api/units/{code}/evaluations 200 (items)
export const Evaluation = z.object({
  id: z.string().uuid(),
  unitCode: z.string(),
  kind: z.string(),
  windowId: z.string().nullable(),
  staffId: z.string().nullable(),
  level: z.string(),
  levelName: z.string(),
  negative: z.boolean(),
  comment: z.string(),
  evaluatedOn: Day,
  rectification: z.object({
    status: z.string(),
    dueOn: Day,
    answer: z.string().nullable(),
    answeredOn: Day.nullable(),
    overdue: z.boolean(),
  }).nullable(),
  appeal: z.object({
    status: z.string(),
    reason: z.string(),
    appealedOn: Day,
    decisionNote: z.string().nullable(),
    decidedByUnit: z.string().nullable(),
    decidedOn: Day.nullable(),
  }).nullable(),
  counted: z.boolean(),
}).openapi('Evaluation')

// POST /api/units/{code}/inspection-findings 201
export const Finding = z.object({
  id: z.string().uuid(),
  unitCode: z.string(),
  inspectorUnitCode: z.string(),
  mode: z.string(),
  windowId: z.string().nullable(),
  staffId: z.string().nullable(),
  severity: z.string(),
  severityName: z.string(),
  text: z.string(),
  date: Day,
}).openapi('Finding')

// GET /api/units/{code}/supervision/findings 200 (items)
export const FindingRow = z.object({
  source: z.string(),
  kind: z.string(),
  kindName: z.string(),
  unitCode: z.string(),
  on: Day,
  severity: z.string().nullable(),
  text: z.string(),
  ref: z.string(),
  staffId: z.string().nullable().optional(),
  windowId: z.string().nullable().optional(),
}).openapi('FindingRow')

// GET /api/units/{code}/assessment-scheme 200
export const AssessmentScheme = z.object({
  unitCode: z.string(),
  scheme: z.object({
    weights: z.object({
      evaluation: z.number(),
      timeliness: z.number(),
      standards: z.number(),
      complaints: z.number(),
      findings: z.number(),
    }),
    cutoffs: z.object({
      excellent: z.number(),
      good: z.number(),
      pass: z.number(),
    }),
  }),
  isDefault: z.boolean(),
}).openapi('AssessmentScheme')

// POST /api/units/{code}/assessments 201
export const Assessment = z.object({
  id: z.string().uuid(),
  period: z.string(),
  from: Day,
  to: Day,
  scheme: z.object({
    cutoffs: z.object({
      good: z.number(),
      pass: z.number(),
      excellent: z.number(),
    }),
    weights: z.object({
      findings: z.number(),
      standards: z.number(),
      complaints: z.number(),
      evaluation: z.number(),
      timeliness: z.number(),
    }),
  }),
  results: z.array(z.object({
    unitCode: z.string(),
    name: z.string(),
    score: z.number().nullable(),
    grade: z.string().nullable(),
    gradeName: z.string(),
    inputs: z.object({
      findings: z.object({
        n: z.number(),
        score: z.number().nullable(),
      }),
      standards: z.object({
        n: z.number(),
        score: z.number().nullable(),
      }),
      complaints: z.object({
        n: z.number(),
        score: z.number().nullable(),
      }),
      evaluation: z.object({
        n: z.number(),
        score: z.number().nullable(),
      }),
      timeliness: z.object({
        n: z.number(),
        score: z.number().nullable(),
      }),
    }),
  })),
}).openapi('Assessment')


// POST /api/public/complaints 201
export const ComplaintReceipt = z.object({
  trackingNo: z.string(),
  queryCode: z.string(),
  dueOn: Day,
}).openapi('ComplaintReceipt')

// GET /api/public/complaints/{trackingNo} 200
export const ComplaintProgress = z.object({
  trackingNo: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  subject: z.string(),
  status: z.string(),
  statusName: z.string(),
  receivedOn: Day,
  dueOn: Day,
  escalated: z.boolean(),
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredOn: Day.nullable(),
  rating: z.string().nullable(),
}).openapi('ComplaintProgress')

// POST /api/public/evaluations 201
export const EvaluationReceipt = z.object({
  received: z.boolean(),
  level: z.string(),
  levelName: z.string(),
  negative: z.boolean(),
}).openapi('EvaluationReceipt')


const IndicatorFigure = z.object({ key: z.string(), name: z.string().describe('指标名称'), evaluations: z.number().describe('评了此指标的评价数'),
  goodShare: z.number().nullable().describe('此指标的好评率（非常满意、满意、基本满意），无评价时为 null') })
export const EvaluationFigures = z.object({
  unitCode: z.string(), year: z.number().describe('统计年度'), evaluations: z.number().describe('评价总数（申诉成立的不计）'),
  levels: z.array(z.object({ level: z.string(), name: z.string(), count: z.number() })).describe('五级评价各自的数量'),
  goodShare: z.number().nullable().describe('好评率（非常满意、满意、基本满意）'),
  negative: z.number().describe('差评数（不满意、非常不满意）'), negativeShare: z.number().nullable().describe('差评率'),
  rectified: z.number().describe('已整改答复的差评'), rectifiedShare: z.number().nullable().describe('差评整改率'),
  rectifiedOnTime: z.number().describe('按期整改的差评'), rectificationOverdue: z.number().describe('超期未整改的差评'),
  online: z.array(IndicatorFigure).describe('网上办事指标：办事效率、办事指南精确度、办事便捷度、平台操作性'),
  hall: z.array(IndicatorFigure).describe('窗口服务指标：服务效率、服务水平、服务态度'),
}).openapi('EvaluationFigures')

export const Assessments = z.object({
  unitCode: z.string(),
  runs: z.array(Assessment).openapi({ description: '本单位组织的考核' }),
  assessedBy: z.array(z.object({
    assessmentId: z.string().uuid(), period: z.string(), assessorCode: z.string().openapi({ description: '考核单位' }),
    score: z.number().nullable(), grade: z.string().nullable(), gradeName: z.string(),
    inputs: z.record(z.string(), z.object({ n: Count, score: z.number().nullable() })),
  })).openapi({ description: '上级对本单位的考核结果' }),
}).openapi('Assessments')
