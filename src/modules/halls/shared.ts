// What the hall-service modules share: the unit guard, per-unit settings, day counters, the
// public scope (a request without a session reads in the scope of the unit it names) and masks.
import { createHash, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import type { Action, SubjectType } from '../../platform/abilities.js'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { findUnit } from '../units/index.js'

/** 404 unless the unit is visible; with an action, 403 unless allowed on that subject at the unit. */
export async function unitFor(ctx: Ctx, code: string, act?: { action: Action; type: SubjectType; detail: string }) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), act ? { action: act.action, id: code } : undefined)
  if (act) mustBeAllowed(ctx, act.action, act.type, { unitCode: code }, code, act.detail)
  return unit
}

export { asPublicUnit } from '../units/index.js'

export interface HallSettings {
  maxCalls: number; noShowLimit: number; noShowWindowDays: number; noShowBlockDays: number
  bookAheadDays: number; replyDaysWindow: number; replyDaysDepartment: number
}
export const DEFAULT_SETTINGS: HallSettings = {
  maxCalls: 3, noShowLimit: 3, noShowWindowDays: 30, noShowBlockDays: 30, bookAheadDays: 7, replyDaysWindow: 2, replyDaysDepartment: 3,
}
export async function settingsOf(db: Tx, unit: string): Promise<HallSettings> {
  const r = await db.selectFrom('hall_settings').selectAll().where('unit_code', '=', unit).executeTakeFirst()
  return r ? {
    maxCalls: r.max_calls, noShowLimit: r.no_show_limit, noShowWindowDays: r.no_show_window_days, noShowBlockDays: r.no_show_block_days,
    bookAheadDays: r.book_ahead_days, replyDaysWindow: r.reply_days_window, replyDaysDepartment: r.reply_days_department,
  } : { ...DEFAULT_SETTINGS }
}

/** The next number of a per-unit, per-kind, per-day counter (upserted: safe under concurrency). */
export async function nextNumber(db: Tx, unit: string, kind: string, day: string): Promise<number> {
  const r = await sql<{ last: number }>`
    insert into hall_counters (unit_code, kind, day, last) values (${unit}, ${kind}, ${day}::date, 1)
    on conflict (unit_code, kind, day) do update set last = hall_counters.last + 1 returning last`.execute(db)
  return r.rows[0].last
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export { newQueryCode } from '../../platform/query-code.js'
export const hashCode = (no: string, code: string) => sha256(`${no}:${code.trim().toUpperCase()}`)
const DUMMY = '0'.repeat(64)
/** Constant-time compare of a stored hash (or a dummy when the number is unknown) with the given code's. */
export function codeMatches(stored: string | undefined, no: string, code: string): boolean {
  const ok = timingSafeEqual(Buffer.from(stored ?? DUMMY, 'hex'), Buffer.from(hashCode(no, code), 'hex'))
  return ok && stored !== undefined
}

/** 341502********1234: area code (6) and the last four; the rest masked. */
export const maskIdNumber = (v: string) => v.length > 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '*'.repeat(v.length)
export { maskName, maskPhone } from '../cases/index.js'
export const dayNo = (day: string) => day.replaceAll('-', '')
export const trimCode = (s: string) => s.trim()
