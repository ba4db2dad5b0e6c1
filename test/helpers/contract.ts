// The contract hook: every response the test suite receives is checked against the app's own
// OpenAPI document (the zod schemas in its registry), so a route whose answer drifts from what it
// declares fails the test that called it. A drifting answer is replaced by a 500 whose body says
// what drifted, and the harness's close() throws if any drift was seen (a call whose status
// nobody asserted still fails its file).
import { appendFileSync } from 'node:fs'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { ZodType } from 'zod'

type Op = { method: string; path: string; re: RegExp; literal: number; responses: Record<string, any> }
export type Drift = { method: string; path: string; operation: string; status: number; problems: string[] }

function operations(app: OpenAPIHono<any>): Op[] {
  const ops: Op[] = []
  for (const d of app.openAPIRegistry.definitions as any[]) {
    if (d.type !== 'route') continue
    const path: string = d.route.path
    const re = new RegExp('^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+') + '/?$')
    ops.push({ method: d.route.method.toUpperCase(), path, re, literal: path.split('/').filter((s) => s && !s.startsWith('{')).length, responses: d.route.responses ?? {} })
  }
  // The most specific path wins (`/powers/mine` before `/powers/{x}`).
  return ops.sort((a, b) => b.literal - a.literal)
}

/** Keys present in `raw` that the schema's output dropped (z.object strips what it does not declare). */
function undeclared(raw: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((r, i) => undeclared(r, parsed[i], `${at}[${i}]`))
  if (raw && parsed && typeof raw === 'object' && typeof parsed === 'object' && !Array.isArray(raw)) {
    return Object.keys(raw).flatMap((k) => k in (parsed as object)
      ? undeclared((raw as any)[k], (parsed as any)[k], at ? `${at}.${k}` : k)
      : [`${at ? `${at}.` : ''}${k}: 文档中未声明的字段`])
  }
  return []
}

const isZod = (s: unknown): s is ZodType => !!s && typeof (s as any).safeParse === 'function'

/** What is wrong with one response, by the document; [] when it matches (or is not an API call). */
export function checkResponse(ops: Op[], method: string, path: string, status: number, contentType: string, text: string): { operation?: string; problems: string[] } {
  if (!path.startsWith('/api/') || method === 'HEAD' || method === 'OPTIONS' || path === '/api/openapi.json') return { problems: [] }
  const op = ops.find((o) => o.method === method && o.re.test(path))
  if (!op) return { problems: [] } // no such operation: the app's own 404/405, checked by the tests that ask
  const operation = `${method} ${op.path}`
  if (status >= 500 && status !== 503) return { operation, problems: [] } // a bug the calling test sees anyway
  const declared = op.responses[String(status)]
  if (!declared) return { operation, problems: [`状态码 ${status} 未在文档中声明（已声明：${Object.keys(op.responses).join(', ')}）`] }
  const content = declared.content as Record<string, { schema?: unknown }> | undefined
  if (!content) return { operation, problems: text.length ? [`文档声明 ${status} 无响应内容，实际有 ${text.length} 字节`] : [] }
  const mediaType = contentType.split(';')[0].trim().toLowerCase()
  const media = content[mediaType]
  if (!media) return { operation, problems: [`内容类型 ${mediaType || '（无）'} 未在文档中声明（已声明：${Object.keys(content).join(', ')}）`] }
  if (!/json$/.test(mediaType) || !isZod(media.schema)) return { operation, problems: [] }
  let body: unknown
  try { body = JSON.parse(text) } catch { return { operation, problems: ['响应内容不是合法的 JSON'] } }
  const r = media.schema.safeParse(body)
  if (!r.success) return { operation, problems: r.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`) }
  return { operation, problems: undeclared(body, r.data) }
}

/**
 * `app.fetch` with every response checked against `app`'s document. Drifts are pushed to `drift`
 * and answered as 500 `response-drift` (so the test that made the call fails where it asserts).
 */
export function checkedFetch(app: OpenAPIHono<any>, drift: Drift[]) {
  let ops: Op[] | undefined
  return async (req: Request, env?: unknown): Promise<Response> => {
    const res = await app.fetch(req, env as any)
    ops ??= operations(app)
    const url = new URL(req.url)
    const ct = res.headers.get('content-type') ?? ''
    const text = /json/i.test(ct) ? await res.clone().text() : ''
    const { operation, problems } = checkResponse(ops, req.method, url.pathname, res.status, ct, text)
    // API_SAMPLES=<file>: append each answer (operation, status, body) as a JSON line, for writing schemas and examples.
    if (process.env.API_SAMPLES && operation && text) appendFileSync(process.env.API_SAMPLES, JSON.stringify({ operation, status: res.status, body: JSON.parse(text) }) + '\n')
    if (!problems.length) return res
    const d = { method: req.method, path: url.pathname, operation: operation!, status: res.status, problems }
    drift.push(d)
    return new Response(JSON.stringify({ type: '/problems/response-drift', title: '响应与 API 文档不符', status: 500,
      detail: `${operation} 的 ${res.status} 响应不符合文档`, problems, body: text.slice(0, 2000) }),
    { status: 500, headers: { 'content-type': 'application/problem+json; charset=utf-8' } })
  }
}
