// Queue tickets (排队叫号): public taking with the count ahead, the priority lane, calling by the
// window's groups (priority first, then first come), no double calls under concurrency (PostgreSQL),
// recall, skip after N calls, transfer, the case link, the hall display (SSE), the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { setupCases, submit } from './helpers/cases.js'
import { onPostgres } from './helpers/db.js'

let h: Harness
let admin: string, clerk: string
let hall: string, groupA: string, groupB: string, win1: string, win2: string
const take = (body: object) => h.http.post(`/api/public/units/${T.town}/halls/${hall}/tickets`).send(body)
const call = (token: string, win: string) => h.http.post(`/api/units/${T.town}/windows/${win}/call-next`).set(bearer(token)).send({})
const step = (id: string, s: string, body: object = {}) => h.http.post(`/api/units/${T.town}/tickets/${id}/${s}`).set(bearer(clerk)).send(body)

beforeAll(async () => {
  h = await harness({ connections: 24 })
  await setupCases(h) // the township's window 1, staffed by its clerk
  admin = await h.token(T.town, 'center_admin')
  clerk = await h.token(T.town, 'window_clerk')
  hall = (await h.http.get(`/api/units/${T.town}/halls`).set(bearer(admin))).body.items[0].id
  groupA = (await h.http.post(`/api/units/${T.town}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'A', name: '综合受理', matterCodes: ['ELDER'] }).expect(201)).body.id
  groupB = (await h.http.post(`/api/units/${T.town}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'B', name: '社保医保' }).expect(201)).body.id
  win1 = (await h.http.get(`/api/units/${T.town}/windows`).set(bearer(admin))).body.items[0].id
  win2 = (await h.http.post(`/api/units/${T.town}/windows`).set(bearer(admin)).send({ number: '2', name: '社保窗口', departments: [] })).body.id
  await h.http.put(`/api/units/${T.town}/windows/${win1}/groups`).set(bearer(admin)).send({ groupIds: [groupA] }).expect(200)
  await h.http.put(`/api/units/${T.town}/windows/${win2}/groups`).set(bearer(admin)).send({ groupIds: [groupB] }).expect(200)
})
afterAll(() => h.close())

describe('taking and calling', () => {
  it('a ticket shows its number and how many are ahead; the priority lane goes first', async () => {
    const t1 = await take({ groupId: groupA, channel: 'kiosk', name: '张三' }).expect(201)
    expect(t1.body).toMatchObject({ number: 'A001', ahead: 0, priority: false, status: 'waiting', hallName: '政务服务大厅', groupName: '综合受理' })
    expect(t1.headers['cache-control']).toBe('no-store')
    const t2 = await take({ groupId: groupA, channel: 'phone' }).expect(201)
    expect(t2.body).toMatchObject({ number: 'A002', ahead: 1 })
    const old = await take({ groupId: groupA, channel: 'kiosk', priority: 'elderly', name: '李四' }).expect(201)
    expect(old.body).toMatchObject({ number: 'A003', ahead: 0, priority: true })
    // The others moved back by one.
    expect((await h.http.get(`/api/public/units/${T.town}/halls/${hall}/tickets/${t2.body.id}`).expect(200)).body.ahead).toBe(2)
    // Window 1 serves group A: the priority ticket, then first come.
    const c1 = await call(clerk, win1).expect(200)
    expect(c1.body.ticket).toMatchObject({ number: 'A003', status: 'called', callCount: 1, name: '李*' })
    expect(c1.body.spoken).toBe('请A003号到1号窗口')
    expect((await call(clerk, win1)).body.ticket.number).toBe('A001')
    // Window 2 serves group B only: nobody waiting there.
    expect((await call(admin, win2).expect(200)).body).toEqual({ ticket: null, spoken: null })
  })

  it('only staff of the window (or the admin) call there; the unit above does not (403)', async () => {
    const other = await h.token(T.town, 'agent')
    expect((await call(other, win1)).status).toBe(403)
    expect((await call(await h.token(T.county, 'center_admin'), win1)).status).toBe(403)
    expect((await call(await h.token(T.county2, 'center_admin'), win1)).status).toBe(404)
  })

  it('bad input: problem+json 400 in Chinese, nothing written', async () => {
    const before = await snapshot(h.db)
    const res = await take({ groupId: 'x', channel: 'fax', priority: 'vip' })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['channel', 'groupId', 'priority'])
    const wrongGroup = await h.http.post(`/api/units/${T.town2}/halls/${hall}/tickets`).send({ groupId: groupA, channel: 'kiosk' })
    expect(wrongGroup.status).toBe(404)
    expect(await snapshot(h.db)).toBe(before)
  })
})

