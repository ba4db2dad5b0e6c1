// Clocks in working days on the handling unit's calendar (行政许可法 arts. 32, 42, 44, 45, 82).
// The day of receipt/acceptance is not counted; an application received on a non-working day
// or after office hours counts from the next working day. Limits: the matter's promised limit
// (else its statutory one, else 20); parallel handling 45; one extension of 10 (15 parallel);
// certificate within 10 working days of the decision. Suspension stops the clock: resuming
// adds the working days suspended. A calendar change recomputes open cases in one batched pass.
import { sql } from 'kysely'
import { addDays, addWorkingDays, type Calendar, effectiveStart, loadCalendar, nextWorkingDay } from '../../platform/calendar.js'
import type { Tx } from '../../platform/db/database.js'
import { subtreeRange } from '../../platform/scope.js'

/** Office hours end (Asia/Shanghai): later receipts count from the next working day. */
export const OFFICE_CLOSES = '17:30'
export const ACCEPTANCE_DAYS = 5 // art. 32: one-time notice within 5 days, else accepted on receipt
export const DEFAULT_LIMIT = 20
export const PARALLEL_LIMIT = 45
export const EXTENSION = 10
export const PARALLEL_EXTENSION = 15
export const CERTIFICATE_DAYS = 10

const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The day a receipt or an acceptance at `at` counts as made on (day 0 of the clock). */
export function countingDay(cal: Calendar, at: Date): string {
  const day = ymd.format(at)
  return hm.format(at) >= OFFICE_CLOSES ? nextWorkingDay(cal, day) : effectiveStart(cal, day)
}

type MatterLimit = { days: number; unit?: 'working' | 'natural' }
export function limitOf(matter: { promisedLimit?: MatterLimit | null; statutoryLimit?: MatterLimit }, parallel: boolean): number {
  if (parallel) return PARALLEL_LIMIT
  return matter.promisedLimit?.days ?? matter.statutoryLimit?.days ?? DEFAULT_LIMIT
}
/** The unit the limit counts in: working days (art. 82) unless the matter's own law says natural days. */
export function limitUnitOf(matter: { promisedLimit?: MatterLimit | null; statutoryLimit?: MatterLimit }, parallel: boolean): 'working' | 'natural' {
  if (parallel) return 'working'
  return (matter.promisedLimit ?? matter.statutoryLimit)?.unit ?? 'working'
}

export interface ClockFields { clock_start: string | null; limit_days: number; limit_unit?: 'working' | 'natural'; extended_days: number; suspended_days: number }
/**
 * The due date. Working-day limits count working days on the unit's calendar. A natural-day
 * limit counts calendar days, and a last day that falls on a holiday or weekend moves to the
 * next working day; extensions and suspensions are working days in both cases.
 */
export function dueDate(cal: Calendar, c: ClockFields): string | null {
  if (!c.clock_start) return null
  if (c.limit_unit !== 'natural') return addWorkingDays(cal, c.clock_start, c.limit_days + c.extended_days + c.suspended_days)
  const end = effectiveStart(cal, addDays(c.clock_start, c.limit_days))
  return addWorkingDays(cal, end, c.extended_days + c.suspended_days)
}

/**
 * After a calendar change at `code`: due dates (and acceptance deadlines) of the open cases
 * handled in its subtree, recomputed in one read and one UPDATE … FROM (VALUES …).
 */
export async function recomputeDueDates(db: Tx, code: string): Promise<number> {
  const { lo, hi } = subtreeRange(code)
  const rows = await db.selectFrom('cases')
    .select(['id', 'unit_code', 'clock_start', 'limit_days', 'limit_unit', 'extended_days', 'suspended_days', 'received_day', 'due_date', 'acceptance_deadline'])
    .where('unit_code', '>=', lo).where('unit_code', '<=', hi)
    .where('status', 'in', ['submitted', 'supplement_requested', 'accepted', 'reviewed', 'suspended']).execute()
  if (!rows.length) return 0
  const cals = new Map<string, Calendar>()
  for (const u of new Set(rows.map((r) => r.unit_code))) cals.set(u, await loadCalendar(db, u))
  const changed = rows.map((r) => {
    const cal = cals.get(r.unit_code)!
    return { id: r.id, due: dueDate(cal, r), deadline: addWorkingDays(cal, r.received_day, ACCEPTANCE_DAYS), r }
  }).filter((x) => x.due !== x.r.due_date || x.deadline !== x.r.acceptance_deadline)
  if (!changed.length) return 0
  const values = sql.join(changed.map((x) => sql`(${x.id}::uuid, ${x.due}::date, ${x.deadline}::date)`))
  await sql`update cases c set due_date = v.due, acceptance_deadline = v.deadline, version = c.version + 1
              from (values ${values}) as v(id, due, deadline) where c.id = v.id`.execute(db)
  return changed.length
}
