// Clocks in working days on the handling unit's calendar (行政许可法 arts. 32, 42, 44, 45, 82).
// The day of receipt/acceptance is not counted; an application received on a non-working day
// or after office hours counts from the next working day. Limits: the matter's promised limit
// (else its statutory one, else 20); parallel handling 45; one extension of 10 (15 parallel);
// certificate within 10 working days of the decision. Suspension stops the clock: resuming
// adds the working days suspended. A calendar change recomputes open cases in one batched pass.
import { sql } from 'kysely'
import { addDays, addWorkingDays, type Calendar, effectiveStart, nextWorkingDay } from '../../platform/calendar.js'
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
 * After a calendar change at `code` (work_days already refreshed): the due dates and acceptance
 * deadlines of the open cases handled in its subtree, recomputed by one UPDATE on the work_days
 * table (ord = working days up to and including a day, so "n working days after d" is the
 * working day whose ord is ord(d) + n) — the same arithmetic as dueDate(), tested against it.
 */
export async function recomputeDueDates(db: Tx, code: string): Promise<number> {
  const { lo, hi } = subtreeRange(code)
  const calOf = (day: string) => sql.raw(`(select max(w.cal_code) from work_days w where w.day = ${day} and w.cal_code in
    ('000000000000', rpad(substr(c.unit_code, 1, 4), 12, '0'), rpad(substr(c.unit_code, 1, 6), 12, '0'),
     rpad(substr(c.unit_code, 1, 9), 12, '0'), c.unit_code))`)
  const r = await sql`
    with x as (
      select c.id, cal.code as cal,
             (select ord from work_days w where w.cal_code = cal.code and w.day = c.received_day) + ${ACCEPTANCE_DAYS} as deadline_ord,
             case when c.clock_start is null then null
                  when c.limit_unit = 'natural' then
                    (select w.ord + case when w.working then 0 else 1 end from work_days w
                      where w.cal_code = cal.code and w.day = c.clock_start + c.limit_days) + c.extended_days + c.suspended_days
                  else (select ord from work_days w where w.cal_code = cal.code and w.day = c.clock_start)
                       + c.limit_days + c.extended_days + c.suspended_days end as due_ord
        from cases c cross join lateral (select ${calOf('c.received_day')} as code) cal
       where c.unit_code between ${lo} and ${hi}
         and c.status in ('submitted', 'supplement_requested', 'accepted', 'reviewed', 'suspended')
    ), y as (
      select x.id,
             (select min(w.day) from work_days w where w.cal_code = x.cal and w.working and w.ord = x.deadline_ord) as deadline,
             (select min(w.day) from work_days w where w.cal_code = x.cal and w.working and w.ord = x.due_ord) as due
        from x
    )
    update cases c set due_date = y.due, acceptance_deadline = y.deadline, version = c.version + 1
      from y where c.id = y.id and y.deadline is not null
       and (c.due_date is distinct from y.due or c.acceptance_deadline is distinct from y.deadline)
    returning c.id`.execute(db)
  return r.rows.length
}
