// Complaints (投诉): public filing with a tracking number and query code, masked phone for staff,
// an answer limit in working days (configurable per city), escalation when late (idempotent),
// following and rating by the complainant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escalateLateComplaints } from '../src/modules/supervision/complaints.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { complain, complaintId } from './helpers/supervision.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('complaints', () => {
  it('anyone files one and gets a tracking number and query code; due in 10 working days', async () => {
    const res = await h.http.post('/api/public/complaints').send({
      unitCode: T.town, subject: '态度差', body: '窗口人员态度恶劣', contactName: '张三', contactPhone: '13812345678' })
    expect(res.status).toBe(201)
    expect(res.body.trackingNo).toMatch(/^TS341502001000[0-9]{8}$/)
    expect(res.body.queryCode).toMatch(/^[A-Z0-9]{8}$/)
    // 2026-11-24 (Tue) + 10 working days = 2026-12-08.
    expect(res.body.dueOn).toBe('2026-12-08')
    const list = await h.http.get(`/api/units/${T.town}/complaints`).set(bearer(await h.token(T.town, 'center_admin')))
    const mine = list.body.items.find((c: any) => c.trackingNo === res.body.trackingNo)
    expect(mine).toMatchObject({ unitCode: T.town, handlerCode: T.town, status: 'open', contactPhone: '138****5678', contactName: '张三' })
    expect(JSON.stringify(list.body.items)).not.toContain('13812345678')
  })

  it('refuses bad input with the fields, and unknown units, a window or staff member of another unit', async () => {
    const bad = await h.http.post('/api/public/complaints').send({ unitCode: T.town, subject: '', body: 'x', contactPhone: '123' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['contactPhone', 'subject'])
    const unknown = await h.http.post('/api/public/complaints').send({ unitCode: '341502099000', subject: 'x', body: 'x', contactPhone: '13812345678' })
    expect(unknown.status).toBe(404)
    const staffElsewhere = await h.userId(T.town2, 'window_clerk')
    const wrong = await h.http.post('/api/public/complaints').send({ unitCode: T.town, subject: 'x', body: 'x', contactPhone: '13812345678', staffId: staffElsewhere })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual([{ field: 'staffId', message: '该单位没有这名工作人员' }])
  })

  it('the limit is configurable per city (nearest setting wins)', async () => {
    const city = await h.token(T.city, 'center_admin')
    await h.http.put(`/api/units/${T.city}/supervision/settings`).set(bearer(city)).send({ complaintAnswerDays: 5 }).expect(200)
    const c = await complain(h, T.village)
    expect(c.dueOn).toBe('2026-12-01')
    const settings = await h.http.get(`/api/units/${T.village}/supervision/settings`).set(bearer(await h.token(T.village, 'center_admin')))
    expect(settings.body).toMatchObject({ complaintAnswerDays: 5, negativeRectificationDays: 15, sources: { complaintAnswerDays: T.city } })
    // A township admin cannot change its city's limits (403, recorded), nor a supervisor its own county's.
    expect((await h.http.put(`/api/units/${T.city}/supervision/settings`).set(bearer(await h.token(T.town, 'center_admin'))).send({ complaintAnswerDays: 30 })).status).toBe(403)
    expect((await h.http.put(`/api/units/${T.county}/supervision/settings`).set(bearer(await h.token(T.county, 'supervisor'))).send({ complaintAnswerDays: 30 })).status).toBe(403)
    await h.http.put(`/api/units/${T.city}/supervision/settings`).set(bearer(city)).send({ complaintAnswerDays: null }).expect(200)
  })

  it('the complainant follows it with the query code; a wrong code answers like an unknown number', async () => {
    const c = await complain(h, T.town)
    const ok = await h.http.get(`/api/public/complaints/${c.trackingNo}?queryCode=${c.queryCode}`)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ trackingNo: c.trackingNo, unitName: '中市街道', status: 'open', answer: null })
    // A complainant's case is never cached by a shared cache (the public guides are).
    expect(ok.headers['cache-control']).toBe('no-store')
    expect(JSON.stringify(ok.body)).not.toContain('1381234')
    const wrong = await h.http.get(`/api/public/complaints/${c.trackingNo}?queryCode=AAAAAAAA`)
    const unknown = await h.http.get(`/api/public/complaints/TS${T.town}00000000?queryCode=${c.queryCode}`)
    expect(wrong.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(wrong.body).toEqual(unknown.body)
  })

  it('the unit answers once; a supervisor cannot (403), a sibling does not see it (404)', async () => {
    const c = await complain(h, T.town)
    const id = await complaintId(h, T.town, c.trackingNo)
    const [sup, sibling] = [await h.token(T.county, 'supervisor'), await h.token(T.town2, 'center_admin')]
    const before = await snapshot(h.db)
    expect((await h.http.post(`/api/complaints/${id}/answer`).set(bearer(sup)).send({ answer: 'x' })).status).toBe(403)
    expect((await h.http.post(`/api/complaints/${id}/answer`).set(bearer(sibling)).send({ answer: 'x' })).status).toBe(404)
    expect(await snapshot(h.db)).toBe(before)
    const admin = await h.token(T.town, 'center_admin')
    const ok = await h.http.post(`/api/complaints/${id}/answer`).set(bearer(admin)).send({ answer: '已约谈当事人并整改' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'answered', answeredOn: '2026-11-24', answeredOnTime: true })
    expect((await h.http.post(`/api/complaints/${id}/answer`).set(bearer(admin)).send({ answer: '再答' })).status).toBe(409)
  })

  it('the complainant rates the answer once, and only after it is answered', async () => {
    const c = await complain(h, T.town)
    const early = await h.http.post(`/api/public/complaints/${c.trackingNo}/rating`).send({ queryCode: c.queryCode, level: 'satisfied' })
    expect(early.status).toBe(409)
    const id = await complaintId(h, T.town, c.trackingNo)
    await h.http.post(`/api/complaints/${id}/answer`).set(bearer(await h.token(T.town, 'center_admin'))).send({ answer: '已处理' }).expect(200)
    const wrongCode = await h.http.post(`/api/public/complaints/${c.trackingNo}/rating`).send({ queryCode: 'AAAAAAAA', level: 'satisfied' })
    expect(wrongCode.status).toBe(404)
    const rated = await h.http.post(`/api/public/complaints/${c.trackingNo}/rating`).send({ queryCode: c.queryCode, level: 'satisfied', comment: '处理及时' })
    expect(rated.status).toBe(200)
    expect(rated.body).toMatchObject({ status: 'answered', rating: 'satisfied' })
    expect((await h.http.post(`/api/public/complaints/${c.trackingNo}/rating`).send({ queryCode: c.queryCode, level: 'dissatisfied' })).status).toBe(409)
  })

  it('late complaints go to the unit above, once however often the job runs; the parent answers, late', async () => {
    const c = await complain(h, T.village2)
    const id = await complaintId(h, T.village2, c.trackingNo)
    const town = await h.token(T.town, 'center_admin')
    const mine = async () => (await h.http.get(`/api/units/${T.town}/complaints`).set(bearer(town))).body.items.find((x: any) => x.id === id)
    // Complaints filed under the 5-day limit above are late by 2026-12-08; this one is due that day: not late.
    await escalateLateComplaints(h.db, new Date('2026-12-08T02:00:00Z'))
    expect(await mine()).toMatchObject({ handlerCode: T.village2, escalations: 0 })
    const late = new Date('2026-12-09T02:00:00Z')
    const [a, b] = await Promise.all([escalateLateComplaints(h.db, late), escalateLateComplaints(h.db, late)])
    // Two runs at once escalate each late complaint once between them; a third finds nothing to do.
    const lateOpen = (await h.http.get(`/api/units/${T.city}/complaints?status=open&limit=200`).set(bearer(await h.token(T.city, 'supervisor'))))
      .body.items.filter((x: any) => x.escalatedOn === '2026-12-09').length
    expect(a.escalated + b.escalated).toBe(lateOpen)
    expect(await escalateLateComplaints(h.db, late)).toEqual({ escalated: 0 })
    const view = (await h.http.get(`/api/units/${T.town}/complaints?subtree=false`).set(bearer(town))).body.items.find((x: any) => x.id === id)
    // Escalated exactly once: to the township, with 10 fresh working days from 2026-12-09.
    expect(view).toMatchObject({ handlerCode: T.town, escalations: 1, escalatedOn: '2026-12-09', dueOn: '2026-12-23', firstDueOn: '2026-12-08' })
    // The village station can no longer answer it; the township does, and it counts as late.
    expect((await h.http.post(`/api/complaints/${id}/answer`).set(bearer(await h.token(T.village2, 'center_admin'))).send({ answer: 'x' })).status).toBe(403)
    h.clock.set('2026-12-10T02:00:00Z')
    const ans = await h.http.post(`/api/complaints/${id}/answer`).set(bearer(town)).send({ answer: '乡镇已督促整改' })
    h.clock.set('2026-11-24T02:00:00Z')
    expect(ans.body).toMatchObject({ status: 'answered', answeredByUnit: T.town, answeredOnTime: false })
  })

  it('lists open, overdue and the subtree; supervisors read, never see full phone numbers', async () => {
    h.clock.set('2026-12-30T02:00:00Z')
    const sup = await h.token(T.county, 'supervisor')
    const overdue = await h.http.get(`/api/units/${T.county}/complaints?overdue=true`).set(bearer(sup))
    h.clock.set('2026-11-24T02:00:00Z')
    expect(overdue.status).toBe(200)
    expect(overdue.body.items.length).toBeGreaterThan(0)
    expect(overdue.body.items.every((c: any) => c.status === 'open' && c.overdue && c.unitCode.startsWith('341502'))).toBe(true)
    expect((await h.http.get(`/api/units/${T.county}/complaints`).set(bearer(await h.token(T.county2, 'supervisor')))).status).toBe(404)
  })
})
