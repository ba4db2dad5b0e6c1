// The public verbs' context: no actor, only the database and the clock. Each read runs in the
// scope of the unit it is about (its subtree and its ancestors' catalogs), so nothing
// unpublished or outside it can appear; a place above is read in its own scope.
import type { Database, Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { scopeOf, SYSTEM_SCOPE } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'

export interface PublicCtx { db: Database; now: Date }

export type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>

export const today = (ctx: PublicCtx) => shanghaiDate(ctx.now)

/** Read-only, in the unit's scope; an unknown or inactive unit answers 404. */
export function readUnit<T>(ctx: PublicCtx, code: string, fn: (db: Tx, unit: UnitRow) => Promise<T>): Promise<T> {
  return ctx.db.scoped(scopeOf(code), async (db) => {
    const u = await findUnit(db, code)
    if (!u || !u.active) throw new NotFound('未找到该单位')
    return fn(db, u)
  }, { readOnly: true })
}

/** Read-only over the whole tree (unit names only: the tree itself is public). */
export const readTree = <T>(ctx: PublicCtx, fn: (db: Tx) => Promise<T>) => ctx.db.scoped(SYSTEM_SCOPE, fn, { readOnly: true })

export const unitSummary = (u: UnitRow) => ({ code: u.code, name: u.name, level: u.level, servicePointName: u.service_point_name })

/** A citizen's write (application, complaint, evaluation) in the unit's scope; an unknown or inactive unit answers 404. */
export function writeUnit<T>(ctx: PublicCtx, code: string, fn: (db: Tx, unit: UnitRow) => Promise<T>, notFound = '未找到该单位'): Promise<T> {
  return ctx.db.scoped(scopeOf(code), async (db) => {
    const u = await findUnit(db, code)
    if (!u || !u.active) throw new NotFound(notFound)
    return fn(db, u)
  })
}
