// Appointments (预约): slots on working days of the official calendar, closing days, booking up to
// N days ahead, the GB 11643 check and masks, cancelling, the configurable no-show block, the
// check-in that gives a priority ticket, and no overbooking under concurrent bookers (PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

let h: Harness
let admin: string, hall: string, group: string
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** A valid resident ID number (GB 11643 check character) for a sequence number. */
const idOf = (seq: number) => {
  const base = `341502199003${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + seq).slice(-3)}`
  return base + '10X98765432'[W.reduce((s, w, i) => s + w * Number(base[i]), 0) % 11]
}
const slots = async (from: string, to: string) =>
  (await h.http.get(`/api/public/units/${T.town}/halls/${hall}/slots?from=${from}&to=${to}&limit=200`).expect(200)).body.items as any[]
const bookIt = (slotId: string, seq: number, extra: object = {}) =>
  h.http.post(`/api/public/units/${T.town}/appointments`).send({ slotId, idNumber: idOf(seq), name: '王小明', phone: '13812341234', ...extra })

beforeAll(async () => {
  h = await harness({ connections: 16 })
  admin = await h.token(T.town, 'center_admin')
  hall = (await h.http.post(`/api/units/${T.town}/halls`).set(bearer(admin)).send({ kind: 'main', name: '中市街道便民服务中心' }).expect(201)).body.id
  group = (await h.http.post(`/api/units/${T.town}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'Y', name: '预约业务' }).expect(201)).body.id
  // A local closing day before the slots are made.
  await h.http.put(`/api/units/${T.town}/calendar/overrides/2026-11-27`).set(bearer(admin)).send({ kind: 'holiday', name: '街道停电检修' }).expect(200)
})
afterAll(() => h.close())

describe('slots', () => {
  it('are made on working days only (weekends and closing days skipped)', async () => {
    const res = await h.http.post(`/api/units/${T.town}/halls/${hall}/slots`).set(bearer(admin))
      .send({ groupId: group, from: '2026-11-24', to: '2026-12-04', times: [{ starts: '14:00', ends: '15:00', capacity: 2 }, { starts: '15:00', ends: '16:00', capacity: 3 }] }).expect(201)
    expect(res.body.days).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
    expect(res.body.created).toBe(16)
    const page = await h.http.get(`/api/units/${T.town}/halls/${hall}/slots?from=2026-11-24&to=2026-12-04&limit=5`).set(bearer(admin)).expect(200)
    expect(page.body.items).toHaveLength(5)
    expect(page.body.next).toEqual(expect.any(String))
    const bad = await h.http.post(`/api/units/${T.town}/halls/${hall}/slots`).set(bearer(admin))
      .send({ groupId: group, from: '2026-12-04', to: '2026-11-24', times: [{ starts: '16:00', ends: '15:00', capacity: 0 }] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.field)).toContain('times.0.capacity')
  })
})

describe('booking', () => {
  it('checks the ID number, stores it masked, returns a booking number and a query code', async () => {
    const [slot] = await slots('2026-11-25', '2026-11-25')
    const before = await snapshot(h.db)
    const bad = await bookIt(slot.id, 1, { idNumber: '341502199003071234' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toEqual({ field: 'idNumber', message: '身份证号不正确（GB 11643 校验未通过）' })
    expect(await snapshot(h.db)).toBe(before)
    const ok = await bookIt(slot.id, 1).expect(201)
    expect(ok.body.bookingNo).toMatch(new RegExp(`^${T.town}-20261124-Y0001$`))
    expect(ok.body.appointment).toMatchObject({ idNumber: '341502********' + idOf(1).slice(-4), name: '王**', phone: '138****1234', status: 'booked' })
    const [row] = await h.db.query(`select * from appointments where booking_no = $1`, [ok.body.bookingNo])
    expect(JSON.stringify(row)).not.toContain(idOf(1))
    expect((await bookIt(slot.id, 1)).status).toBe(409) // once per slot
    const look = await h.http.get(`/api/public/appointments/${ok.body.bookingNo}?queryCode=${ok.body.queryCode}`).expect(200)
    expect(look.body.status).toBe('booked')
    const wrong = await h.http.get(`/api/public/appointments/${ok.body.bookingNo}?queryCode=WRONG123`)
    const unknown = await h.http.get(`/api/public/appointments/${T.town}-20261124-Y0999?queryCode=WRONG123`)
    expect([wrong.status, wrong.body.detail]).toEqual([unknown.status, unknown.body.detail])
    expect(wrong.status).toBe(404)
    // Cancelling frees the seat.
    const cancel = await h.http.post(`/api/public/appointments/${ok.body.bookingNo}/cancel`).send({ queryCode: ok.body.queryCode }).expect(200)
    expect(cancel.body.status).toBe('cancelled')
    expect((await slots('2026-11-25', '2026-11-25'))[0].booked).toBe(0)
  })

  it('up to N days ahead; a day closed after the slots were made takes no bookings; a full slot is 409', async () => {
    const late = (await slots('2026-12-04', '2026-12-04'))[0]
    const far = await bookIt(late.id, 2)
    expect(far.status).toBe(422)
    expect(far.body.detail).toBe('最多可提前 7 天预约')
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ bookAheadDays: 14 }).expect(200)
    await bookIt(late.id, 2).expect(201)
    await h.http.put(`/api/units/${T.town}/calendar/overrides/2026-12-03`).set(bearer(admin)).send({ kind: 'holiday', name: '临时闭厅' }).expect(200)
    const closed = await bookIt((await slots('2026-12-03', '2026-12-03'))[0].id, 3)
    expect([closed.status, closed.body.detail]).toEqual([422, '该日不办公，不能预约'])
    const [two] = await slots('2026-11-26', '2026-11-26') // 14:00, capacity 2
    await bookIt(two.id, 4).expect(201)
    await bookIt(two.id, 5).expect(201)
    const full = await bookIt(two.id, 6)
    expect(full.status).toBe(409)
    expect(full.body.detail).toBe('该时段已约满，请选择其他时段')
  })

  it('three no-shows in 30 days block booking for 30 days (configurable)', async () => {
    for (const d of ['2026-11-25', '2026-11-26', '2026-11-30']) {
      const s = (await slots(d, d)).find((x) => x.starts === '15:00')
      await bookIt(s.id, 7).expect(201)
    }
    h.clock.set('2026-12-01T02:00:00Z')
    const next = (await slots('2026-12-02', '2026-12-02'))[0]
    const blocked = await bookIt(next.id, 7)
    expect(blocked.status).toBe(422)
    expect(blocked.body).toMatchObject({ blockedUntil: '2026-12-30' })
    expect(blocked.body.detail).toMatch(/30 天内爽约 3 次，2026-12-30 前暂停预约/)
    const list = await h.http.get(`/api/units/${T.town}/appointments?day=2026-11-30`).set(bearer(admin)).expect(200)
    expect(list.body.items.map((a: any) => a.status)).toContain('no_show')
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ noShowLimit: 4 }).expect(200)
    await bookIt(next.id, 7).expect(201)
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ noShowLimit: 3 }).expect(200)
    h.clock.set('2026-11-24T02:00:00Z')
  })

  it('check-in on the day turns the booking into a priority ticket', async () => {
    const s = (await slots('2026-11-24', '2026-11-24')).find((x) => x.starts === '15:00')
    const b = (await bookIt(s.id, 8).expect(201)).body
    const walkIn = await h.http.post(`/api/public/units/${T.town}/halls/${hall}/tickets`).send({ groupId: group, channel: 'kiosk' }).expect(201)
    expect(walkIn.body.ahead).toBe(0)
    const ci = await h.http.post(`/api/public/appointments/${b.bookingNo}/check-in`).send({ queryCode: b.queryCode }).expect(201)
    expect(ci.body.ticket).toMatchObject({ priority: true, ahead: 0 })
    expect(ci.body.appointment.status).toBe('checked_in')
    expect((await h.http.get(`/api/public/units/${T.town}/halls/${hall}/tickets/${walkIn.body.id}`)).body.ahead).toBe(1)
    expect((await h.http.post(`/api/public/appointments/${b.bookingNo}/check-in`).send({ queryCode: b.queryCode })).status).toBe(409)
    const other = (await bookIt((await slots('2026-11-25', '2026-11-25'))[0].id, 9).expect(201)).body
    const early = await h.http.post(`/api/public/appointments/${other.bookingNo}/check-in`).send({ queryCode: other.queryCode })
    expect([early.status, early.body.detail]).toEqual([409, '请在预约当天（2026-11-25）签到'])
  })
})

describe('no-shows city-wide', () => {
  it('count across the halls of every unit of the city (two counties), while each booking runs in its unit scope', async () => {
    const adminB = await h.token(T.townB, 'center_admin')
    const hallB = (await h.http.post(`/api/units/${T.townB}/halls`).set(bearer(adminB)).send({ kind: 'main', name: '西市街道便民服务中心' }).expect(201)).body.id
    const groupB = (await h.http.post(`/api/units/${T.townB}/halls/${hallB}/groups`).set(bearer(adminB)).send({ prefix: 'Y', name: '预约业务' }).expect(201)).body.id
    await h.http.post(`/api/units/${T.townB}/halls/${hallB}/slots`).set(bearer(adminB))
      .send({ groupId: groupB, from: '2026-11-24', to: '2026-12-04', times: [{ starts: '09:00', ends: '10:00', capacity: 5 }] }).expect(201)
    const slotsB = async (d: string) => (await h.http.get(`/api/public/units/${T.townB}/halls/${hallB}/slots?from=${d}&to=${d}`).expect(200)).body.items as any[]
    const bookB = (slotId: string, seq: number) => h.http.post(`/api/public/units/${T.townB}/appointments`).send({ slotId, idNumber: idOf(seq), name: '李小红', phone: '13912345678' })
    // Two no-shows at 中市街道 (金安区), one at 西市街道 (裕安区): neither unit alone reaches three.
    await bookIt((await slots('2026-11-25', '2026-11-25'))[0].id, 50).expect(201)
    await bookIt((await slots('2026-11-26', '2026-11-26'))[0].id, 50).expect(201)
    await bookB((await slotsB('2026-11-30'))[0].id, 50).expect(201)
    h.clock.set('2026-12-01T02:00:00Z')
    try {
      const atB = await bookB((await slotsB('2026-12-02'))[0].id, 50)
      expect([atB.status, atB.body.blockedUntil]).toEqual([422, '2026-12-30'])
      const atTown = await bookIt((await slots('2026-12-02', '2026-12-02'))[0].id, 50)
      expect([atTown.status, atTown.body.blockedUntil]).toEqual([422, '2026-12-30'])
      // Someone else with one no-show in each county is not blocked.
      await bookIt((await slots('2026-12-02', '2026-12-02'))[0].id, 51).expect(201)
    } finally { h.clock.set('2026-11-24T02:00:00Z') }
  })

  it('the city-wide count reveals only days, inside the caller\'s city, and fails closed without a scope', async () => {
    const hash = (await h.db.query<{ id_hash: string }>(`select id_hash from appointments where unit_code = $1 limit 1`, [T.townB]))[0].id_hash
    const fromB = await h.db.scoped({ lo: '341503001000', hi: '341503001999', ancestors: [], unitCode: T.townB }, async (db) => {
      const { sql } = await import('kysely')
      const days = (await sql<{ d: string }>`select d::text as d from appointment_no_show_days(${hash}, '2026-11-01'::date, '2026-12-31'::date) d`.execute(db)).rows.map((r) => r.d)
      const own = (await sql<{ n: number }>`select count(*)::int as n from appointments where id_hash = ${hash}`.execute(db)).rows[0].n
      const after = (await sql<{ lo: string }>`select current_setting('app.scope_lo') as lo`.execute(db)).rows[0].lo
      return { days, own, after }
    })
    expect(fromB.days).toEqual(['2026-11-25', '2026-11-26', '2026-11-30'])
    expect(fromB.own).toBe(1) // the unit's own scope still sees only its booking
    expect(fromB.after).toBe('341503001000') // the caller's scope is restored
    const unscoped = await h.db.query(`select count(*)::int as n from (select set_config('app.scope_lo', '', true) as x) s,
      lateral appointment_no_show_days($1 || s.x, '2026-11-01', '2026-12-31')`, [hash])
    expect((unscoped[0] as any).n).toBe(0)
  })
})

describe('concurrency (PostgreSQL)', () => {
  it.skipIf(!onPostgres())('parallel bookings of the last seat: exactly one gets it', async () => {
    const s = (await slots('2026-12-02', '2026-12-02')).find((x) => x.starts === '15:00') // capacity 3
    for (let i = 0; i < s.remaining - 1; i++) await bookIt(s.id, 20 + i).expect(201)
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => bookIt(s.id, 30 + i)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(11)
    const [row] = await h.db.query<{ booked: number; n: number }>(`select booked, (select count(*)::int from appointments a where a.slot_id = s.id and a.status = 'booked') as n from appointment_slots s where id = $1`, [s.id])
    expect(row).toEqual({ booked: 3, n: 3 })
  })
})
