import { CodeParam, z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { Day, Uuid } from '../halls/index.js'

export const TicketParams = z.object({ code: CodeParam, ticketId: Uuid('ticketId', '号票') })
export const PublicTicketParams = z.object({ code: CodeParam, hallId: Uuid('hallId', '大厅'), ticketId: Uuid('ticketId', '号票') })
export const GroupBody = z.object({
  prefix: z.string().regex(/^[A-Z]$/, '号头应为一个大写字母，例如 A').describe('号头（A012 的 A）'),
  name: z.string().trim().min(1, '请填写业务分组名称').max(40, '名称不超过 40 字'),
  matterCodes: z.array(z.string().trim().min(1).max(64)).max(500).default([]).describe('本组办理的事项编码'),
}).strict()
export const Group = z.object({ id: z.string(), hallId: z.string(), prefix: z.string(), name: z.string(), matterCodes: z.array(z.string()), active: z.boolean() }).openapi('ServiceGroup')
export const PublicGroup = Group.pick({ id: true, hallId: true, prefix: true, name: true }).openapi('PublicServiceGroup')
export const WindowGroupsBody = z.object({ groupIds: z.array(z.uuid('业务分组编号格式不正确')).max(50) }).strict()
export const WindowGroups = z.object({ windowId: z.string(), groupIds: z.array(z.string()) })

export const TakeBody = z.object({
  groupId: z.uuid('业务分组编号格式不正确'),
  channel: z.enum(['kiosk', 'phone'], '取号渠道应为 kiosk（取号机）或 phone（手机）'),
  priority: z.enum(['elderly', 'disabled'], '绿色通道应为 elderly（老年人）或 disabled（残疾人）').optional().describe('绿色通道（预约者签到时自动进入）'),
  name: z.string().trim().min(1).max(40, '姓名不超过 40 字').optional().describe('姓名（只保存脱敏后的形式，如 张*）'),
}).strict()

const statuses = ['waiting', 'called', 'serving', 'done', 'skipped'] as const
export const Ticket = z.object({
  id: z.string(), hallId: z.string(), groupId: z.string(), day: z.string(), number: z.string().describe('号码，如 A012'),
  priority: z.boolean().describe('绿色通道'), priorityReason: z.enum(['elderly', 'disabled', 'appointment']).nullable(),
  channel: z.enum(['kiosk', 'phone', 'appointment']), name: z.string().describe('脱敏姓名'),
  status: z.enum(statuses).describe('waiting 等候；called 已呼叫；serving 办理中；done 办结；skipped 过号'),
  callCount: z.number(), windowId: z.string().nullable(), caseId: z.string().nullable(),
  takenAt: z.string(), calledAt: z.string().nullable(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
}).openapi('QueueTicket')
export const TakenTicket = z.object({
  id: z.string(), number: z.string(), hallName: z.string(), groupName: z.string(), priority: z.boolean(),
  status: z.enum(statuses), ahead: z.number().describe('前面等候人数'), takenAt: z.string(),
}).openapi('TakenTicket')
export const CallResult = z.object({ ticket: Ticket.nullable().describe('无人等候时为 null'), spoken: z.string().nullable().describe('叫号语音文本') })
export const TicketListQuery = z.object({ ...pageQuery, day: Day.optional().describe('默认今天'), status: z.enum(statuses).optional() })
export const TransferBody = z.object({ groupId: z.uuid('业务分组编号格式不正确') }).strict()
export const LinkCaseBody = z.object({ caseId: z.uuid('办件编号格式不正确') }).strict()
export const Empty = z.object({}).strict()
export const QueueFiguresQuery = z.object({ from: Day, to: Day })
const Row = z.object({ key: z.string().nullable(), name: z.string().nullable(), tickets: z.number(), avgWaitSeconds: z.number().nullable(), avgServiceSeconds: z.number().nullable() })
export const QueueFigures = z.object({
  byHall: z.array(Row), byWindow: z.array(Row), byGroup: z.array(Row), byHour: z.array(Row).describe('按取号时段（北京时间小时）'),
  byDay: z.array(Row).describe('每日取号数'),
}).openapi('QueueFigures')
