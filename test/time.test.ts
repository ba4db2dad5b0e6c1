// GET /api/time: the app's clock and calendar, not the caller's (the console's "today").
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('GET /api/time', () => {
  it('answers the app clock as now, today in Asia/Shanghai and the working day, without login', async () => {
    h.clock.set('2026-11-24T02:00:00Z')
    const res = await h.http.get('/api/time').expect(200)
    expect(res.body).toEqual({ now: '2026-11-24T02:00:00.000Z', today: '2026-11-24', workingDay: true, dayName: '工作日', calendarUnitCode: null })
  })

  it('takes the date in Beijing time, whatever the UTC date', async () => {
    h.clock.set('2026-11-27T17:30:00Z') // Saturday 01:30 in Beijing
    const res = await h.http.get('/api/time').expect(200)
    expect(res.body).toMatchObject({ today: '2026-11-28', workingDay: false, dayName: '周末' })
  })

  it('follows the official calendar (National Day is no working day)', async () => {
    h.clock.set('2026-10-01T01:00:00Z')
    const res = await h.http.get('/api/time').expect(200)
    expect(res.body).toMatchObject({ today: '2026-10-01', workingDay: false, dayName: '国庆节' })
  })

  it("a signed-in user gets its own unit's calendar: a county's local holiday counts for its staff", async () => {
    h.clock.set('2026-11-24T02:00:00Z')
    const admin = await h.token(T.county, 'center_admin')
    await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-24`).set(bearer(admin)).send({ kind: 'holiday', name: '地方假日' }).expect(200)
    const clerk = await h.token(T.town, 'window_clerk')
    const mine = await h.http.get('/api/time').set(bearer(clerk)).expect(200)
    expect(mine.body).toMatchObject({ today: '2026-11-24', workingDay: false, dayName: '地方假日', calendarUnitCode: T.town })
    const other = await h.http.get('/api/time').set(bearer(await h.token(T.county2, 'window_clerk'))).expect(200)
    expect(other.body).toMatchObject({ workingDay: true, calendarUnitCode: T.county2 })
    expect((await h.http.get('/api/time').expect(200)).body.workingDay).toBe(true)
  })
})
