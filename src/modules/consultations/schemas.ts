import { CodeParam, z } from '../../platform/openapi.js'
import { pageQuery } from '../../platform/paging.js'
import { MatterCode } from '../catalog/index.js'
import { Uuid } from '../halls/index.js'

export const AskBody = z.object({
  matterCode: z.string().trim().min(1, '请选择咨询的事项').max(64),
  question: z.string().trim().min(5, '咨询内容至少 5 个字').max(2000, '咨询内容不超过 2000 字'),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 字'),
}).strict()
export const Asked = z.object({
  questionNo: z.string().describe('咨询编号'), queryCode: z.string().describe('查询码（只显示这一次）'),
  dueDate: z.string().describe('答复期限（工作日）'), routedTo: z.string().describe('答复的窗口或部门'), notice: z.string(),
})
export const Consultation = z.object({
  id: z.string(), unitCode: z.string(), questionNo: z.string(), matterCode: z.string(), matterName: z.string(), question: z.string(),
  asker: z.string().describe('脱敏姓名'), route: z.enum(['window', 'department']), windowId: z.string().nullable(), department: z.string(),
  dueDate: z.string(), overdue: z.boolean().describe('已过答复期限仍未答复'),
  workingDaysLeft: z.number().int().nullable().optional().describe('距答复期限还剩几个工作日（按本单位工作日历，含法定节假日、调休和本地节假日；0 为今日到期，负数为已超期；已答复为 null）。仅列表返回'), status: z.enum(['open', 'answered']), answer: z.string().nullable(),
  answeredAt: z.string().nullable(), forwards: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string(), at: z.string() })),
  published: z.boolean(), rating: z.number().nullable(), askedAt: z.string(),
}).openapi('Consultation')
export const PublicConsultation = Consultation.pick({ questionNo: true, matterCode: true, matterName: true, question: true, dueDate: true, status: true, answer: true, answeredAt: true, rating: true })
  .extend({ routedTo: z.string() }).openapi('PublicConsultation')
export const ListQuery = z.object({
  ...pageQuery, overdue: z.enum(['true', 'false'], 'overdue 应为 true 或 false').optional().describe('true：只列已超期未答复的（督办）'),
  status: z.enum(['open', 'answered'], '状态应为 open 或 answered').optional(),
})
export const ConsultationParams = z.object({ code: CodeParam, consultationId: Uuid('consultationId', '咨询') })
export const AnswerBody = z.object({ answer: z.string().trim().min(2, '请填写答复内容').max(4000, '答复不超过 4000 字') }).strict()
export const ForwardBody = z.object({
  windowId: z.uuid('窗口编号格式不正确').optional(), department: z.string().trim().min(1).max(60).optional(),
  reason: z.string().trim().min(2, '请说明转办理由').max(200),
}).strict().refine((b) => !!b.windowId !== !!b.department, { message: '请指定转给一个窗口或一个部门（二选一）', path: ['windowId'] })
export const PublishBody = z.object({
  question: z.string().trim().min(5).max(2000).optional().describe('公开时的问题文字（可编辑，去掉个人信息）'),
  answer: z.string().trim().min(2).max(4000).optional(),
}).strict()
export const QuestionParam = z.object({
  questionNo: z.string().regex(/^[0-9]{12}-[0-9]{8}-Z[0-9]{4,6}$/, '咨询编号格式不正确').openapi({ param: { name: 'questionNo', in: 'path' }, example: '341502001000-20261124-Z0001' }),
})
export const QueryCodeQuery = z.object({ queryCode: z.string().trim().min(1, '请输入查询码').max(20) })
export const RatingBody = z.object({ queryCode: z.string().trim().min(1, '请输入查询码').max(20), rating: z.number().int('评分应为 1–5 的整数').min(1, '评分应为 1–5 的整数').max(5, '评分应为 1–5 的整数') }).strict()
export const Faq = z.object({ question: z.string(), answer: z.string(), publishedAt: z.string() }).openapi('CommonQuestion')
export const FaqParams = z.object({ code: CodeParam, matterCode: MatterCode })
export const FaqQuery = z.object(pageQuery)
