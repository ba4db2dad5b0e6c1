import { page } from '../../platform/paging.js'
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { body, errorResponses, json, router, z } from '../../platform/openapi.js'
import { CodeParam, CreateUser, IdParams, UnitUsersQuery, UpdateUser, User } from './schemas.js'
import { createUser, getUser, listUsers, unlockUser, updateUser } from './service.js'

const tags = ['账号与角色']
const UnitParams = z.object({ code: CodeParam })

/** Mounted under /api/units: the accounts of one unit. */
export const unitUsers = router()
  .openapi(createRoute({
    method: 'post', path: '/{code}/users', tags, summary: '在本辖区单位创建账号（角色须适合该层级）',
    request: { params: UnitParams, ...body(CreateUser) },
    responses: { 201: json(User, '已创建'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => createUser(ctx, c.req.valid('param').code, c.req.valid('json'))), 201))
  .openapi(createRoute({
    method: 'get', path: '/{code}/users', tags, summary: '单位账号列表（分页；subtree=true 含全部下级）',
    description: '按（单位代码, 用户名）升序分页。',
    request: { params: UnitParams, query: UnitUsersQuery },
    responses: { 200: json(page(User, 'UserPage'), '账号（一页）'), ...errorResponses },
  }), async (c) => {
    const { subtree, ...q } = c.req.valid('query')
    return c.json(await asActor(c, (ctx) => listUsers(ctx, c.req.valid('param').code, subtree === 'true', q)), 200)
  })

/** Mounted under /api/users: one account. */
export const users = router()
  .openapi(createRoute({
    method: 'get', path: '/{id}', tags, summary: '查看账号', request: { params: IdParams },
    responses: { 200: json(User, '账号'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => getUser(ctx, c.req.valid('param').id)), 200))
  .openapi(createRoute({
    method: 'patch', path: '/{id}', tags, summary: '修改账号（姓名、密码、角色、停用）；不能修改自己的角色',
    request: { params: IdParams, ...body(UpdateUser) },
    responses: { 200: json(User, '已修改'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => updateUser(ctx, c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(createRoute({
    method: 'post', path: '/{id}/unlock', tags, summary: '解除账号的登录锁定（所有来源地址；上级或本单位中心管理员，不能解除自己的）',
    request: { params: IdParams },
    responses: { 200: json(z.object({ user: User, cleared: z.number().int().describe('清除的失败计数条数') }), '已解除'), ...errorResponses },
  }), async (c) => c.json(await asActor(c, (ctx) => unlockUser(ctx, c.req.valid('param').id)), 200))
