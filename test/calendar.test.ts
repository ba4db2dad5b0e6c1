// Working days on the official calendar (chinese-days) with make-up workdays (调休) and the
// local overrides of a unit and its ancestors. Dates checked against the published 2025 and
// 2026 schedules: 国庆+中秋 2025 is 10-01..10-08 with Sunday 09-28 and Saturday 10-11 worked;
// 国庆 2026 is 10-01..10-07 with Sunday 09-20 and Saturday 10-10 worked, 中秋 2026 09-25..27.
import chineseDays from 'chinese-days'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addWorkingDays, calendarOf, loadCalendar, NATIONAL_DATA_THROUGH, nationalCalendar, nextWorkingDay, workingDaysBetween,
} from '../src/platform/calendar.js'
import { SYSTEM_SCOPE, scopeOf } from '../src/platform/scope.js'
import { harness, type Harness, T } from './helpers/app.js'

const cal = nationalCalendar()

describe('national calendar', () => {
  it('knows the 2025 National Day and Mid-Autumn holidays and their make-up workdays', () => {
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) expect(cal.isWorkingDay(d), d).toBe(false)
    expect(cal.day('2025-10-06').name).toBe('中秋')
    expect(cal.day('2025-09-28')).toMatchObject({ working: true, name: '国庆节调休上班' }) // a Sunday
    expect(cal.isWorkingDay('2025-10-11')).toBe(true) // a Saturday
    expect(cal.isWorkingDay('2025-09-27')).toBe(false) // the Saturday before: an ordinary weekend
    expect(cal.isWorkingDay('2025-10-09')).toBe(true)
    expect(cal.isWorkingDay('2025-10-12')).toBe(false)
  })

  it('agrees with chinese-days on every day of 2025 and 2026 (in Asia/Shanghai)', () => {
    // chinese-days' own isWorkday reads the weekday in the local zone; the test runs its check
    // on dates whose weekday is the same in every zone east of UTC-12 (UTC noon).
    expect(NATIONAL_DATA_THROUGH).toBeGreaterThanOrEqual(2026)
    let d = '2025-01-01'
    while (d <= '2026-12-31') {
      const expected = chineseDays.getDayDetail(new Date(`${d}T12:00:00Z`)).work
      expect(cal.isWorkingDay(d), d).toBe(expected)
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)
    }
  })

  it('counts working days: the start day not counted, a non-working start counts from the next working day', () => {
    expect(addWorkingDays(cal, '2025-09-30', 1)).toBe('2025-10-09') // over the whole holiday
    expect(addWorkingDays(cal, '2025-09-26', 1)).toBe('2025-09-28') // Friday → the make-up Sunday
    expect(addWorkingDays(cal, '2025-10-10', 1)).toBe('2025-10-11') // Friday → the make-up Saturday
    expect(addWorkingDays(cal, '2025-10-01', 1)).toBe('2025-10-10') // received on a holiday: counts from 10-09
    expect(addWorkingDays(cal, '2025-10-01', 0)).toBe('2025-10-09')
    expect(addWorkingDays(cal, '2025-09-27', 1)).toBe('2025-09-29') // received Saturday: from Sunday 09-28 (worked)
    expect(addWorkingDays(cal, '2026-11-21', 1)).toBe('2026-11-24') // received Saturday: from Monday
    expect(addWorkingDays(cal, '2026-11-23', 5)).toBe('2026-11-30')
    // 20 working days from 2026-09-18 (Fri): 中秋 09-25..27, 国庆 10-01..07, 09-20 and 10-10 worked.
    expect(addWorkingDays(cal, '2026-09-18', 20)).toBe('2026-10-22')
    expect(workingDaysBetween(cal, '2026-09-18', '2026-10-22')).toBe(20)
    expect(workingDaysBetween(cal, '2025-10-01', '2025-10-09')).toBe(0)
    expect(nextWorkingDay(cal, '2026-09-30')).toBe('2026-10-08')
  })

  it('does not depend on the server time zone (chinese-days\' own isWorkday does, west of UTC)', () => {
    const tz = process.env.TZ
    try {
      process.env.TZ = 'America/Los_Angeles'
      expect(new Date('2025-10-13T00:00:00Z').getDay()).toBe(0) // local Sunday evening: the trap
      expect(cal.isWorkingDay('2025-10-13')).toBe(true) // a Monday in China
      expect(cal.isWorkingDay('2025-10-11')).toBe(true)
      expect(addWorkingDays(cal, '2025-10-12', 1)).toBe('2025-10-14')
    } finally {
      if (tz === undefined) delete process.env.TZ
      else process.env.TZ = tz
    }
  })

  it('refuses nonsense instead of looping', () => {
    expect(() => addWorkingDays(cal, '2025-02-30', 1)).toThrow()
    expect(() => addWorkingDays(cal, '2025-10-01', -1)).toThrow()
    const never = calendarOf('341500000000', Array.from({ length: 400 }, (_, i) => ({
      unitCode: '341500000000', kind: 'holiday' as const, name: '停工',
      day: new Date(Date.parse('2030-01-01T00:00:00Z') + i * 86400000).toISOString().slice(0, 10),
    })))
    expect(() => addWorkingDays(never, '2030-01-01', 1)).toThrow(/no working day/)
  })
})

