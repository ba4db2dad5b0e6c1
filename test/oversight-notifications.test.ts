// Notifications with read state per user: the list says what this user has read, the bell's
// count is this user's unread, marking one or all read is personal and limited to one's own inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
const ids: Record<string, number> = {}
beforeAll(async () => {
  h = await harness()
  // What the sweep writes (its own tests cover how): three to the county's handlers, one to its
  // supervisors, one to the sibling county.
  const note = async (key: string, unit: string, audience: string) => {
    const [r] = await h.db.query<{ id: string }>(`insert into staff_notifications (unit_code, audience, kind, text, created_at)
      values ($1, $2, 'warning_red', $3, now()) returning id`, [unit, audience, `通知${key}`])
    ids[key] = Number(r!.id)
  }
  for (const k of ['a', 'b', 'c']) await note(k, T.county, 'handlers')
  await note('sup', T.county, 'supervisors')
  await note('other', T.county2, 'handlers')
})
afterAll(() => h.close())

const as = async (code: string, role: Parameters<Harness['token']>[1]) => bearer(await h.token(code, role))
const count = async (code: string, auth: Record<string, string>) => {
  const r = await h.http.get(`/api/units/${code}/notifications/unread-count`).set(auth)
  expect(r.status).toBe(200)
  return r.body.unread as number
}
const reads = async () => Number((await h.db.query<{ n: string }>('select count(*) as n from notification_reads'))[0]!.n)

describe('notification read state', () => {
  it('marks one read for this user only; the list and the count follow', async () => {
    const clerk = await as(T.county, 'window_clerk')
    const reviewer = await as(T.county, 'reviewer')
    expect(await count(T.county, clerk)).toBe(3)
    const r = await h.http.post(`/api/units/${T.county}/notifications/read`).set(clerk).send({ ids: [ids.a] })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ unitCode: T.county, marked: 1, unread: 2 })
    const list = await h.http.get(`/api/units/${T.county}/notifications`).set(clerk)
    expect(list.body.items.map((n: any) => [n.text, n.read])).toEqual([['通知c', false], ['通知b', false], ['通知a', true]])
    const unread = await h.http.get(`/api/units/${T.county}/notifications?unread=true`).set(clerk)
    expect(unread.body.items.map((n: any) => n.text)).toEqual(['通知c', '通知b'])
    // Another user of the same unit has read nothing.
    expect(await count(T.county, reviewer)).toBe(3)
    // Marking it again marks nothing new.
    const again = await h.http.post(`/api/units/${T.county}/notifications/read`).set(clerk).send({ ids: [ids.a] })
    expect(again.body).toMatchObject({ marked: 0, unread: 2 })
  })

  it('marks all of the inbox read (a supervisor of the unit also has the supervisors\' notices)', async () => {
    const sup = await as(T.county, 'supervisor')
    expect(await count(T.county, sup)).toBe(4)
    const r = await h.http.post(`/api/units/${T.county}/notifications/read`).set(sup).send({ all: true })
    expect(r.body).toEqual({ unitCode: T.county, marked: 4, unread: 0 })
    const list = await h.http.get(`/api/units/${T.county}/notifications`).set(sup)
    expect([list.body.items.length > 0, list.body.items.every((n: any) => n.read)]).toEqual([true, true])
  })

  it('refuses ids outside the inbox (404), other units\' inboxes (403 above, 404 beside) and bad bodies (400), writing nothing', async () => {
    const clerk = await as(T.county, 'window_clerk')
    const before = await reads()
    const other = await h.http.post(`/api/units/${T.county}/notifications/read`).set(clerk).send({ ids: [ids.b, ids.other] })
    expect(other.status).toBe(404)
    // The supervisors' notice is not in a clerk's inbox.
    expect((await h.http.post(`/api/units/${T.county}/notifications/read`).set(clerk).send({ ids: [ids.sup] })).status).toBe(404)
    const up = await h.http.post(`/api/units/${T.county}/notifications/read`).set(await as(T.city, 'supervisor')).send({ all: true })
    expect(up.status).toBe(403)
    const beside = await h.http.post(`/api/units/${T.county}/notifications/read`).set(await as(T.county2, 'center_admin')).send({ all: true })
    expect(beside.status).toBe(404)
    for (const bad of [{}, { ids: [] }, { ids: ['x'] }, { ids: [ids.b], all: true }]) {
      const r = await h.http.post(`/api/units/${T.county}/notifications/read`).set(clerk).send(bad)
      expect(r.status, JSON.stringify(bad)).toBe(400)
      expect(r.body.errors.map((e: any) => e.field.split('.')[0])).toContain('ids')
    }
    expect(await reads()).toBe(before)
    // The city's supervisor still reads the county's inbox and its own count of it.
    expect(await count(T.county, await as(T.city, 'supervisor'))).toBe(4)
  })
})
