import { CodeParam, z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { Day } from '../halls/index.js'

const Time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式应为 HH:MM')
export const SlotsBody = z.object({
  groupId: z.uuid('业务分组编号格式不正确'),
  from: Day, to: Day,
  times: z.array(z.object({ starts: Time, ends: Time, capacity: z.number().int('名额应为整数').min(1, '名额至少为 1').max(1000, '名额不超过 1000') }).strict())
    .min(1, '请至少设置一个时段').max(20, '每天最多 20 个时段'),
}).strict()
export const SlotsCreated = z.object({ created: z.number().describe('新建的时段数'), days: z.array(z.string()).describe('放号的工作日（非工作日不放号）') })
export const Slot = z.object({
  id: z.string(), hallId: z.string(), groupId: z.string(), day: z.string(), starts: z.string(), ends: z.string(),
  capacity: z.number(), booked: z.number(), remaining: z.number(),
}).openapi('AppointmentSlot')
export const SlotQuery = z.object({ ...pageQuery, from: Day, to: Day, groupId: z.uuid('业务分组编号格式不正确').optional() })
export const BookBody = z.object({
  slotId: z.uuid('时段编号格式不正确'),
  idNumber: z.string().trim().toUpperCase().min(1, '请填写身份证号').max(18),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 字'),
  phone: z.string().trim().regex(/^1[3-9][0-9]{9}$/, '手机号格式不正确'),
}).strict()
export const Booked = z.object({
  bookingNo: z.string().describe('预约号'), queryCode: z.string().describe('查询码（只显示这一次）'), notice: z.string(),
  appointment: z.lazy(() => Appointment),
})
const statuses = ['booked', 'cancelled', 'checked_in', 'no_show'] as const
export const Appointment = z.object({
  bookingNo: z.string(), hallId: z.string(), groupId: z.string(), day: z.string(), starts: z.string(), ends: z.string(),
  name: z.string().describe('脱敏姓名'), idNumber: z.string().describe('脱敏身份证号'), phone: z.string().describe('脱敏手机号'),
  status: z.enum(statuses).describe('booked 已预约；cancelled 已取消；checked_in 已签到取号；no_show 爽约（过了预约日未签到）'),
  ticketId: z.string().nullable(),
}).openapi('Appointment')
export const BookingParam = z.object({
  bookingNo: z.string().regex(/^[0-9]{12}-[0-9]{8}-Y[0-9]{4,6}$/, '预约号格式不正确').openapi({ param: { name: 'bookingNo', in: 'path' }, example: '341502001000-20261124-Y0001' }),
})
export const QueryCodeBody = z.object({ queryCode: z.string().trim().min(1, '请输入查询码').max(20) }).strict()
export const QueryCodeQuery = QueryCodeBody
export const CheckedIn = z.object({ appointment: Appointment, ticket: z.object({ id: z.string(), number: z.string(), priority: z.boolean(), ahead: z.number(), hallName: z.string(), groupName: z.string(), status: z.string(), takenAt: z.string() }) })
export const AppointmentListQuery = z.object({ ...pageQuery, day: Day.optional().describe('默认今天') })
export const UnitParam = z.object({ code: CodeParam })
