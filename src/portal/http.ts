// What every portal page shares: HTML responses, the same-origin rule for forms (CSRF), form
// bodies, and zod issues turned into errors at the field.
import type { Context } from 'hono'
import type { ZodError } from 'zod'
import type { AppEnv } from '../platform/context.js'
import type { Errors } from './layout.js'

export type PortalEnv = AppEnv

export const html = (c: Context<PortalEnv>, el: unknown, status = 200, headers: Record<string, string> = {}) =>
  c.body(`<!doctype html>${String(el)}`, status as any, { 'content-type': 'text/html; charset=utf-8', ...headers })

/** A result shown once (a query code): never stored by a browser or proxy. */
export const NO_STORE = { 'cache-control': 'no-store' }

/**
 * Forms are accepted only from this site's own pages: the browser's Origin (or, failing that,
 * Sec-Fetch-Site or the Referer) must be ours. No session is involved, but a foreign page must
 * not file complaints or applications in a visitor's name.
 */
export function fromOwnPage(c: Context<PortalEnv>): boolean {
  const own = new URL(c.req.url).origin
  const origin = c.req.header('origin')
  if (origin && origin !== 'null') return origin === own
  const site = c.req.header('sec-fetch-site')
  if (site) return site === 'same-origin'
  const referer = c.req.header('referer')
  if (referer) { try { return new URL(referer).origin === own } catch { return false } }
  return false
}

export type FormBody = Record<string, string | File | (string | File)[]>

export async function formOf(c: Context<PortalEnv>): Promise<FormBody> {
  const ct = c.req.header('content-type') ?? ''
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(ct)) return {}
  return (await c.req.parseBody({ all: true })) as FormBody
}

export const text = (f: FormBody, k: string) => { const v = f[k]; const s = Array.isArray(v) ? v[0] : v; return typeof s === 'string' ? s.trim() : '' }
export const texts = (f: FormBody, k: string) => { const v = f[k]; return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string') }
export const files = (f: FormBody, k: string) => { const v = f[k]; return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is File => typeof x !== 'string' && x.size > 0) }

/** zod issues → { 'applicant.idNumber': '…' } (the first message per field). */
export function fieldErrors(e: ZodError, rename: Record<string, string> = {}): Errors {
  const out: Errors = {}
  for (const i of e.issues) {
    const path = i.path.join('.')
    const k = rename[path] ?? path
    out[k] ??= i.message
  }
  return out
}

/** Field issues of a domain error (Invalid) → errors at the field. */
export function issueErrors(fields: { field: string; message: string }[] | undefined, rename: Record<string, string> = {}): Errors {
  const out: Errors = {}
  for (const f of fields ?? []) out[rename[f.field] ?? f.field] ??= f.message
  return out
}

export const validCode = (s: string | undefined): s is string => !!s && /^[0-9]{12}$/.test(s)
