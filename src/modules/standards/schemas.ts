// Checklist templates (建设标准清单), inspection inputs and task actions. The same template
// schema validates the API, the tenant pack (tenants/luan/standards.json) and stored JSON.
import { CodeParam, z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { isValidDate } from '../../platform/time.js'

export const TIERS = ['township', 'village'] as const
export type Tier = (typeof TIERS)[number]
export const TIER_NAMES: Record<Tier, string> = { township: '乡镇(街道)为民服务中心', village: '村(社区)为民服务工作站' }

export const ITEM_KINDS = ['boolean', 'number', 'text', 'evidence'] as const
// The four basics behind "built" (建成) and the "一有三无" pattern (a signboard but no site,
// no equipment, no staff).
export const BASICS = ['signboard', 'site', 'equipment', 'staff'] as const
export type Basic = (typeof BASICS)[number]
export const BASIC_NAMES: Record<Basic, string> = { signboard: '标识牌子', site: '场所', equipment: '设备', staff: '人员' }

export const GRADES = ['demonstration', 'standard', 'simple', 'substandard'] as const
export type Grade = (typeof GRADES)[number]
export const GRADE_NAMES: Record<Grade, string> = { demonstration: '示范型', standard: '标准型', simple: '简易型', substandard: '不达标' }

const Percent = z.number().min(0, '应在 0–100 之间').max(100, '应在 0–100 之间')
const Days = z.number().int('应为整数个工作日').min(1, '至少 1 个工作日').max(250, '最多 250 个工作日')

export const TemplateItem = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '项目编码为小写字母开头的字母、数字或下划线（最多 40 位）')
    .describe('项目编码，跨版本、跨层级不变；下级用同一编码提高上级项目的要求'),
  label: z.string().trim().min(1, '项目名称不能为空').max(100, '项目名称最多 100 个字符'),
  kind: z.enum(ITEM_KINDS, { error: `项目类型应为 ${ITEM_KINDS.join('、')} 之一` })
    .describe('boolean 有/无；number 数值（须达到 min）；text 文字（signboard: 牌子须与规范名称一字不差）；evidence 照片或文件'),
  weight: z.number().min(0, '权重不能为负').max(100, '权重最多 100'),
  critical: z.boolean().default(false).describe('关键项：不合格即“不达标”（一票否决）'),
  basic: z.enum(BASICS).optional().describe('基本条件：signboard 牌子、site 场所、equipment 设备、staff 人员（判定建成与“一有三无”）'),
  min: z.number().min(0).max(1e6).optional().describe('number 项的最低值（如面积 ≥ 40 平方米）'),
  unit: z.string().max(10).optional().describe('number 项的计量单位，如 平方米、人、个'),
  match: z.enum(['signboard', 'nonEmpty']).optional().describe('text 项：signboard 须为“<单位名称>为民服务中心/工作站”；缺省 nonEmpty'),
  minFiles: z.number().int().min(1).max(20).optional().describe('evidence 项至少上传的文件数（缺省 1）'),
  rectifyDays: Days.optional().describe('本项整改时限（工作日），缺省用清单的 rectificationDays'),
  guidance: z.string().max(500).optional().describe('检查说明'),
})
export type TemplateItem = z.infer<typeof TemplateItem>

export const Grading = z.strictObject({
  demonstration: Percent.describe('示范型最低分'),
  standard: Percent.describe('标准型最低分'),
  simple: Percent.describe('简易型最低分；低于此为不达标'),
})
export type Grading = z.infer<typeof Grading>

export const Targets = z.strictObject({
  builtRate: Percent.optional().describe('建成率目标（%）'),
  standardisedRate: Percent.optional().describe('规范化率目标（%）'),
})
export type Targets = z.infer<typeof Targets>

export const TemplateBody = z.strictObject({
  items: z.array(TemplateItem).max(200, '最多 200 项'),
  grading: Grading.optional().describe('分档线（市级必填；县、乡只能提高）'),
  targets: Targets.optional().describe('建成率、规范化率目标（市级设定；下级只能提高）'),
  rectificationDays: Days.optional().describe('整改时限（工作日，缺省 20；下级只能缩短）'),
}).openapi('StandardTemplateBody')
export type TemplateBody = z.infer<typeof TemplateBody>

export const PublishInput = z.strictObject({ note: z.string().max(500).optional() })

const DateStr = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')
const EvidenceIds = z.array(z.string().uuid('证明材料编号格式不正确')).max(20, '每项最多 20 个文件')

export const ItemResult = z.strictObject({
  key: z.string().max(40),
  value: z.union([z.boolean(), z.number(), z.string().max(200)]).nullable().optional()
    .describe('boolean 项填 true/false；number 项填数值；text 项填牌子上的文字；evidence 项可省略'),
  note: z.string().max(1000).optional(),
  evidence: EvidenceIds.optional().describe('先经 POST /api/units/{code}/evidence 上传，再填其编号'),
})
export type ItemResult = z.infer<typeof ItemResult>

export const InspectionInput = z.strictObject({
  inspectedOn: DateStr.optional().describe('检查日期（缺省为今天，北京时间；不能是将来）'),
  results: z.array(ItemResult).min(1, '请逐项填写检查结果').max(200),
  note: z.string().max(2000).optional(),
}).openapi('InspectionInput')
export type InspectionInput = z.infer<typeof InspectionInput>

export const InspectionsQuery = z.object({
  kind: z.enum(['inspection', 'self_report']).optional(),
  subtree: z.enum(['true', 'false']).optional().describe('true 含全部下级'),
  ...pageQuery,
})

export const RectificationsQuery = z.object({
  status: z.enum(['open', 'reported', 'verified']).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true 只列逾期未整改的'),
  subtree: z.enum(['true', 'false']).optional().describe('缺省 true：含全部下级（上级查看）；false 只列本单位'),
  ...pageQuery,
})

export const OpenRectification = z.strictObject({
  title: z.string().trim().min(1, '请填写整改事项').max(200),
  detail: z.string().max(2000).optional(),
  dueInWorkingDays: Days,
}).openapi('OpenRectification')

export const ReportFix = z.strictObject({
  note: z.string().trim().min(1, '请说明整改情况').max(2000).describe('整改情况：做了什么'),
  // Photos help but are not required: a fix such as a posted notice or a trained clerk may have none.
  evidence: EvidenceIds.default([]).describe('整改后的照片或文件（证明材料编号，可不附）'),
  fixedOn: DateStr.optional().describe('整改完成日期（YYYY-MM-DD）；缺省为今天；不能晚于今天，不能早于任务下达日'),
}).openapi('ReportFix')
export const Reopen = z.strictObject({
  note: z.string().trim().min(1, '请说明退回理由').max(2000),
  dueInWorkingDays: Days.optional().describe('重新给定的整改时限（工作日，自今天起算）；缺省保留原期限'),
}).openapi('ReopenRectification')
export const Verify = z.strictObject({
  note: z.string().trim().max(2000).optional().describe('核验意见；未经上报直接现场复核时必填'),
  evidence: EvidenceIds.optional(),
}).openapi('VerifyRectification')

export const Params = z.object({ code: CodeParam })
export const IdParams = z.object({
  id: z.string().uuid('整改任务编号格式不正确').openapi({ param: { name: 'id', in: 'path' } }),
})
export const EvidenceParams = z.object({
  code: CodeParam,
  evidenceId: z.string().uuid('证明材料编号格式不正确').openapi({ param: { name: 'evidenceId', in: 'path' } }),
})
export const UploadQuery = z.object({ filename: z.string().max(200).optional().describe('原文件名（仅作显示）') })
