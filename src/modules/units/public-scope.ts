// A public request (no session) runs in one transaction in the scope of the unit it names: the
// unit must exist and be active (404 otherwise, with the route's own wording), the answer is not
// cached, and a GET's transaction is read only. Every public route of every module goes through it.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { scopeOf } from '../../platform/scope.js'
import { levelOf } from './codes.js'
import { findUnit } from './queries.js'

export async function asPublicUnit<T>(c: Context<AppEnv>, code: string | null, fn: (db: Tx, now: Date) => Promise<T>, notFound = '未找到该单位'): Promise<T> {
  if (!code || !levelOf(code)) throw new NotFound(notFound)
  const now = c.get('deps').clock.now()
  c.header('cache-control', 'no-store')
  return c.get('db').scoped(scopeOf(code), async (db) => {
    const u = await findUnit(db, code)
    if (!u || !u.active) throw new NotFound(notFound)
    return fn(db, now)
  }, { readOnly: c.req.method === 'GET' })
}
