// Public look-ups by number + code (case receipt + query code, complaint tracking number +
// query code) are throttled per number and per client address. The check comes before the
// code is compared, so once a number is locked even its right code is refused (429 with
// Retry-After) until the wait is over; every 404 (unknown number or wrong code: they answer
// alike) counts as a failure.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../platform/context.js'
import { problemResponse, TooManyRequests } from '../../platform/errors.js'
import { clientAddress } from './client-address.js'
import { lookupWait, recordLookupFailure } from './throttle.js'

const waitText = (s: number) => (s < 60 ? `${s} 秒` : `${Math.ceil(s / 60)} 分钟`)

const GUARDED: { kind: string; method: string; path: RegExp }[] = [
  { kind: 'case', method: 'GET', path: /^\/api\/public\/cases\/([^/]+)$/ },
  { kind: 'case', method: 'POST', path: /^\/api\/public\/cases\/([^/]+)\/supplement$/ },
  { kind: 'complaint', method: 'GET', path: /^\/api\/public\/complaints\/([^/]+)$/ },
  { kind: 'complaint', method: 'POST', path: /^\/api\/public\/complaints\/([^/]+)\/rating$/ },
]

export const lookupGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  let kind = '', number = ''
  for (const g of GUARDED) {
    const m = c.req.method === g.method ? g.path.exec(c.req.path) : null
    if (m) { kind = g.kind; number = decodeURIComponent(m[1]!).slice(0, 64); break }
  }
  if (!kind) return next()
  const db = c.get('db')
  const address = clientAddress(c)
  const wait = await lookupWait(db, kind, number, address)
  if (wait) return problemResponse(new TooManyRequests(`查询码错误次数过多，请 ${waitText(wait)}后再试`, wait))
  await next()
  if (c.res.status === 404) await recordLookupFailure(db, kind, number, address)
}
