import { pageQuery } from '../../platform/paging.js'
import { CodeParam, z } from '../../platform/openapi.js'
import { LEVELS } from './codes.js'

export const Unit = z.object({
  code: z.string(), parentCode: z.string().nullable(), level: z.enum(LEVELS), name: z.string(),
  servicePointName: z.string(), expandedPowerPilot: z.boolean(), active: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
}).openapi('Unit')
export type Unit = z.infer<typeof Unit>

const Name = z.string().trim().min(1, '名称不能为空').max(100, '名称最多 100 个字符')

export const CreateUnit = z.strictObject({
  code: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字'),
  name: Name,
  servicePointName: Name.optional().describe('服务站点名称；缺省按层级生成，如“XX为民服务中心”'),
}).openapi('CreateUnit')

export const UpdateUnit = z.strictObject({
  name: Name.optional(),
  servicePointName: Name.optional(),
  active: z.boolean().optional().describe('false 停用本单位及其全部下级（单位只停用，不删除）'),
  expandedPowerPilot: z.boolean().optional().describe('扩权强镇试点（仅乡镇，由上级设置）'),
}).refine((v) => Object.keys(v).length > 0, { message: '至少修改一个字段' }).openapi('UpdateUnit')

export const ImportUnits = z.strictObject({
  units: z.array(z.strictObject({
    code: z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字'),
    name: Name,
    servicePointName: Name.optional(),
  })).min(1, '至少导入一个单位').max(50000, '一次最多导入 50000 个单位'),
}).openapi('ImportUnits')

export const ImportResult = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }).openapi('ImportResult')

export const CodeParams = z.object({ code: CodeParam })
export const ListQuery = z.object({
  includeInactive: z.enum(['true', 'false']).optional(),
  ...pageQuery,
})
