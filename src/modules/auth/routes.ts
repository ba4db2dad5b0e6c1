import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/context.js'
import { TooManyRequests, Unauthenticated } from '../../platform/errors.js'
import { body, errorResponses, json, Problem, router, z } from '../../platform/openapi.js'
import { ROLES } from '../users/index.js'
import { dummyHash, verifyPassword } from './password.js'
import { SESSION_COOKIE } from './sessions.js'
import { clientAddress } from './client-address.js'
import { loginWait, recordLoginFailure, recordLoginSuccess } from './throttle.js'

export const Me = z.object({
  id: z.string().uuid(), username: z.string(), displayName: z.string(),
  unitCode: z.string(), roles: z.array(z.enum(ROLES)),
}).openapi('Me')

const Login = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
}).openapi('Login')

const isHttps = (c: Context<AppEnv>) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', expires: expiresAt,
  })
}

export const waitText = (s: number) => (s < 60 ? `${s} 秒` : `${Math.ceil(s / 60)} 分钟`)

export const auth = router()
  .openapi(createRoute({
    method: 'post', path: '/login', tags: ['认证'], summary: '登录（返回令牌并设置会话 Cookie）',
    request: body(Login),
    responses: { 200: json(z.object({ token: z.string(), expiresAt: z.string(), user: Me }), '登录成功'), ...errorResponses,
      429: { description: '失败次数过多：Retry-After 秒后再试（按账号与来源地址分别计数，等待时间逐次加倍）',
        headers: { 'Retry-After': { description: '需等待的秒数', schema: { type: 'integer' } } },
        content: { 'application/problem+json': { schema: Problem } } } },
  }), async (c) => {
    const { username, password } = c.req.valid('json')
    const db = c.get('db')
    const address = clientAddress(c)
    const wait = await loginWait(db, username, address)
    if (wait) throw new TooManyRequests(`登录失败次数过多，请 ${waitText(wait)}后再试`, wait)
    const [row] = await db.query('select * from auth_find_login($1)', [username])
    // Spend the same time on unknown users as on known ones.
    const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), password)
    if (!row || !ok || !row.active) {
      await recordLoginFailure(db, username, address)
      throw new Unauthenticated('用户名或密码错误，或账号已停用')
    }
    await recordLoginSuccess(db, username, address)
    const sessions = c.get('sessions')
    const { token, expiresAt } = await sessions.create(row.id)
    const v = await sessions.validate(token)
    setSessionCookie(c, token, expiresAt)
    return c.json({ token, expiresAt: expiresAt.toISOString(), user: v!.actor }, 200)
  })
  .openapi(createRoute({
    method: 'post', path: '/logout', tags: ['认证'], summary: '退出登录（使当前会话失效）',
    responses: { 204: { description: '已退出' }, ...errorResponses },
  }), async (c) => {
    const token = c.get('sessionToken')
    if (!token || !c.get('actor')) throw new Unauthenticated()
    await c.get('sessions').invalidate(token)
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
    return c.body(null, 204)
  })
  .openapi(createRoute({
    method: 'get', path: '/me', tags: ['认证'], summary: '当前用户',
    responses: { 200: json(Me, '当前用户'), ...errorResponses },
  }), async (c) => {
    // Who the caller is right now: looked up in the database, never from memory.
    const token = c.get('sessionToken')
    const v = token && c.get('actor') ? await c.get('sessions').validate(token, { fresh: true }) : null
    if (!v) throw new Unauthenticated()
    return c.json(v.actor, 200)
  })
