// Request schemas of the case routes (zod → validation and the OpenAPI document).
import { z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { isValidDate } from '../../platform/time.js'
import { MatterCode } from '../catalog/index.js'
import { isMobileOrPhone, isResidentId, isUscc } from './identity.js'
import { STATUSES } from './state.js'
import { SUSPENSION_GROUNDS } from './steps.js'

const DateStr = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')
const text = (msg: string, max = 2000) => z.string().trim().min(1, msg).max(max)

export const Applicant = z.strictObject({
  kind: z.enum(['person', 'org']).describe('person 自然人（居民身份证号）/ org 法人或其他组织（统一社会信用代码）'),
  idNumber: z.string().trim().toUpperCase().describe('18 位公民身份号码或 18 位统一社会信用代码（校验码按 GB 11643 / GB 32100 检查）'),
  name: text('请填写申请人名称', 200),
  phone: z.string().trim().refine(isMobileOrPhone, '联系电话格式不正确'),
}).superRefine((a, ctx) => {
  if (a.kind === 'person' && !isResidentId(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '公民身份号码不正确（18 位，校验码不符或出生日期无效）' })
  if (a.kind === 'org' && !isUscc(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '统一社会信用代码不正确（18 位，校验码不符）' })
}).openapi('Applicant')

const FileIds = z.array(z.string().uuid('文件编号格式不正确')).max(20)
  .describe('已上传文件的编号（POST /api/public/units/{code}/uploads 的 fileId），须属于申请的单位')
export const MaterialItem = z.strictObject({ name: text('材料名称不能为空', 200), files: FileIds.optional() }).openapi('CaseMaterial')
const Materials = z.array(MaterialItem).max(100).default([])
  .describe('提交的材料；网上申请的材料须附文件，未附文件的必需材料自动列入一次性告知书')

export const IntakeBody = z.strictObject({
  unitCode: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字').describe('收件单位'),
  matterCode: MatterCode,
  bundle: z.array(MatterCode).max(20).optional().describe('并联审批的其他事项（一条龙）'),
  channel: z.enum(['window', 'agent']).optional().describe('window 窗口 / agent 村代办（缺省按角色）'),
  applicant: Applicant,
  materials: Materials,
}).openapi('CaseIntake')

export const OnlineIntakeBody = IntakeBody.omit({ channel: true }).openapi('OnlineCaseIntake')

export const IdParams = z.object({ id: z.string().uuid('办件编号格式不正确').openapi({ param: { name: 'id', in: 'path' } }) })
export const PartParams = IdParams.extend({ partId: z.string().uuid('任务编号格式不正确').openapi({ param: { name: 'partId', in: 'path' } }) })

export const ListQuery = z.object({
  unit: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字').optional(),
  status: z.enum(STATUSES).optional(),
  matter: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, '事项编码为 4–40 位字母、数字或连字符').optional(),
  due_before: DateStr.optional(),
  dueWithin: z.coerce.number({ error: '剩余工作日应为 0–60 的整数' }).int('剩余工作日应为 0–60 的整数').min(0, '剩余工作日应为 0–60 的整数')
    .max(60, '剩余工作日应为 0–60 的整数').optional()
    .describe('即将超期：期限还剩不超过这么多个工作日（按办理单位的工作日历；含已超期，不含已中止、已办结）'),
  deemed: z.enum(['true', 'false']).optional().describe('视为受理（art. 32）'),
  ...pageQuery,
})

const Remedy = text('请写明申请人可依法申请行政复议或者提起行政诉讼的权利', 2000)
export const Bodies = {
  accept: z.strictObject({}),
  'request-supplement': z.strictObject({ items: z.array(z.strictObject({ name: text('补正事项不能为空', 200), reason: text('请说明需补正的原因', 500) })).min(1, '至少列出一项需补正的内容').max(100) }),
  supplement: z.strictObject({
    materials: z.array(z.union([text('材料名称不能为空', 200), MaterialItem])).max(100)
      .describe('补正的材料：名称，或 { name, files }（网上补正须附上传的文件）'),
    note: z.string().max(1000).optional(),
  }),
  reject: z.strictObject({ reason: text('不予受理须说明理由'), remedy: Remedy }),
  forward: z.strictObject({
    toUnitCode: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字').optional()
      .describe('接收单位；缺省时由系统按有效权力找到持有该事项（代办件：被代办事项）的最近上级单位'),
    reason: text('请说明转报原因', 1000),
  }),
  suspend: z.strictObject({ ground: z.enum(SUSPENSION_GROUNDS, { error: `中止事由应为：${SUSPENSION_GROUNDS.join('、')}` }), note: text('请写明中止情况（将书面告知申请人）', 1000) }),
  resume: z.strictObject({ note: z.string().max(1000).optional() }),
  extend: z.strictObject({ reason: text('延期须说明理由', 1000) }),
  review: z.strictObject({ opinion: text('请填写审核意见') }),
  decide: z.strictObject({ decision: z.enum(['approve', 'deny']), reasons: z.string().trim().max(2000).optional(), remedy: z.string().trim().max(2000).optional() })
    .superRefine((d, ctx) => {
      if (d.decision === 'deny' && !d.reasons) ctx.addIssue({ code: 'custom', path: ['reasons'], message: '不予许可须说明理由' })
      if (d.decision === 'deny' && !d.remedy) ctx.addIssue({ code: 'custom', path: ['remedy'], message: '不予许可须告知申请复议或诉讼的权利' })
    }),
  certify: z.strictObject({ certificateNo: text('请填写证照编号', 100), issuedOn: DateStr.optional() }),
  pay: z.strictObject({ feeReceiptNo: z.string().trim().min(1).max(100).optional(), waiverBasis: z.string().trim().min(1).max(1000).optional() })
    .superRefine((p, ctx) => {
      if (!p.feeReceiptNo && !p.waiverBasis) ctx.addIssue({ code: 'custom', path: ['feeReceiptNo'], message: '缴费须填写票据号；减免须写明依据（waiverBasis）' })
      if (p.feeReceiptNo && p.waiverBasis) ctx.addIssue({ code: 'custom', path: ['waiverBasis'], message: '缴费与减免只能选其一' })
    }),
  deliver: z.strictObject({ method: z.enum(['pickup', 'post', 'electronic']), deliveredAt: z.string().datetime({ offset: true }).optional(), trackingNo: z.string().max(100).optional() }),
} as const

export const Consultation = z.strictObject({ matterCode: MatterCode, deadlineDays: z.number().int().min(1).max(60).describe('答复期限（工作日）') })
export const PartDecision = z.strictObject({ decision: z.enum(['approve', 'deny']), reasons: z.string().trim().max(2000).optional() })
  .refine((d) => d.decision === 'approve' || !!d.reasons, { path: ['reasons'], message: '不同意须说明理由' })

export const WorkingDaysQuery = z.object({ from: DateStr, days: z.coerce.number().int().min(0).max(3650) })
export const OverrideBody = z.strictObject({ kind: z.enum(['holiday', 'workday']), name: text('请填写名称', 100) })
export const DayParam = DateStr.openapi({ param: { name: 'day', in: 'path' }, example: '2026-12-31' })