describe('at the window', () => {
  it('recall, then skip only after N calls (settings)', async () => {
    const t = (await take({ groupId: groupA, channel: 'kiosk' })).body
    let called = (await call(clerk, win1)).body.ticket
    while (called.id !== t.id) { await step(called.id, 'start'); await step(called.id, 'finish'); called = (await call(clerk, win1)).body.ticket }
    const early = await step(t.id, 'skip')
    expect(early.status).toBe(409)
    expect(early.body.detail).toMatch(/须呼叫满 3 次/)
    expect((await step(t.id, 'recall').expect(200)).body.ticket.callCount).toBe(2)
    await step(t.id, 'recall').expect(200)
    const skipped = await step(t.id, 'skip').expect(200)
    expect(skipped.body.status).toBe('skipped')
    expect((await step(t.id, 'recall')).status).toBe(409)
  })

  it('transfer to another group keeps the place; the ticket links to a case taken in', async () => {
    const t = (await take({ groupId: groupA, channel: 'kiosk' })).body
    const later = (await take({ groupId: groupB, channel: 'kiosk' })).body
    const c = (await call(clerk, win1)).body.ticket
    expect(c.id).toBe(t.id)
    const moved = await step(t.id, 'transfer', { groupId: groupB }).expect(200)
    expect(moved.body).toMatchObject({ status: 'waiting', groupId: groupB, callCount: 0 })
    // Taken before the B ticket: called first at the B window.
    expect((await call(admin, win2)).body.ticket.id).toBe(t.id)
    expect((await call(admin, win2)).body.ticket.id).toBe(later.id)
    const { case: kase } = await submit(h, T.town, { matterCode: 'ELDER' })
    const linked = await h.http.put(`/api/units/${T.town}/tickets/${t.id}/case`).set(bearer(clerk)).send({ caseId: kase.id }).expect(200)
    expect(linked.body.caseId).toBe(kase.id)
    const bad = await h.http.put(`/api/units/${T.town}/tickets/${t.id}/case`).set(bearer(clerk)).send({ caseId: '00000000-0000-4000-8000-000000000000' })
    expect(bad.status).toBe(400)
  })

  it('figures: wait and service time per hall, window, group and hour; tickets per day', async () => {
    const t = (await take({ groupId: groupA, channel: 'kiosk' })).body
    h.clock.set('2026-11-24T02:05:00Z')
    let c = (await call(clerk, win1)).body.ticket
    while (c.id !== t.id) c = (await call(clerk, win1)).body.ticket
    await step(t.id, 'start')
    h.clock.set('2026-11-24T02:15:00Z')
    await step(t.id, 'finish').expect(200)
    h.clock.set('2026-11-24T02:00:00Z')
    const f = (await h.http.get(`/api/units/${T.town}/queue/figures?from=2026-11-24&to=2026-11-24`).set(bearer(admin)).expect(200)).body
    expect(f.byDay).toEqual([expect.objectContaining({ key: '2026-11-24', tickets: expect.any(Number) })])
    expect(f.byHour.map((r: any) => r.key)).toEqual(['10'])
    expect(f.byGroup.map((r: any) => r.name).sort()).toEqual(['社保医保', '综合受理'])
    expect(f.byWindow.find((r: any) => r.name === '1号窗口').avgServiceSeconds).toBeGreaterThan(0)
    expect(f.byHall[0].avgWaitSeconds).toBeGreaterThan(0)
    expect(f.byHall[0].tickets).toBe(f.byDay[0].tickets)
  })
})

describe('hall display', () => {
  it('streams the latest calls as Server-Sent Events, names masked, with the spoken text', async () => {
    await take({ groupId: groupA, channel: 'kiosk', name: '欧阳明' })
    let c = (await call(clerk, win1)).body.ticket
    while (c.name !== '欧**') c = (await call(clerk, win1)).body.ticket
    const res = await h.http.get(`/api/public/units/${T.town}/halls/${hall}/display`).buffer(true)
      .parse((r: any, cb: any) => {
        let text = ''
        r.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          const at = text.indexOf('"name":"欧**"')
          if (at >= 0 && text.indexOf('\n\n', at) > 0) { r.destroy(); cb(null, text) }
        })
        r.on('error', () => cb(null, text))
      })
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    const text = res.body as string
    expect(text.startsWith('event: hall\n')).toBe(true)
    const events = text.split('\n\n').filter((e) => e.startsWith('event: call'))
    const last = JSON.parse(events.at(-1)!.split('\n').find((l) => l.startsWith('data: '))!.slice(6))
    expect(last).toMatchObject({ ticketNumber: c.number, windowNumber: '1', name: '欧**', spoken: `请${c.number}号到1号窗口` })
    expect(text).not.toContain('欧阳明')
    expect(events.at(-1)).toMatch(/^id: \d+$/m)
  })
})

describe('concurrency (PostgreSQL)', () => {
  it.skipIf(!onPostgres())('20 windows calling at once never get the same ticket', async () => {
    const wins: string[] = []
    for (let i = 0; i < 20; i++) {
      const w = await h.http.post(`/api/units/${T.town}/windows`).set(bearer(admin)).send({ number: `P${i}`, name: '并发窗口', departments: [] }).expect(201)
      await h.http.put(`/api/units/${T.town}/windows/${w.body.id}/groups`).set(bearer(admin)).send({ groupIds: [groupB] }).expect(200)
      wins.push(w.body.id)
    }
    // Drain group B, then 20 fresh tickets.
    while ((await call(admin, win2)).body.ticket);
    for (let i = 0; i < 20; i++) await take({ groupId: groupB, channel: 'kiosk' }).expect(201)
    const results = await Promise.all(wins.map((w) => call(admin, w)))
    const ids = results.map((r) => r.body.ticket?.id)
    expect(ids.every(Boolean)).toBe(true)
    expect(new Set(ids).size).toBe(20)
  })
})
