// Response schemas of the case-handling routes (办件). The action results are what each verb
// answers; a case itself (CaseView) is the projection of its events.
import { Day, Instant, z } from '../../platform/openapi.js'
import { EVENT_NAMES, EVENT_TYPES } from './state.js'

const Ref = z.object({ code: z.string(), name: z.string() })
const Applicant = z.object({
  kind: z.enum(['person', 'org']).openapi({ description: 'person 自然人 / org 法人或其他组织' }),
  idNumber: z.string().openapi({ description: '身份证号或统一社会信用代码（列表中和非办理单位脱敏）' }),
  name: z.string().openapi({ description: '申请人名称（列表中和非办理单位脱敏）' }), phone: z.string().nullable(),
})

export const CaseEvent = z.object({
  id: z.number().int(),
  type: z.enum(EVENT_TYPES).openapi({ description: `事件类型：${EVENT_TYPES.map((t) => `${t} ${EVENT_NAMES[t]}`).join('、')}` }), at: Instant,
  actorId: z.string().nullable(), actorUnitCode: z.string().nullable(), windowId: z.string().nullable(),
  actingFor: Ref.nullable().openapi({ description: '以谁的名义（受委托时）' }),
  payload: z.record(z.string(), z.unknown()).openapi({ description: '事件内容（随类型而定）' }),
}).openapi('CaseEvent')

const CasePart = z.object({
  id: z.string().uuid(), matterCode: z.string().openapi({ description: '部门事项编码' }), matterName: z.string(),
  department: z.string().openapi({ description: '办理部门' }), dueDate: Day.openapi({ description: '部门办理期限' }),
  decision: z.enum(['approve', 'deny']).nullable().openapi({ description: 'approve 同意 / deny 不同意；未决定为 null' }),
  reasons: z.string().nullable().openapi({ description: '部门意见或不予许可的理由' }), decidedAt: Instant.nullable(),
}).openapi('CasePart', { description: '并联审批中一个部门的事项' })

const CaseFee = z.object({
  id: z.string().uuid(), name: z.string().openapi({ description: '收费项目' }), basis: z.string().openapi({ description: '收费依据' }),
  amount: z.number().openapi({ description: '金额（元）' }),
  status: z.enum(['due', 'paid', 'waived']).openapi({ description: 'due 待缴 / paid 已缴 / waived 减免' }),
  feeReceiptNo: z.string().nullable().openapi({ description: '缴费票据号' }), waiverBasis: z.string().nullable().openapi({ description: '减免依据' }),
}).openapi('CaseFee', { description: '办件的一项费用' })

const Suspension = z.object({
  since: Day.nullable().openapi({ description: '中止计时起始日' }), ground: z.string().nullable().openapi({ description: '中止事由' }),
}).openapi({ description: '正在中止计时（事由、起始日）' })

