// The tamper-evident audit log (审计日志): every write to a tenant table is appended by a
// trigger (migration 2026-11-25-005) to a hash chain per city. verifyAudit() walks a city's
// chain in SQL (audit_verify, SECURITY DEFINER: the whole chain, whatever the caller's scope)
// and names the first broken row: edited, a row inserted or deleted before it, or rows
// removed from the end.
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import type { Database, Tx } from '../../platform/db/database.js'
import { SYSTEM_SCOPE, subtreeRange } from '../../platform/scope.js'
import { findUnit } from '../units/index.js'

export const BREAK_REASONS = {
  edited: '该条记录的内容与其哈希不符（记录被修改）',
  link: '该条记录与前一条记录的哈希链断开（其前有记录被插入或删除）',
  tail: '链尾与链头记录不符（末尾的记录被删除）',
} as const
export interface ChainCheck {
  cityCode: string; ok: boolean; checked: number
  broken: { id: number; unitCode: string | null; reason: keyof typeof BREAK_REASONS; reasonName: string } | null
}

async function verifyIn(db: Tx, cityCode: string | null): Promise<ChainCheck[]> {
  const rows = await sql<{ city_code: string; checked: number; broken_id: number | null; broken_unit: string | null; reason: keyof typeof BREAK_REASONS | null }>`
    select * from audit_verify(${cityCode}::char(12))`.execute(db)
  return rows.rows.map((r) => ({
    cityCode: r.city_code, ok: !r.reason, checked: Number(r.checked),
    broken: r.reason ? { id: Number(r.broken_id), unitCode: r.broken_unit, reason: r.reason, reasonName: BREAK_REASONS[r.reason] } : null,
  }))
}

/** One city's chain (cityCode), or every city's (null). Operator tools and tests. */
export async function verifyAudit(database: Database, cityCode: string | null = null): Promise<ChainCheck[]> {
  return database.scoped(SYSTEM_SCOPE, (db) => verifyIn(db, cityCode))
}

/**
 * GET /api/units/{code}/audit/verify. The chain is per city, so any unit verifies its city's
 * whole chain; a unit below the city learns whether it is intact and how many entries belong
 * to its own subtree, and where it breaks only when the broken entry is in its subtree.
 */
export async function verifyForUnit(ctx: Ctx, code: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'verifyAudit', 'Audit', { unitCode: code }, code, '只有中心管理员或监察人员可以校验审计日志')
  const city = `${code.slice(0, 4)}00000000`
  const [check] = await verifyIn(ctx.db, city)
  const { lo, hi } = subtreeRange(code)
  // Counted through RLS: the rows of the caller's own subtree.
  const own = await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_code', '>=', lo).where('unit_code', '<=', hi).executeTakeFirstOrThrow()
  const visible = check?.broken && check.broken.unitCode && check.broken.unitCode >= lo && check.broken.unitCode <= hi
  return {
    unitCode: code, cityCode: city, ok: check ? check.ok : true, chainLength: code === city ? (check?.checked ?? 0) : null,
    entriesInSubtree: Number(own.n),
    broken: check?.broken ? (visible || code === city ? check.broken : { id: null, unitCode: null, reason: check.broken.reason, reasonName: check.broken.reasonName }) : null,
  }
}
