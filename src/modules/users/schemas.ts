import { pageQuery } from '../../platform/paging.js'
import { CodeParam, z } from '../../platform/openapi.js'
import { ROLES } from './roles.js'

export const User = z.object({
  id: z.string(), unitCode: z.string(), username: z.string(), displayName: z.string(),
  roles: z.array(z.enum(ROLES)), active: z.boolean(), createdAt: z.string(),
}).openapi('User')
export type User = z.infer<typeof User>

const Password = z.string().min(10, '密码至少 10 个字符').max(256, '密码最多 256 个字符')
const Roles = z.array(z.enum(ROLES, { error: `角色应为 ${ROLES.join('、')} 之一` }))
  .min(1, '至少分配一个角色').max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, '角色不能重复')

export const CreateUser = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, '用户名为 3–64 位字母、数字或 . _ -'),
  displayName: z.string().trim().min(1, '姓名不能为空').max(50, '姓名最多 50 个字符'),
  password: Password,
  roles: Roles,
}).openapi('CreateUser')

export const UpdateUser = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  password: Password.optional(),
  roles: Roles.optional(),
  active: z.boolean().optional(),
}).refine((v) => Object.keys(v).length > 0, { message: '至少修改一个字段' }).openapi('UpdateUser')

export const IdParams = z.object({
  id: z.string().uuid('用户编号格式不正确').openapi({ param: { name: 'id', in: 'path' } }),
})
export const UnitUsersQuery = z.object({ subtree: z.enum(['true', 'false']).optional(), ...pageQuery })
export { CodeParam }