export const CaseView = z.object({
  id: z.string().uuid(), receiptNo: z.string().openapi({ description: '受理编号', example: '341502001000-20261124-00001' }),
  unitCode: z.string().nullable().openapi({ description: '当前办理单位' }), intakeUnitCode: z.string().nullable().openapi({ description: '收件单位' }),
  matterCode: z.string(), matterName: z.string(),
  catalog: z.object({ unitCode: z.string().nullable(), version: z.number().int() }).openapi({ description: '收件时依据的目录版本' }),
  parallel: z.boolean().openapi({ description: '并联审批' }), bundle: z.array(z.string()).openapi({ description: '一件事打包的事项' }),
  channel: z.string().openapi({ description: 'window 窗口、agent 村代办、online 网上' }),
  agentMatterCode: z.string().nullable().openapi({ description: '村代办收件时的代办事项编码（转报后办件按其代表的事项办理）' }),
  applicant: Applicant,
  status: z.string().openapi({ description: '状态（事件的投影）' }), statusName: z.string(),
  receivedAt: Instant, receivedDay: Day, acceptanceDeadline: Day.openapi({ description: '受理决定期限（逾期视为受理）' }),
  deemedAccepted: z.boolean(),
  acceptedAt: Day.nullable().openapi({ description: '受理的计算日（依法视为受理的为收件日）；尚未受理为 null' }),
  limitDays: z.number().int().nullable(), limitUnit: z.string().nullable(), extendedDays: z.number().int(), suspendedDays: z.number().int(),
  suspension: Suspension.nullable(),
  dueDate: Day.nullable().openapi({ description: '办结期限（工作日计）' }), overdue: z.boolean(),
  workingDaysLeft: z.number().int().nullable().optional().openapi({ description: '正在计时的期限（待受理：受理决定期限；办理中：办结期限；已批准：制证期限）还剩几个工作日，按本单位工作日历（法定节假日、调休和本地节假日）计；0 为今日到期，负数为已超期；中止计时或已办结为 null。办件列表和办件详情返回' }),
  decision: z.string().nullable(), decidedDay: Day.nullable(), certificateDue: Day.nullable(),
  holder: z.object({ code: z.string().nullable(), name: z.string().nullable() }).nullable().openapi({ description: '作出决定的机关' }),
  certificate: z.object({ number: z.string().nullable(), issuedOn: Day.nullable(), organ: z.object({ code: z.string().nullable(), name: z.string().nullable() }) })
    .nullable().openapi({ description: '已制证时：证照编号、发证日期、发证机关' }),
  version: z.number().int().openapi({ description: '事件序号（乐观并发）' }),
  materials: z.array(z.object({ name: z.string(), required: z.boolean(), provided: z.boolean() })),
  parts: z.array(CasePart).openapi({ description: '并联审批各部门的事项' }),
  fees: z.array(CaseFee).openapi({ description: '费用：名称、依据、金额、缴纳或减免' }),
  events: z.array(CaseEvent).openapi({ description: '全部轨迹（只增不改）' }),
}).openapi('Case')

export const CaseDetail = CaseView.extend({
  refusedParts: z.array(z.object({
    id: z.string().uuid(), matterCode: z.string(), matterName: z.string(), department: z.string(), dueDate: Day,
    decision: z.string().nullable(), reasons: z.string().nullable(), decidedAt: Instant.nullable(),
  })).optional().openapi({ description: '不予许可的并联部门' }),
}).openapi('CaseDetail')

export const CaseReceipt = z.object({
  case: CaseView,
  receipt: z.object({ receiptNo: z.string(), queryCode: z.string().openapi({ description: '查询码（只显示一次）' }), notice: z.string() }),
  missingMaterials: z.array(z.string()).openapi({ description: '缺少的材料（须一次性告知）' }),
  notice: z.object({ title: z.string(), items: z.array(z.object({ name: z.string(), reason: z.string() })), issuedOn: Day }).optional()
    .openapi({ description: '网上申请缺少必需材料时当即出具的一次性告知书' }),
  replayed: z.boolean().optional().openapi({ description: '同一 Idempotency-Key 的重试：返回原办件' }),
}).openapi('CaseReceipt')

// `next` is still a number while GET /api/cases pages by offset; with the keyset cursor it is the
// string of every other list: then this becomes page(CaseListItem, 'CasePage').
const CaseListItem = CaseView.partial().required({ id: true, receiptNo: true, status: true })
export const CaseList = z.object({
  items: z.array(CaseListItem),
  next: z.union([z.string(), z.number()]).nullable().openapi({ description: '下一页的游标；null 表示已是最后一页' }),
}).openapi('CasePage')

const PathStep = z.object({
  step: z.string().openapi({ description: '环节（received、accepted、forwarded、returned…）' }), stepName: z.string(),
  unitCode: z.string(), unitName: z.string().nullable(), on: Day,
  toUnitCode: z.string().optional().openapi({ description: '转报、退回时的去向单位' }), toUnitName: z.string().nullable().optional(),
}).openapi('CasePathStep', { description: '办件经过的一个单位和环节' })

