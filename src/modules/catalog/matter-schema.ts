// A matter (政务服务事项) with its public "八公开" elements and service-guide details.
// The same schema validates the API, the tenant pack files and the stored JSON.
import { z } from '../../platform/openapi.js'
import { LEVELS } from '../units/index.js'

export const MATTER_TYPES = ['行政许可', '行政给付', '行政确认', '行政征收', '行政裁决', '行政奖励', '其他行政权力', '公共服务'] as const
// 权力来源
export const POWER_SOURCES = ['法定本级行使', '上级下放', '上级委托', '上级授权', '同级委托', '同级授权', '其他'] as const
export const DELIVERY = ['pickup', 'post', 'electronic'] as const
// 通办范围
export const HANDLING_SCOPES = ['county', 'cross_county', 'city'] as const

const Limit = z.strictObject({
  days: z.number().int('时限应为整数天').min(0, '时限不能为负').max(3650),
  unit: z.enum(['working', 'natural']).default('working').describe('working 工作日（缺省）或 natural 自然日'),
})

export const Material = z.strictObject({
  name: z.string().trim().min(1, '材料名称不能为空').max(200),
  required: z.boolean().default(true),
  form: z.enum(['original', 'copy', 'original_and_copy']).default('original').describe('原件/复印件/原件及复印件'),
  copies: z.number().int().min(1, '份数至少为 1').max(99).default(1),
  template: z.string().max(500).optional().describe('空白表格或示范文本的引用'),
  notes: z.string().max(1000).optional(),
})

export const Fee = z.strictObject({
  name: z.string().trim().min(1, '收费项目名称不能为空').max(200),
  basis: z.string().trim().min(1, '收费依据不能为空').max(1000),
  amount: z.number().min(0, '收费金额不能为负').max(1e9).optional().describe('元；按规则计费时省略'),
  rule: z.string().max(1000).optional(),
})

export const MatterElements = z.strictObject({
  name: z.string().trim().min(1, '事项名称不能为空').max(200),
  type: z.enum(MATTER_TYPES, { error: `事项类型应为：${MATTER_TYPES.join('、')}` }),
  department: z.string().trim().min(1, '实施部门不能为空').max(100),
  legalBasis: z.string().max(5000).default('').describe('设定依据'),
  conditions: z.array(z.string().max(1000)).default([]).describe('申请条件'),
  materials: z.array(Material).default([]),
  steps: z.array(z.string().max(500)).default([]).describe('办理程序'),
  statutoryLimit: Limit.describe('法定时限'),
  promisedLimit: Limit.nullable().default(null).describe('承诺时限；即办件为 null'),
  instant: z.boolean().default(false).describe('即办件：当场办结'),
  free: z.boolean().describe('不收费须明确为 true'),
  fees: z.array(Fee).default([]),
  result: z.strictObject({
    name: z.string().max(200).describe('结果名称（证照或文书）'),
    delivery: z.array(z.enum(DELIVERY)).min(1, '至少一种送达方式'),
  }),
  visits: z.number().int().min(0).max(10).describe('到现场次数（0 次、1 次…）'),
  online: z.boolean().default(false),
  booking: z.boolean().default(false),
  postDelivery: z.boolean().default(false),
  agentService: z.boolean().default(false).describe('可代办'),
  // 全程代理: the matter a village agent matter stands for; the case goes to the unit holding its power.
  agentFor: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, '事项编码为 4–40 位字母、数字或连字符').optional().describe('被代办事项的编码（村代办事项转报后按该事项办理）'),
  handlingScope: z.enum(HANDLING_SCOPES).default('county').describe('通办范围'),
  supervisionPhone: z.string().max(50).default(''),
  notes: z.string().max(5000).default(''),
  commonMistakes: z.array(z.string().max(500)).default([]),
  powerSource: z.enum(POWER_SOURCES).default('法定本级行使').describe('权力来源'),
  exerciseLevel: z.enum(LEVELS).describe('行使层级'),
  reserved: z.boolean().default(false).describe('县级保留：只能下放给扩权强镇试点乡镇'),
}).openapi('MatterElements')
export type MatterElements = z.infer<typeof MatterElements>

export const MatterCode = z.string().regex(/^[0-9A-Za-z-]{4,40}$/, '事项编码为 4–40 位字母、数字或连字符')
  .openapi({ param: { name: 'matterCode', in: 'path' }, example: '3415-SCJG-XK-0001' })

