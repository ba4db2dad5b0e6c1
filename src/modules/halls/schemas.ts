import { pageQuery } from '../../platform/paging.js'
import { CodeParam, z } from '../../platform/openapi.js'
import { DATE_RE } from '../../platform/time.js'

export const Uuid = (name: string, what: string) => z.uuid(`${what}编号格式不正确`).openapi({ param: { name, in: 'path' }, description: `${what}编号` })
export const HallParams = z.object({ code: CodeParam, hallId: Uuid('hallId', '大厅') })
export const WindowParams = z.object({ code: CodeParam, windowId: Uuid('windowId', '窗口') })
export const Day = z.string().regex(DATE_RE, '日期格式应为 YYYY-MM-DD')

export const HallBody = z.object({
  kind: z.enum(['main', 'branch'], '大厅类型应为 main（主大厅）或 branch（分中心）').describe('main 主大厅；branch 分中心（如税务、人社、交警）'),
  name: z.string().trim().min(1, '请填写大厅名称').max(60, '大厅名称不超过 60 字'),
  address: z.string().trim().max(200, '地址不超过 200 字').default(''),
  hours: z.string().trim().max(200, '开放时间不超过 200 字').default('').describe('开放时间，例如 工作日 9:00–12:00 13:30–17:00'),
  phone: z.string().trim().max(40, '电话不超过 40 字').default(''),
}).strict()
export const HallPatch = HallBody.omit({ kind: true }).partial().extend({ active: z.boolean().optional() }).strict()

export const Hall = z.object({
  id: z.string(), unitCode: z.string(), kind: z.enum(['main', 'branch']).describe('main 主大厅；branch 分中心'), name: z.string(),
  address: z.string(), hours: z.string(), phone: z.string(), active: z.boolean(), windows: z.number().describe('窗口数'),
}).openapi('Hall')
export const PublicHall = Hall.omit({ active: true }).openapi('PublicHall')
export const WindowHallBody = z.object({ hallId: z.uuid('大厅编号格式不正确') }).strict()
export const WindowHall = z.object({ windowId: z.string(), number: z.string(), hallId: z.string() })

export const SettingsBody = z.object({
  maxCalls: z.number().int().min(1).max(10).describe('呼叫几次未到可过号'),
  noShowLimit: z.number().int().min(1).max(20).describe('爽约几次暂停预约'),
  noShowWindowDays: z.number().int().min(1).max(365).describe('统计爽约的天数'),
  noShowBlockDays: z.number().int().min(1).max(365).describe('暂停预约的天数'),
  bookAheadDays: z.number().int().min(1).max(90).describe('可提前预约的天数'),
  replyDaysWindow: z.number().int().min(1).max(30).describe('窗口答复咨询的工作日'),
  replyDaysDepartment: z.number().int().min(1).max(30).describe('部门答复咨询的工作日'),
}).partial().strict()
export const Settings = SettingsBody.required().openapi('HallSettings')

export const ListQuery = z.object(pageQuery)
export const FiguresQuery = z.object({ from: Day, to: Day })
const Fig = z.object({
  tickets: z.number().describe('取号数'), avgWaitSeconds: z.number().nullable().describe('平均等候（秒）'),
  avgServiceSeconds: z.number().nullable().describe('平均办理（秒）'), evaluations: z.number().describe('评价数'),
  satisfiedShare: z.number().nullable().describe('满意率（满意及非常满意）'),
})
export const HallFigures = z.object({
  total: Fig.describe('本单位及下级合计'),
  units: z.array(Fig.extend({ unitCode: z.string(), name: z.string() })).describe('各单位（含其大厅）'),
  halls: z.array(Fig.extend({ unitCode: z.string(), hallId: z.string().nullable(), name: z.string() })).describe('各大厅（未关联窗口的评价记为 null）'),
}).openapi('HallFigures')
