import { CodeParam, z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { Day, Uuid } from '../halls/index.js'

export const RowIn = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 字'),
  idNumber: z.string().trim().toUpperCase().regex(/^[0-9]{17}[0-9X]$/, '身份证号应为 18 位').optional(),
  phone: z.string().trim().regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, '电话格式不正确').optional(),
  items: z.record(z.string().trim().min(1).max(20), z.string().trim().max(200)).default({}).describe('其他列，例如 {"村组":"红街一组","金额":"580 元/月"}'),
}).strict()
export const ListBody = z.object({
  type: z.string().trim().min(1, '请填写公示类型').max(40).describe('例如 低保、征地补偿、惠民补贴'),
  title: z.string().trim().min(1, '请填写标题').max(200),
  basis: z.string().trim().min(1, '请填写公示依据').max(500),
  periodDays: z.number().int('公示期应为整数个工作日').min(1, '公示期至少 1 个工作日').max(60, '公示期不超过 60 个工作日').default(7),
  startsOn: Day.optional().describe('公示开始日（默认今天）'),
  endAction: z.enum(['withdraw', 'archive'], '期满处理应为 withdraw（撤下）或 archive（存档可查）'),
  rows: z.array(RowIn).min(1, '请至少列出一行').max(2000, '一次最多 2000 行'),
}).strict()
const status = z.enum(['scheduled', 'open', 'withdrawn', 'archived']).describe('scheduled 未开始；open 公示中（可提异议）；withdrawn 期满撤下；archived 期满存档')
export const MaskedRow = z.object({ ord: z.number(), name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable(), items: z.record(z.string(), z.string()) })
export const Objection = z.object({ id: z.string(), rowOrd: z.number().nullable(), text: z.string(), lodgedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() })
export const StaffObjection = Objection.extend({ contactName: z.string(), contactPhone: z.string() })
export const ListSummary = z.object({
  id: z.string(), unitCode: z.string(), type: z.string(), title: z.string(), basis: z.string(), periodDays: z.number(),
  startsOn: z.string(), endsOn: z.string().describe('公示期最后一天（工作日）'), endAction: z.enum(['withdraw', 'archive']), status, rows: z.number(),
}).openapi('PublicityList')
export const PublicList = ListSummary.extend({ items: z.array(MaskedRow), objections: z.array(Objection).describe('已答复的异议') }).openapi('PublicPublicity')
export const StaffList = ListSummary.extend({ items: z.array(MaskedRow.extend({ raw: RowIn })), objections: z.array(StaffObjection) }).openapi('StaffPublicity')
export const ListParams = z.object({ code: CodeParam, listId: Uuid('listId', '公示') })
export const ObjectionParams = ListParams.extend({ objectionId: Uuid('objectionId', '异议') })
export const ObjectionBody = z.object({
  text: z.string().trim().min(5, '异议内容至少 5 个字').max(2000),
  name: z.string().trim().min(1, '请填写姓名').max(40),
  phone: z.string().trim().regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, '电话格式不正确'),
  rowOrd: z.number().int().min(1).optional().describe('针对的行号'),
}).strict()
export const Lodged = z.object({ id: z.string(), notice: z.string() })
export const AnswerBody = z.object({ answer: z.string().trim().min(2, '请填写答复内容').max(4000) }).strict()
export const PageQuery = z.object(pageQuery)