type Issue = { field: string; message: string }

/** Rules of one matter on its own (八公开 consistency). */
export function checkMatter(m: MatterElements): Issue[] {
  const out: Issue[] = []
  if (m.instant && m.promisedLimit) out.push({ field: 'promisedLimit', message: '即办件不设承诺时限' })
  if (!m.instant && !m.promisedLimit) out.push({ field: 'promisedLimit', message: '承诺件须填写承诺时限' })
  if (m.promisedLimit) {
    if (m.promisedLimit.unit !== m.statutoryLimit.unit) out.push({ field: 'promisedLimit.unit', message: '承诺时限与法定时限应使用同一计时单位' })
    else if (m.promisedLimit.days > m.statutoryLimit.days) out.push({ field: 'promisedLimit.days', message: `承诺时限（${m.promisedLimit.days}）不能超过法定时限（${m.statutoryLimit.days}）` })
  }
  if (m.type === '行政许可' && !m.legalBasis.trim()) out.push({ field: 'legalBasis', message: '行政许可必须写明设定依据' })
  const names = new Set<string>()
  m.materials.forEach((mat, i) => {
    if (names.has(mat.name)) out.push({ field: `materials[${i}].name`, message: `材料“${mat.name}”重复` })
    names.add(mat.name)
  })
  if (m.free && m.fees.length) out.push({ field: 'fees', message: '已标明不收费，不能再列收费项目' })
  if (!m.free && !m.fees.length) out.push({ field: 'fees', message: '收费事项须列明收费项目；不收费请将 free 设为 true' })
  m.fees.forEach((f, i) => {
    if (f.amount === undefined && !f.rule) out.push({ field: `fees[${i}]`, message: '收费项目须写明金额或计费规则' })
  })
  return out
}

/**
 * A lower tier may tighten its local elements (shorter promised limit, fewer materials,
 * lower fees, fewer visits), never loosen what the upper tier fixed.
 */
/** Key-order-independent JSON (jsonb does not keep key order). */
const canonical = (v: unknown): string => Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
  : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(',')}}`
  : JSON.stringify(v)

export function checkTightening(lower: MatterElements, upper: MatterElements, upperName: string): Issue[] {
  const out: Issue[] = []
  const fixed = (field: keyof MatterElements, label: string) => {
    if (canonical(lower[field]) !== canonical(upper[field])) out.push({ field, message: `${label}由${upperName}确定，不能修改` })
  }
  fixed('name', '事项名称'); fixed('type', '事项类型'); fixed('legalBasis', '设定依据'); fixed('statutoryLimit', '法定时限')
  if (upper.instant && !lower.instant) out.push({ field: 'instant', message: `${upperName}定为即办件，不能改为承诺件` })
  if (lower.promisedLimit && upper.promisedLimit && lower.promisedLimit.days > upper.promisedLimit.days) {
    out.push({ field: 'promisedLimit.days', message: `承诺时限不能长于${upperName}的 ${upper.promisedLimit.days} 天` })
  }
  const upperMaterials = new Map(upper.materials.map((m) => [m.name, m]))
  lower.materials.forEach((m, i) => {
    const u = upperMaterials.get(m.name)
    if (!u) out.push({ field: `materials[${i}].name`, message: `不能增加${upperName}目录之外的材料“${m.name}”` })
    else if (m.required && !u.required) out.push({ field: `materials[${i}].required`, message: `“${m.name}”在${upperName}目录中为非必需，不能改为必需` })
    else if (m.copies > u.copies) out.push({ field: `materials[${i}].copies`, message: `“${m.name}”份数不能多于 ${u.copies}` })
  })
  if (upper.free && !lower.free) out.push({ field: 'free', message: `${upperName}定为不收费，不能收费` })
  const upperFees = new Map(upper.fees.map((f) => [f.name, f]))
  lower.fees.forEach((f, i) => {
    const u = upperFees.get(f.name)
    if (!u) out.push({ field: `fees[${i}].name`, message: `不能增加${upperName}目录之外的收费项目“${f.name}”` })
    else if (f.amount !== undefined && u.amount !== undefined && f.amount > u.amount) {
      out.push({ field: `fees[${i}].amount`, message: `收费不能高于${upperName}的 ${u.amount} 元` })
    }
  })
  if (lower.visits > upper.visits) out.push({ field: 'visits', message: `到现场次数不能多于${upperName}的 ${upper.visits} 次` })
  return out
}