describe('local overrides', () => {
  let h: Harness
  beforeAll(async () => { h = await harness() })
  afterAll(() => h.close())

  it('a unit sees national + its own and its ancestors\' overrides; the nearest wins', async () => {
    await h.db.scoped(SYSTEM_SCOPE, (db) => db.insertInto('calendar_overrides').values([
      // The city gives Monday 2026-11-30 off; the county works it anyway; 裕安区 has its own holiday.
      { unit_code: T.city, day: '2026-11-30', kind: 'holiday', name: '市庆', created_by: null },
      { unit_code: T.county, day: '2026-11-30', kind: 'workday', name: '金安区照常上班', created_by: null },
      { unit_code: T.county, day: '2026-12-01', kind: 'holiday', name: '金安区防汛', created_by: null },
      { unit_code: T.county2, day: '2026-12-02', kind: 'holiday', name: '裕安区假日', created_by: null },
      { unit_code: T.county, day: '2026-12-05', kind: 'workday', name: '周六补班', created_by: null },
    ]).execute())
    const village = await h.db.scoped(scopeOf(T.village), (db) => loadCalendar(db, T.village))
    expect(village.day('2026-11-30')).toMatchObject({ working: true, name: '金安区照常上班', source: T.county })
    expect(village.isWorkingDay('2026-12-01')).toBe(false)
    expect(village.isWorkingDay('2026-12-02')).toBe(true) // a sibling county's holiday is not ours
    expect(village.isWorkingDay('2026-12-05')).toBe(true)
    expect(addWorkingDays(village, '2026-11-27', 3)).toBe('2026-12-03') // 11-30 worked, 12-01 off
    const town2B = await h.db.scoped(scopeOf(T.townB), (db) => loadCalendar(db, T.townB))
    expect(town2B.isWorkingDay('2026-11-30')).toBe(false) // the city's holiday
    expect(town2B.isWorkingDay('2026-12-02')).toBe(false)
    expect(addWorkingDays(town2B, '2026-11-27', 3)).toBe('2026-12-04')
  })

  it('RLS: overrides flow down read-only; a township cannot set one for its county', async () => {
    const seen = await h.db.scoped(scopeOf(T.town), (db) => db.selectFrom('calendar_overrides').select('unit_code').execute())
    expect(new Set(seen.map((r) => r.unit_code))).toEqual(new Set([T.city, T.county]))
    await expect(h.db.scoped(scopeOf(T.town), (db) => db.insertInto('calendar_overrides')
      .values({ unit_code: T.county, day: '2026-12-10', kind: 'holiday', name: '越权', created_by: null }).execute())).rejects.toThrow(/row-level security/)
    const updated = await h.db.scoped(scopeOf(T.town), (db) => db.updateTable('calendar_overrides').set({ kind: 'holiday' })
      .where('unit_code', '=', T.county).executeTakeFirst())
    expect(Number(updated.numUpdatedRows)).toBe(0)
  })
})
