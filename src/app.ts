// The app factory: one Hono app for both runtimes, built from its dependencies.
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { lookupGuard } from './modules/auth/index.js'
import { auth, setSessionCookie } from './modules/auth/index.js'
import { createSessions, SESSION_COOKIE, type Sessions } from './modules/auth/index.js'
import { cases, publicCases, unitCalendar } from './modules/cases/index.js'
import { catalog } from './modules/catalog/index.js'
import { health } from './modules/health/index.js'
import { grants, unitPowers } from './modules/powers/index.js'
import { publicApi } from './modules/public/index.js'
import { refusals } from './modules/refusals/index.js'
import { rectifications, standards } from './modules/standards/index.js'
import { complaintActions, evaluationActions, publicSupervision, reportActions, supervision } from './modules/supervision/index.js'
import { oversight, warnings } from './modules/oversight/index.js'
import { time } from './modules/time/index.js'
import { units } from './modules/units/index.js'
import { halls, publicHallsApi } from './modules/halls/index.js'
import { publicQueue, queue } from './modules/queue/index.js'
import { appointments, publicAppointments } from './modules/appointments/index.js'
import { consultations, publicConsultations } from './modules/consultations/index.js'
import { publicity, publicPublicity } from './modules/publicity/index.js'
import { unitUsers, users } from './modules/users/index.js'
import type { AppEnv, Deps, Extensions } from './platform/context.js'
import type { Database } from './platform/db/database.js'
import { mountDocs } from './platform/docs.js'
import { AppError, problemBody, problemResponse } from './platform/errors.js'
import { PROBLEM_TYPES } from './platform/problems.js'
import { router } from './platform/openapi.js'
import { portal } from './portal/index.js'
import { wireExtensions } from './wiring.js'

const MB = 1024 * 1024
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// Evidence uploads and applicants' files (网上申请材料) carry the file itself as the body (JPEG, PNG or PDF; checked by its bytes).
const EVIDENCE_UPLOAD = /^\/api\/units\/[0-9]{12}\/evidence$|^\/api\/public\/units\/[0-9]{12}\/uploads$/

const problem = (c: Context<AppEnv>, status: number, type: string, title: string, detail: string) =>
  c.body(JSON.stringify(problemBody(status, type, title, detail)), status as any,
    { 'content-type': 'application/problem+json; charset=utf-8' })

/** createApp's dependencies; without `extensions`, the modules are plugged into each other as src/wiring.ts does. */
export type AppDeps = Omit<Deps, 'extensions'> & { extensions?: Extensions }