export const CaseProgress = z.object({
  path: z.array(PathStep).openapi({ description: '办件经过的单位和环节（村代办转报、退回村里送达都在其中）' }),
  receiptNo: z.string(), matter: Ref, handledBy: z.object({ code: z.string(), name: z.string().optional(), servicePointName: z.string().nullable().optional() }),
  status: z.string(), statusName: z.string(), next: z.string().nullable().openapi({ description: '下一步' }),
  missingMaterials: z.array(z.string()),
  receivedAt: Instant.openapi({ description: '实际收件时刻（ISO 8601，UTC）' }),
  acceptedAt: Instant.nullable().openapi({ description: '实际受理时刻（ISO 8601，UTC）；尚未受理（含依法视为受理而未办理受理手续）时为 null' }),
  receivedOn: Day.openapi({ description: '收件的计算日：下班后或休息日收件为下一个工作日（期限自此起算）' }),
  acceptedOn: Day.nullable().openapi({ description: '受理的计算日（办结期限自此起算）；逾期未告知的为收件计算日' }), deemedAccepted: z.boolean(),
  dueDate: Day.nullable(), decision: z.string().nullable(), decidedOn: Day.nullable(), certificateIssuedOn: Day.nullable(),
}).openapi('CaseProgress')

// POST /api/cases/{id}/accept 200
export const AcceptResult = z.object({
  caseId: z.string(),
  status: z.string(),
  acceptanceReceipt: z.object({
    title: z.string(),
    receiptNo: z.string(),
    unit: z.object({
      code: z.string(),
      name: z.string(),
      servicePointName: z.string(),
    }),
    organ: z.object({
      code: z.string(),
      name: z.string(),
    }),
    matter: z.object({
      code: z.string(),
      name: z.string(),
    }),
    receivedOn: Day,
    acceptedOn: Day,
    promisedCompletionDate: Day,
    deemedAccepted: z.boolean(),
    queryCode: z.string(),
    tracking: z.string(),
  }),
}).openapi('AcceptResult')

// POST /api/cases/{id}/request-supplement 200
export const RequestSupplementResult = z.object({
  caseId: z.string(),
  status: z.string(),
  notice: z.object({
    title: z.string(),
    items: z.array(z.object({
      name: z.string(),
      reason: z.string(),
    })),
    issuedOn: Day,
  }),
}).openapi('RequestSupplementResult')

// POST /api/cases/{id}/supplement 200
export const SupplementResult = z.object({
  caseId: z.string(),
  status: z.string(),
}).openapi('SupplementResult')

// POST /api/cases/{id}/reject 200
export const RejectResult = z.object({
  caseId: z.string(),
  status: z.string(),
  notice: z.object({
    title: z.string(),
    organ: z.object({
      code: z.string(),
      name: z.string(),
    }),
    reason: z.string(),
    remedy: z.string(),
    issuedOn: Day,
  }),
}).openapi('RejectResult')

// POST /api/cases/{id}/forward 200
export const ForwardResult = z.object({
  caseId: z.string(),
  status: z.string(),
  unitCode: z.string().openapi({ description: '接收单位（持有该事项权力的单位）' }),
  matterCode: z.string().optional().openapi({ description: '代办件转报后按其代表的事项办理' }),
}).openapi('ForwardResult')

// POST /api/cases/{id}/suspend 200
export const SuspendResult = z.object({
  caseId: z.string(),
  status: z.string(),
  suspendedSince: Day,
  ground: z.string(),
}).openapi('SuspendResult')

// POST /api/cases/{id}/resume 200
export const ResumeResult = z.object({
  caseId: z.string(),
  status: z.string(),
  dueDate: Day,
  suspendedDays: z.number(),
}).openapi('ResumeResult')

// POST /api/cases/{id}/extend 200
export const ExtendResult = z.object({
  caseId: z.string(),
  extendedDays: z.number(),
  dueDate: Day,
}).openapi('ExtendResult')

