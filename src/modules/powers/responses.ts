// Response schemas of the powers routes (grants, effective powers, windows).
import { Day, Instant, z } from '../../platform/openapi.js'
import { RIGHTS } from './holdings.js'

const Right = z.enum(RIGHTS).openapi({ description: '权限：accept 受理、review 审核、decide 审批决定、certify 制证、seal 印章使用、deliver 送达' })

export const GrantOut = z.object({
  id: z.string().uuid(),
  grantorCode: z.string().openapi({ description: '授权单位代码' }),
  granteeCode: z.string().openapi({ description: '被授权单位代码' }),
  matterCode: z.string().openapi({ description: '事项编码' }),
  kind: z.enum(['delegation', 'entrustment']).openapi({ description: 'delegation 下放 / entrustment 委托' }),
  rights: z.array(Right),
  documentNo: z.string().openapi({ description: '文件文号' }),
  legalBasis: z.string().openapi({ description: '法律依据' }),
  validFrom: Day.openapi({ description: '生效日' }),
  validUntil: Day.nullable().openapi({ description: '失效日（null 为长期）' }),
  revokedAt: Instant.nullable().openapi({ description: '撤销时刻（未撤销为 null）' }),
  revokeReason: z.string().nullable().openapi({ description: '撤销理由' }),
}).openapi('Grant')

export const Holding = z.object({
  matterCode: z.string(),
  source: z.enum(['statutory', 'delegation', 'entrustment']).openapi({ description: '来源：statutory 法定本级 / delegation 下放 / entrustment 委托' }),
  grantId: z.string().uuid().nullable().openapi({ description: '授权编号（法定本级为 null）' }),
  grantor: z.string().nullable().openapi({ description: '授权单位代码' }),
  rights: z.array(Right),
  validUntil: Day.nullable(),
  name: z.string().openapi({ description: '事项名称' }),
  department: z.string().openapi({ description: '实施机关' }),
}).openapi('Holding')

export const MyRights = z.object({ matterCode: z.string(), rights: z.array(Right) }).openapi('MatterRights')

export const WindowOut = z.object({
  id: z.string().uuid(),
  number: z.string().openapi({ description: '窗口号' }),
  name: z.string().openapi({ description: '窗口名称' }),
  departments: z.array(z.string()).openapi({ description: '进驻部门' }),
  active: z.boolean(),
  staff: z.array(z.object({ userId: z.string().uuid(), displayName: z.string() })).openapi({ description: '窗口人员' }),
  rights: z.array(MyRights).openapi({ description: '窗口授权（逐事项）' }),
  hallId: z.string().uuid().nullable().optional().openapi({ description: '所在大厅' }),
  groupIds: z.array(z.string().uuid()).optional().openapi({ description: '窗口服务的排队业务分组' }),
}).openapi('Window')

export const grantExample = {
  id: '6f1c2a4e-0000-4000-8000-000000000001', grantorCode: '341502000000', granteeCode: '341502001000', matterCode: '000000000001',
  kind: 'delegation', rights: ['accept', 'review', 'decide'], documentNo: '金政办〔2026〕12号', legalBasis: '《行政许可法》第二十四条',
  validFrom: '2026-11-01', validUntil: null, revokedAt: null, revokeReason: null,
}
