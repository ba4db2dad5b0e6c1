// "Working days left" on a case, as the API answers it to the queues: counted on the handling
// unit's calendar (national holidays, 调休, local overrides), not Monday to Friday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { actOk, getCase, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const listed = async (id: string, status = 'submitted') => {
  const t = await h.token(T.county, 'window_clerk')
  const r = await h.http.get(`/api/cases?unit=${T.county}&status=${status}&limit=50`).set(bearer(t))
  expect(r.status).toBe(200)
  return r.body.items.find((c: { id: string }) => c.id === id)
}

describe('working days left', () => {
  it('counts over the National Day holiday and its make-up Saturday', async () => {
    h.clock.set('2026-09-29T02:00:00Z') // a Tuesday; 10-01…10-07 are 国庆节, Saturday 10-10 is a 调休 workday
    const { case: c } = await submit(h, T.county)
    expect(c.acceptanceDeadline).toBe('2026-10-12')
    // Monday to Friday would say 9 (10-01, 10-02, 10-05…10-07 are weekdays on holiday).
    expect((await listed(c.id)).workingDaysLeft).toBe(5)
    expect((await getCase(h, T.county, c.id)).workingDaysLeft).toBe(5)
    h.clock.set('2026-10-03T02:00:00Z') // in the holiday: only 09-30 has passed
    expect((await listed(c.id)).workingDaysLeft).toBe(4)
    h.clock.set('2026-10-12T02:00:00Z')
    expect((await listed(c.id)).workingDaysLeft).toBe(0)
    h.clock.set('2026-10-14T02:00:00Z')
    expect((await listed(c.id)).workingDaysLeft).toBe(-2)
  })

  it('follows a local holiday of the county (the deadline moves, the count stays true)', async () => {
    h.clock.set('2026-11-24T02:00:00Z') // Tuesday
    const { case: c } = await submit(h, T.county)
    expect(c.acceptanceDeadline).toBe('2026-12-01')
    expect((await listed(c.id)).workingDaysLeft).toBe(5)
    const admin = await h.token(T.county, 'center_admin')
    await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-26`).set(bearer(admin)).send({ kind: 'holiday', name: '地方假日' }).expect(200)
    const after = await listed(c.id)
    expect(after.acceptanceDeadline).toBe('2026-12-02')
    // On the national calendar alone 11-24 → 12-02 would be 6 working days.
    expect(after.workingDaysLeft).toBe(5)
  })

  it('counts to the due date once accepted, and answers null while suspended or closed', async () => {
    h.clock.set('2026-11-30T02:00:00Z') // Monday
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const accepted = await listed(c.id, 'accepted')
    expect(accepted.dueDate).toBe('2026-12-07')
    expect(accepted.workingDaysLeft).toBe(5)
    await actOk(h, T.county, 'reviewer', c.id, 'suspend', { ground: 'inspection', note: '送检验机构检验' })
    expect((await listed(c.id, 'suspended')).workingDaysLeft).toBeNull()
    const { case: r } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', r.id, 'reject', { reason: '不属于本机关职权范围', remedy: '可自收到本决定之日起六十日内申请行政复议，或六个月内提起行政诉讼' })
    expect((await getCase(h, T.county, r.id)).workingDaysLeft).toBeNull()
  })

  it('lists 即将超期 by working days left (dueWithin), across a holiday, in SQL', async () => {
    h.clock.set('2026-09-29T02:00:00Z') // Tuesday; 5 working days to 10-12 across 国庆节
    const { case: c } = await submit(h, T.county)
    const t = await h.token(T.county, 'window_clerk')
    const within = async (n: number | string) => {
      const r = await h.http.get(`/api/cases?unit=${T.county}&dueWithin=${n}&limit=100`).set(bearer(t))
      return r
    }
    const ids = async (n: number) => { const r = await within(n); expect(r.status).toBe(200); return r.body.items.map((x: { id: string }) => x.id) }
    expect(await ids(5)).toContain(c.id)
    expect(await ids(4)).not.toContain(c.id)
    // 10-03, in the holiday: 9 calendar days to go, but 4 working days.
    h.clock.set('2026-10-03T02:00:00Z')
    expect(await ids(4)).toContain(c.id)
    expect(await ids(3)).not.toContain(c.id)
    for (const x of (await within(4)).body.items) expect(x.workingDaysLeft).toBeLessThanOrEqual(4)
    // A suspended case has no running clock and is never 即将超期.
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    await actOk(h, T.county, 'reviewer', c.id, 'suspend', { ground: 'inspection', note: '送检验机构检验' })
    expect(await ids(60)).not.toContain(c.id)
    for (const bad of ['-1', '61', '2.5', 'abc']) {
      const r = await within(bad)
      expect(r.status, bad).toBe(400)
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('dueWithin')
      expect(r.body.errors[0].message).toMatch(/工作日/)
    }
  })
})