// POST /api/cases/{id}/review 200
export const ReviewResult = z.object({
  caseId: z.string(),
  status: z.string(),
}).openapi('ReviewResult')

// POST /api/cases/{id}/decide 200
export const DecideResult = z.object({
  caseId: z.string(),
  status: z.string(),
  decision: z.object({
    decision: z.string(),
    organ: z.object({
      code: z.string(),
      name: z.string(),
    }),
    inNameOf: z.string(),
    reasons: z.string(),
    remedy: z.string(),
    decidedOn: Day,
    certificateDue: Day.nullable(),
  }),
}).openapi('DecideResult')

// POST /api/cases/{id}/certify 200
export const CertifyResult = z.object({
  caseId: z.string(),
  status: z.string(),
  certificate: z.object({
    number: z.string(),
    issuedOn: Day,
    organ: z.object({
      code: z.string(),
      name: z.string(),
    }),
    result: z.string(),
  }),
}).openapi('CertifyResult')

// POST /api/cases/{id}/pay 200
export const PayResult = z.object({
  caseId: z.string(),
  settled: z.array(z.object({
    name: z.string(),
    amount: z.number(),
  })),
  total: z.number(),
  status: z.string(),
  feeReceiptNo: z.string().nullable(),
}).openapi('PayResult')

// POST /api/cases/{id}/deliver 200
export const DeliverResult = z.object({
  caseId: z.string(),
  status: z.string(),
  delivery: z.object({
    method: z.string(),
    deliveredAt: Instant,
  }),
}).openapi('DeliverResult')


// GET /api/units/{code}/calendar/working-days 200
export const WorkingDays = z.object({
  unitCode: z.string(),
  from: Day,
  days: z.number(),
  due: Day,
}).openapi('WorkingDays')

// PUT /api/units/{code}/calendar/overrides/{day} 200
export const CalendarOverride = z.object({
  unitCode: z.string(),
  day: Day,
  kind: z.string(),
  name: z.string(),
  recomputedCases: z.number(),
}).openapi('CalendarOverride')

// POST /api/public/cases/{receiptNo}/supplement 200
export const ApplicantSupplement = z.object({
  caseId: z.string(),
  status: z.string().nullable(),
}).openapi('ApplicantSupplement')

// POST /api/cases/{id}/consultations 201 (parallel.ts openConsultation)
export const ConsultationOpened = z.object({
  caseId: z.string().uuid().openapi({ description: '办件 ID' }),
  partId: z.string().uuid().openapi({ description: '征求意见任务 ID（协办部门作出意见时用）' }),
  matterCode: z.string().openapi({ description: '征求意见的事项编码', example: '3415-XF-XK-0001' }),
  department: z.string().openapi({ description: '协办部门（事项的实施机关；目录中未写明为空）', example: '金安区消防救援大队' }),
  dueDate: Day.openapi({ description: '协办部门作出意见的期限（按工作日计）' }),
}).openapi('ConsultationOpened')

// POST /api/cases/{id}/consultations/{partId}/decide 200 (parallel.ts decidePart)
export const PartDecided = z.object({
  caseId: z.string().uuid().openapi({ description: '办件 ID' }),
  partId: z.string().uuid().openapi({ description: '征求意见任务 ID' }),
  matterCode: z.string().openapi({ description: '协办事项编码', example: '3415-XF-XK-0001' }),
  decision: z.enum(['approve', 'deny']).openapi({ description: 'approve 同意、deny 不同意（不予许可）', example: 'approve' }),
}).openapi('PartDecided')

/** What each action on a case answers. */
export const ACTION_RESULTS = {
  accept: AcceptResult, 'request-supplement': RequestSupplementResult, supplement: SupplementResult, reject: RejectResult,
  forward: ForwardResult, suspend: SuspendResult, resume: ResumeResult, extend: ExtendResult, review: ReviewResult,
  decide: DecideResult, certify: CertifyResult, pay: PayResult, deliver: DeliverResult,
} as const
