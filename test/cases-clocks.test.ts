// Clocks in working days: receipt after office hours or on a non-working day counts from the
// next working day; the due date from the matter's limit; one extension with an approver's
// approval; suspension stops the clock; a new local holiday moves the due dates of open cases.
import { nationalCalendar, addWorkingDays, loadCalendar } from '../src/platform/calendar.js'
import { scopeOf } from '../src/platform/scope.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dueDate, limitOf, limitUnitOf } from '../src/modules/cases/clocks.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, getCase, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const at = async <R>(iso: string, fn: () => Promise<R>) => {
  h.clock.set(iso)
  try { return await fn() } finally { h.clock.set('2026-11-24T02:00:00Z') }
}

describe('clocks', () => {
  it('answers the due date N working days from a day on the unit calendar', async () => {
    const t = await h.token(T.town, 'window_clerk')
    const r = await h.http.get(`/api/units/${T.town}/calendar/working-days?from=2026-09-18&days=20`).set(bearer(t))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ from: '2026-09-18', days: 20, due: '2026-10-22' }) // over 中秋 and 国庆, with 调休
    const bad = await h.http.get(`/api/units/${T.town}/calendar/working-days?from=2026-02-30&days=2`).set(bearer(t))
    expect(bad.status).toBe(400)
  })

  it('a receipt after 17:30 or on a non-working day counts from the next working day', async () => {
    const evening = await at('2026-11-24T09:45:00Z', () => submit(h, T.county)) // 17:45 in Shanghai
    expect(evening.case.receivedDay).toBe('2026-11-25')
    const before = await at('2026-11-24T09:15:00Z', () => submit(h, T.county)) // 17:15
    expect(before.case.receivedDay).toBe('2026-11-24')
    const saturday = await at('2026-11-28T02:00:00Z', () => submit(h, T.county))
    expect(saturday.case.receivedDay).toBe('2026-11-30')
    // Accepted after hours: the acceptance day is the next working day and is not counted.
    const r = await at('2026-11-24T10:00:00Z', () => actOk(h, T.county, 'window_clerk', before.case.id, 'accept'))
    expect(r.acceptanceReceipt).toMatchObject({ acceptedOn: '2026-11-25', promisedCompletionDate: '2026-12-02' })
  })

  it('extends once by 10 working days with an approver\'s approval; a second extension is refused', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const clerk = await act(h, T.county, 'window_clerk', c.id, 'extend', { reason: '需现场核查' })
    expect(clerk.status).toBe(403)
    const r = await actOk(h, T.county, 'approver', c.id, 'extend', { reason: '需现场核查' })
    expect(r).toMatchObject({ extendedDays: 10, dueDate: '2026-12-15' })
    const again = await act(h, T.county, 'approver', c.id, 'extend', { reason: '再延' })
    expect(again.status).toBe(409)
    const seen = await getCase(h, T.county, c.id)
    expect(seen.events.at(-1)).toMatchObject({ type: 'extended', payload: { days: 10, approvedBy: await h.userId(T.county, 'approver') } })
  })

  it('suspension for a lawful ground stops the clock (written notice), resuming pushes the due date', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const bad = await act(h, T.county, 'reviewer', c.id, 'suspend', { ground: 'holiday', note: '休假' })
    expect(bad.status).toBe(400)
    await at('2026-11-25T02:00:00Z', () => actOk(h, T.county, 'reviewer', c.id, 'suspend', { ground: 'inspection', note: '送检验机构检验' }))
    const notice = await h.db.query(`select kind, payload from outbox where case_id = $1 order by created_at, kind`, [c.id])
    expect(notice.map((m: any) => m.kind)).toEqual(['case_confirmed', 'suspension_notice'])
    expect(notice[1].payload.text).toMatch(/检验/)
    expect((await act(h, T.county, 'reviewer', c.id, 'review', { opinion: '同意' })).status).toBe(409)
    const r = await at('2026-11-27T02:00:00Z', () => actOk(h, T.county, 'reviewer', c.id, 'resume', {}))
    expect(r).toMatchObject({ status: 'accepted', suspendedDays: 2, dueDate: '2026-12-03' })
  })

  it('waiting for a supplement stops the clock too; supplying the items resumes it', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    await at('2026-11-25T02:00:00Z', () => actOk(h, T.county, 'reviewer', c.id, 'suspend', { ground: 'supplement', note: '营业执照复印件不清晰，请补正' }))
    const r = await at('2026-11-26T02:00:00Z', () => actOk(h, T.county, 'window_clerk', c.id, 'supplement', { materials: ['营业执照'] }))
    expect(r.status).toBe('accepted')
    expect(await getCase(h, T.county, c.id)).toMatchObject({ status: 'accepted', suspendedDays: 1, dueDate: '2026-12-02' })
  })

  it('defaults to 20 working days when a matter sets no limit, 45 for parallel handling', () => {
    expect(limitOf({ promisedLimit: null }, false)).toBe(20)
    expect(limitOf({ promisedLimit: { days: 5 }, statutoryLimit: { days: 10 } }, false)).toBe(5)
    expect(limitOf({ promisedLimit: null, statutoryLimit: { days: 15 } }, false)).toBe(15)
    expect(limitOf({ promisedLimit: { days: 5 } }, true)).toBe(45)
  })

  it('a matter whose own law sets natural days counts calendar days; a last day on a holiday moves to the next working day', () => {
    const cal = nationalCalendar()
    expect(limitUnitOf({ promisedLimit: { days: 10, unit: 'natural' } }, false)).toBe('natural')
    expect(limitUnitOf({ promisedLimit: null, statutoryLimit: { days: 10 } }, false)).toBe('working')
    expect(limitUnitOf({ promisedLimit: { days: 10, unit: 'natural' } }, true)).toBe('working')
    const c = { clock_start: '2026-09-25', limit_days: 10, extended_days: 0, suspended_days: 0 }
    // 10 natural days end on 2026-10-05, inside the National Day holiday: due the next working day.
    expect(dueDate(cal, { ...c, limit_unit: 'natural' })).toBe('2026-10-08')
    // The same 10 days as working days skip the holiday week altogether.
    expect(dueDate(cal, { ...c, limit_unit: 'working' })).toBe(addWorkingDays(cal, '2026-09-25', 10))
    expect(dueDate(cal, { ...c, limit_unit: 'working' })).not.toBe('2026-10-08')
    // Natural days ending on a working day stay put; extensions and suspensions add working days.
    expect(dueDate(cal, { ...c, clock_start: '2026-11-20', limit_unit: 'natural' })).toBe('2026-11-30')
    expect(dueDate(cal, { ...c, clock_start: '2026-11-20', limit_unit: 'natural', extended_days: 1 })).toBe('2026-12-01')
  })

  it('a holiday added to the county calendar moves the due dates of open cases in its subtree', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const { case: town } = await submit(h, T.town, { matterCode: 'ELDER' })
    await actOk(h, T.town, 'window_clerk', town.id, 'accept')
    expect((await getCase(h, T.county, c.id)).dueDate).toBe('2026-12-01')
    const admin = await h.token(T.county, 'center_admin')
    const put = await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-26`).set(bearer(admin)).send({ kind: 'holiday', name: '地方假日' })
    expect(put.status).toBe(200)
    expect(put.body.recomputedCases).toBeGreaterThanOrEqual(2)
    expect((await getCase(h, T.county, c.id)).dueDate).toBe('2026-12-02')
    expect((await getCase(h, T.town, town.id)).dueDate).toBe('2026-12-02')
    const wd = await h.http.get(`/api/units/${T.town}/calendar/working-days?from=2026-11-24&days=5`).set(bearer(admin))
    expect(wd.body.due).toBe('2026-12-02')
    // The recompute runs in SQL (work_days); it must agree with dueDate() for every kind of clock,
    // natural-day limits, extensions, suspensions and the acceptance deadline included.
    await h.db.query(`update cases set limit_unit = 'natural', limit_days = 7, extended_days = 1, suspended_days = 2 where id = $1`, [town.id])
    const waiting = (await submit(h, T.town, { matterCode: 'ELDER' })).case
    await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-12-03`).set(bearer(admin)).send({ kind: 'holiday', name: '地方假日二' }).expect(200)
    const cal = await h.db.scoped(scopeOf(T.town), (db) => loadCalendar(db, T.town))
    for (const id of [c.id, town.id, waiting.id]) {
      const [row] = await h.db.query<any>(`select * from cases where id = $1`, [id])
      expect(row.due_date).toBe(dueDate(cal, row))
      expect(row.acceptance_deadline).toBe(addWorkingDays(cal, row.received_day, 5))
    }
    const [nat] = await h.db.query<any>(`select due_date from cases where id = $1`, [town.id])
    expect(nat.due_date).not.toBe(addWorkingDays(cal, '2026-11-24', 10))
    const clerk = await h.token(T.county, 'window_clerk')
    expect((await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-27`).set(bearer(clerk)).send({ kind: 'holiday', name: 'x' })).status).toBe(403)
  })
})
