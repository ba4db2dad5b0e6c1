// The one client of the API. Components never call fetch: feature query files call `api` and
// unwrap with `data()`. Browser session = the HttpOnly cookie the login sets (same origin, so
// the CSRF rule — writes must come from our origin — holds without a token in the page).
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema.gen'

/** A problem+json answer (RFC 9457) with the offending fields. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: { type?: string; title?: string; detail?: string; errors?: { field: string; message: string }[] }) {
    super(problem.detail || problem.title || `请求失败（${status}）`)
  }
  get fieldErrors() { return this.problem.errors ?? [] }
}

let onUnauthorized: () => void = () => {}
/** The router registers where an expired session goes (sign-in, then back). */
export function setUnauthorizedHandler(fn: () => void) { onUnauthorized = fn }

const session: Middleware = {
  async onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) onUnauthorized()
    return response
  },
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
api.use(session)

/** The body of a successful answer, or throws ApiError with the problem. */
export async function data<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<NonNullable<T>> {
  const { data: body, error, response } = await p
  if (!response.ok) throw new ApiError(response.status, (error as any) ?? {})
  return body as NonNullable<T>
}

/** Lists answer `{ items, next }` (platform/paging) or, on routes not yet converted, a bare array. */
export function items<T = any>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[]
  return ((body as any)?.items ?? []) as T[]
}

/**
 * Every page of a list, following `next`: for a tree node's children (short, but never cut at the
 * first page). Screens that show a long list page it instead (`usePaged`).
 */
export async function allPages<T = any>(get: (cursor: string | undefined) => Promise<unknown>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  do {
    const body = await get(cursor) as { items?: T[]; next?: string | null }
    out.push(...items<T>(body))
    cursor = body?.next ?? undefined
  } while (cursor)
  return out
}

/** Raw upload (evidence files: the body is the file itself). */
export async function upload(path: string, file: Blob): Promise<any> {
  const res = await fetch(path, { method: 'POST', body: file, credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream' } })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) { if (res.status === 401) onUnauthorized(); throw new ApiError(res.status, body) }
  return body
}
