// Working days (工作日) on the official national calendar with its make-up workdays (调休),
// plus the local holidays and workdays a city or county adds for its subtree. Every limit in
// the domain is counted in working days (行政许可法 art. 82); case handling and rectification
// deadlines both count here. Dates are Asia/Shanghai 'YYYY-MM-DD' strings; nothing reads the
// real clock (callers pass ctx.now's date).
//
// The national data is chinese-days' published JSON (holidays and make-up workdays by date).
// We do not call its isWorkday(): it takes the weekday from the server's local time zone and
// answers wrongly west of UTC (2025-10-13, a Monday, comes out as a holiday in Los Angeles).
import national from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { ancestorsOf } from './codes.js'
import type { Tx } from './db/database.js'
import { isValidDate } from './time.js'

export interface CalendarOverride { unitCode: string; day: string; kind: 'holiday' | 'workday'; name: string }

export interface DayInfo { day: string; working: boolean; name: string; source: 'national' | 'weekend' | 'weekday' | string }

export interface Calendar {
  /** The unit whose calendar this is ('' for the national calendar alone). */
  readonly unitCode: string
  day(day: string): DayInfo
  isWorkingDay(day: string): boolean
}

const HOLIDAYS = (national as { holidays: Record<string, string> }).holidays
const WORKDAYS = (national as { workdays: Record<string, string> }).workdays
/** The last year the official schedule is published for; later years count weekends only. */
export const NATIONAL_DATA_THROUGH = Math.max(...Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))))

// 'National Day,国庆节,3' → '国庆节'
const chineseName = (entry: string) => entry.split(',')[1] ?? entry

const toUtc = (day: string) => {
  if (!isValidDate(day)) throw new Error(`not a date: ${day}`)
  return new Date(`${day}T00:00:00Z`)
}
export const addDays = (day: string, n: number): string => {
  const d = toUtc(day)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

function nationalDay(day: string): DayInfo {
  if (WORKDAYS[day]) return { day, working: true, name: `${chineseName(WORKDAYS[day])}调休上班`, source: 'national' }
  if (HOLIDAYS[day]) return { day, working: false, name: chineseName(HOLIDAYS[day]), source: 'national' }
  const weekday = toUtc(day).getUTCDay()
  return weekday === 0 || weekday === 6
    ? { day, working: false, name: '周末', source: 'weekend' }
    : { day, working: true, name: '工作日', source: 'weekday' }
}

/**
 * A calendar from the national one and overrides of a unit and its ancestors. The nearest
 * unit wins on the same day: a descendant's code is greater than its ancestors' codes.
 */
export function calendarOf(unitCode: string, overrides: CalendarOverride[] = []): Calendar {
  const local = new Map<string, CalendarOverride>()
  for (const o of [...overrides].sort((a, b) => a.unitCode.localeCompare(b.unitCode))) local.set(o.day, o)
  const day = (d: string): DayInfo => {
    const o = local.get(d)
    return o ? { day: d, working: o.kind === 'workday', name: o.name, source: o.unitCode } : nationalDay(d)
  }
  return { unitCode, day, isWorkingDay: (d) => day(d).working }
}

export const nationalCalendar = (): Calendar => calendarOf('')

// A calendar with no working day for a year is a configuration error, not a reason to loop forever.
const MAX_GAP = 366

/** The first working day strictly after `day`. */
export function nextWorkingDay(cal: Calendar, day: string): string {
  let d = day
  for (let i = 0; i < MAX_GAP; i++) {
    d = addDays(d, 1)
    if (cal.isWorkingDay(d)) return d
  }
  throw new Error(`no working day within a year after ${day}`)
}

/** The day counting starts from: `day` itself if it is a working day, else the next working day. */
export const effectiveStart = (cal: Calendar, day: string) => (cal.isWorkingDay(day) ? day : nextWorkingDay(cal, day))

/**
 * The day `n` working days after `from`. The start day is not counted; a start on a
 * non-working day (a Saturday, a holiday) counts from the next working day. n = 0 gives that
 * effective start day.
 */
export function addWorkingDays(cal: Calendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new Error(`working days out of range: ${n}`)
  let d = effectiveStart(cal, from)
  for (let i = 0; i < n; i++) d = nextWorkingDay(cal, d)
  return d
}

/** Working days after `from` up to and including `to` (0 when `to` is not after the effective start). */
export function workingDaysBetween(cal: Calendar, from: string, to: string): number {
  let n = 0
  for (let d = effectiveStart(cal, from); d < to; d = addDays(d, 1)) {
    if (cal.isWorkingDay(addDays(d, 1))) n++
    if (n > 3650) break
  }
  return n
}

/** The calendar of a unit: national + overrides of the unit and its ancestors (read through RLS). */
export async function loadCalendar(db: Tx, unitCode: string): Promise<Calendar> {
  const chain = [unitCode, ...ancestorsOf(unitCode)]
  const rows = await db.selectFrom('calendar_overrides')
    .select(['unit_code', 'day', 'kind', 'name'])
    .where('unit_code', 'in', chain).execute()
  return calendarOf(unitCode, rows.map((r) => ({ unitCode: r.unit_code, day: r.day, kind: r.kind, name: r.name })))
}