export function createApp(input: AppDeps) {
  const deps: Deps = { ...input, extensions: input.extensions ?? wireExtensions() }
  const sessionsByDb = new WeakMap<Database, Sessions>()
  const app = router()

  app.use('*', requestId())
  // A request answered before its body was read (413, 415, a malformed path id, …): the Node
  // adapter drains the rest for at most 500 ms and then drops the socket, which a keep-alive
  // client would reuse ("other side closed"). Saying Connection: close makes the client open a
  // new connection instead.
  app.use('*', async (c, next) => {
    await next()
    // A request read to its end (every GET without a body) needs no look at its headers.
    const incoming = (c.env as any)?.incoming
    if (!incoming || incoming.complete) return
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || !!c.req.header('transfer-encoding')
    if (hasBody) {
      try { c.res.headers.set('connection', 'close') } catch { c.res = new Response(c.res.body, c.res); c.res.headers.set('connection', 'close') }
    }
  })
  app.use('*', async (c, next) => {
    const t0 = performance.now()
    c.set('deps', deps)
    const db = deps.db(c)
    c.set('db', db)
    let s = sessionsByDb.get(db)
    if (!s) sessionsByDb.set(db, (s = createSessions(db, { cacheSeconds: deps.config.SESSION_CACHE_SECONDS })))
    c.set('sessions', s)
    c.set('actor', null)
    await next()
    if (deps.log.enabled('info')) deps.log.info('request', {
      reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status,
      ms: Math.round((performance.now() - t0) * 10) / 10, user: c.get('actor')?.username,
    })
  })

  // Bodies: JSON only for writes, 1 MiB (16 MiB for bulk unit import; evidence files: 10 MiB, any type, sniffed).
  app.use('/api/*', async (c, next) => {
    // No body to check on GET/HEAD; bodyLimit would make @hono/node-server build a full Request to find out.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || !!c.req.header('transfer-encoding')
    const upload = c.req.method === 'POST' && EVIDENCE_UPLOAD.test(c.req.path)
    if (UNSAFE.has(c.req.method) && (hasBody || c.req.header('content-type')) && !upload) {
      const ct = c.req.header('content-type') ?? ''
      if (!/^application\/json\b/i.test(ct)) {
        return problem(c, 415, 'unsupported-media-type', '不支持的内容类型', '请求内容须为 application/json')
      }
    }
    const limit = c.req.path.endsWith('/import') ? 16 * MB : upload ? 10 * MB : MB
    return bodyLimit({ maxSize: limit, onError: (cc) =>
      problem(cc as any, 413, 'payload-too-large', '请求内容过大', `请求内容不能超过 ${limit / MB} MiB`) })(c, next)
  })

  // Sessions: bearer token for API clients, HttpOnly cookie for browsers.
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization')
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1]
    const token = bearer ?? getCookie(c, SESSION_COOKIE) ?? null
    c.set('sessionToken', token)
    c.set('authVia', bearer ? 'bearer' : token ? 'cookie' : null)
    if (token) {
      const v = await c.get('sessions').validate(token)
      if (v) {
        c.set('actor', v.actor)
        if (v.refreshed && !bearer) setSessionCookie(c, token, v.expiresAt)
      }
    }
    // Cookie-authenticated writes must come from our own origin (CSRF).
    if (c.get('authVia') === 'cookie' && c.get('actor') && UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      const site = c.req.header('sec-fetch-site')
      const sameOrigin = origin ? origin === new URL(c.req.url).origin : site === 'same-origin'
      if (!sameOrigin) return problem(c, 403, 'csrf', '跨站请求被拒绝', '使用 Cookie 登录时，写操作必须来自本站页面；API 客户端请使用 Bearer 令牌')
    }
    await next()
  })

  // Public look-ups by number + code: throttled per number and per client address.
  app.use('/api/public/*', lookupGuard)

  app.route('/api/auth', auth)
  app.route('/api/units', units)
  app.route('/api/units', unitUsers)
  app.route('/api/units', refusals)
  app.route('/api/units', catalog)
  app.route('/api/units', unitPowers)
  app.route('/api/units', standards)
  app.route('/api/units', unitCalendar)
  app.route('/api/units', oversight)
  app.route('/api/warnings', warnings)
  app.route('/api/cases', cases)
  app.route('/api/rectifications', rectifications)
  app.route('/api/units', supervision)
  app.route('/api/complaints', complaintActions)
  app.route('/api/evaluations', evaluationActions)
  app.route('/api/reports', reportActions)
  app.route('/api/grants', grants)
  app.route('/api/users', users)
  app.route('/api/units', halls)
  app.route('/api/units', queue)
  app.route('/api/units', appointments)
  app.route('/api/units', consultations)
  app.route('/api/units', publicity)
  // Case tracking first: the cacheable public routes' ETag middleware must not run for it.
  app.route('/api/public', publicCases)
  // Hall services: not cacheable (tickets, the display's event stream); before the ETag routes too.
  app.route('/api/public', publicHallsApi)
  app.route('/api/public', publicQueue)
  app.route('/api/public', publicAppointments)
  app.route('/api/public', publicConsultations)
  app.route('/api/public', publicPublicity)
  app.route('/api/public', publicApi)
  app.route('/api/public', publicSupervision)
  app.route('/api', time)
  app.route('/', health)
  app.route('/', portal) // 网上办事大厅: server-rendered pages at the site root (src/portal)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: '四级联动为民服务平台 API', version: '0.1.0',
      description: '市、县、乡、村四级政务服务平台。错误均为 application/problem+json（RFC 9457）。登录后以 Bearer 令牌或会话 Cookie 访问。' },
    security: [{ bearer: [] }],
  })
  mountDocs(app, deps.docsFiles)
  // A page per problem type (the `type` of every problem+json answer resolves here).
  app.get('/problems/:type', (c) => {
    const type = c.req.param('type')
    const p = PROBLEM_TYPES[type as keyof typeof PROBLEM_TYPES]
    if (!p) return problem(c, 404, 'not-found', '未找到', `没有这个问题类型：${type}`)
    if (!/html/.test(c.req.header('accept') ?? '')) return c.json({ type: `/problems/${type}`, ...p })
    const esc = (t: string) => t.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)
    return c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.title)}</title></head><body>` +
      `<h1>${esc(p.title)}</h1><p>HTTP ${p.status} · <code>/problems/${esc(type)}</code></p><p>${esc(p.description)}</p>` +
      `<p><a href="/docs">接口文档</a></p></body></html>`)
  })

  app.notFound((c) => problem(c, 404, 'not-found', '未找到', `没有这个地址：${c.req.method} ${c.req.path}`))
  app.onError((err, c) => {
    if (err instanceof AppError) return problemResponse(err)
    if (err instanceof HTTPException) {
      return problem(c, err.status, 'http', '请求无法处理', err.status === 400 ? '请求格式不正确（例如 JSON 无法解析）' : err.message)
    }
    const pg = (err as any)?.code as string | undefined
    if (pg === '23505') return problem(c, 409, 'conflict', '操作与当前状态冲突', '记录已存在')
    if (pg === '40001' || pg === '40P01') return problem(c, 409, 'conflict', '操作与当前状态冲突', '并发冲突，请重试')
    if (pg === '42501') {
      // RLS or a missing privilege stopped a statement: the verb forgot a check that would have answered first. Still a 404, but visible.
      deps.log.warn('rls or privilege refusal (42501) answered as 404', { reqId: c.get('requestId'), method: c.req.method, path: c.req.path,
        user: c.get('actor')?.username, err: String((err as Error)?.message ?? err) })
      return problem(c, 404, 'not-found', '未找到', '未找到该资源，或不在您的管辖范围内')
    }
    if (pg && /^(22|23)/.test(pg)) return problem(c, 400, 'validation', '请求内容不符合要求', '数据不符合约束')
    deps.log.error('unhandled error', { reqId: c.get('requestId'), err: String((err as Error)?.stack ?? err) })
    return problem(c, 500, 'internal', '服务器内部错误', `请联系管理员并提供请求编号 ${c.get('requestId')}`)
  })
  return app
}

export type App = ReturnType<typeof createApp>
