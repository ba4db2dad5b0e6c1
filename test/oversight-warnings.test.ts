// Warnings (预警) on open cases and their steps, computed in SQL for a subtree; the sweep job that
// records level changes, notifies handlers and the supervisors above, and escalates unanswered
// red warnings; answering a red warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobs } from '../src/jobs.js'
import { nationalCalendar, workingDaysBetween } from '../src/platform/calendar.js'
import { runJob } from '../src/platform/jobs.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { actOk, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const NOON = (day: string) => `${day}T02:00:00Z` // 10:00 in Shanghai
const at = async <R>(day: string, fn: () => Promise<R>) => {
  h.clock.set(NOON(day))
  try { return await fn() } finally { h.clock.set(NOON('2026-11-24')) }
}
const warningsOf = async (code: string, day: string, caseId: string, role: 'supervisor' | 'center_admin' = 'supervisor') => at(day, async () => {
  const r = await h.http.get(`/api/units/${code}/supervision/warnings?limit=200`).set(bearer(await h.token(code, role)))
  expect(r.status).toBe(200)
  return (r.body.items as any[]).filter((w) => w.caseId === caseId)
})
const sweep = (day: string) => runJob(h.db, 'supervision:warnings', new Date(NOON(day)), createJobs({ outboxTransport: null }))
const events = (caseId: string) => h.db.query<any>('select type, from_level, to_level, payload from warning_events where case_id = $1 order by id', [caseId])

/** A FOOD case at the county (promised limit 5 working days), accepted on Tue 2026-11-24: due Tue 12-01. */
async function acceptedCase() {
  const s = await submit(h, T.county)
  await actOk(h, T.county, 'window_clerk', s.case.id, 'accept')
  return s.case.id as string
}

describe('warning levels', () => {
  it('green with time left, yellow at one working day left, red once overdue; per step as well', async () => {
    const id = await acceptedCase()
    expect(await warningsOf(T.county, '2026-11-24', id)).toEqual([])
    expect(await warningsOf(T.county, '2026-11-27', id)).toEqual([]) // Fri: Mon and Tue left
    const [y] = await warningsOf(T.county, '2026-11-30', id)
    expect(y).toMatchObject({ level: 'yellow', kind: 'case', dueDate: '2026-12-01', remainingWorkingDays: 1, limitDays: 5 })
    const [r] = await warningsOf(T.city, '2026-12-02', id) // the city sees it in its subtree
    expect(r).toMatchObject({ level: 'red', kind: 'case', remainingWorkingDays: -1 })
    // The acceptance step: received 11-24, no decision by the 5th working day (12-01).
    const pending = await submit(h, T.county)
    const [a] = await warningsOf(T.county, '2026-12-01', pending.case.id)
    expect(a).toMatchObject({ kind: 'acceptance', level: 'yellow', dueDate: '2026-12-01' })
    expect((await warningsOf(T.county, '2026-12-02', pending.case.id))[0]).toMatchObject({ kind: 'acceptance', level: 'red' })
  })

  it('yellow at the configurable share of the limit (the city sets it)', async () => {
    const id = await acceptedCase()
    const admin = await h.token(T.city, 'center_admin')
    // Only the city's center admin sets it.
    const county = await h.http.put(`/api/units/${T.county}/supervision/warning-settings`).set(bearer(await h.token(T.county, 'center_admin'))).send({ yellowShare: 0.5 })
    expect(county.status).toBe(403)
    const set = await h.http.put(`/api/units/${T.city}/supervision/warning-settings`).set(bearer(admin)).send({ yellowShare: 0.5 })
    expect(set.status).toBe(200)
    expect((await warningsOf(T.county, '2026-11-27', id))[0]).toMatchObject({ level: 'yellow', remainingWorkingDays: 2 }) // 2 ≤ 50% of 5
    await h.http.put(`/api/units/${T.city}/supervision/warning-settings`).set(bearer(admin)).send({ yellowShare: 0.2 }).expect(200)
    expect(await warningsOf(T.county, '2026-11-27', id)).toEqual([])
  })

  it('the certificate step: red 10 working days after an approval without a certificate', async () => {
    const id = await acceptedCase()
    await actOk(h, T.county, 'reviewer', id, 'review', { opinion: '材料齐全' })
    await actOk(h, T.county, 'approver', id, 'decide', { decision: 'approve', reasons: '符合条件' }) // 11-24: certificate due 12-08
    const [c] = await warningsOf(T.county, '2026-12-09', id)
    expect(c).toMatchObject({ kind: 'certificate', level: 'red', dueDate: '2026-12-08' })
  })

  it('a parallel-approval part overrunning its own deadline is red inside the overall limit; a suspended case is not warned', async () => {
    const { case: c } = await submit(h, T.county, { matterCode: 'PAR-A', bundle: ['PAR-B'] })
    await actOk(h, T.county, 'window_clerk', c.id, 'accept') // parallel: 45 working days
    const res = await h.http.post(`/api/cases/${c.id}/consultations`).set(bearer(await h.token(T.county, 'window_clerk'))).send({ matterCode: 'PAR-B', deadlineDays: 2 })
    expect(res.status).toBe(201)
    const part = res.body
    expect(part.dueDate).toBe('2026-11-26')
    const ws = await warningsOf(T.county, '2026-11-27', c.id)
    expect(ws).toEqual([expect.objectContaining({ kind: 'part', partId: part.partId, level: 'red', dueDate: '2026-11-26' })])
    const s = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', s, 'accept')
    await actOk(h, T.county, 'reviewer', s, 'suspend', { ground: 'inspection', note: '送检' })
    expect(await warningsOf(T.county, '2026-12-02', s)).toEqual([]) // the clock stopped (art. 45)
  })

  it('only supervisors and center admins of the subtree read warnings (level filter validated)', async () => {
    const clerk = await h.http.get(`/api/units/${T.county}/supervision/warnings`).set(bearer(await h.token(T.county, 'window_clerk')))
    expect(clerk.status).toBe(403)
    const sibling = await h.http.get(`/api/units/${T.county}/supervision/warnings`).set(bearer(await h.token(T.county2, 'supervisor')))
    expect(sibling.status).toBe(404)
    const up = await h.http.get(`/api/units/${T.city}/supervision/warnings`).set(bearer(await h.token(T.county, 'supervisor')))
    expect(up.status).toBe(403)
    const bad = await h.http.get(`/api/units/${T.county}/supervision/warnings?level=purple`).set(bearer(await h.token(T.county, 'supervisor')))
    expect(bad.status).toBe(400)
    const none = await h.http.get(`/api/units/${T.county}/supervision/warnings`)
    expect(none.status).toBe(401)
  })
})

describe('the sweep', () => {
  it('records each change of level once and notifies the handlers and the supervisors above; a second run records nothing', async () => {
    const id = await acceptedCase()
    await sweep('2026-11-27')
    expect(await events(id)).toEqual([])
    const first = await sweep('2026-11-30')
    expect(first).toMatchObject({ status: 'ok' })
    expect((await events(id)).map((e) => [e.from_level, e.to_level])).toEqual([['green', 'yellow']])
    const notes = await h.db.query<any>('select unit_code, audience, kind from staff_notifications where case_id = $1 order by unit_code, audience', [id])
    expect(notes).toEqual([
      { unit_code: T.city, audience: 'supervisors', kind: 'warning_yellow' },
      { unit_code: T.county, audience: 'handlers', kind: 'warning_yellow' },
    ])
    const again = await sweep('2026-11-30')
    expect(again).toMatchObject({ status: 'ok', result: { changes: 0, notified: 0, escalated: 0 } })
    expect(await events(id)).toHaveLength(1)
    // The county's handlers read it in their inbox.
    const inbox = await h.http.get(`/api/units/${T.county}/notifications`).set(bearer(await h.token(T.county, 'window_clerk')))
    expect(inbox.status).toBe(200)
    expect(inbox.body.items.some((n: any) => n.caseId === id && n.kind === 'warning_yellow')).toBe(true)
  })

  it('two sweeps at once do the work once', async () => {
    const id = await acceptedCase()
    const [a, b] = await Promise.all([sweep('2026-12-02'), sweep('2026-12-02')])
    expect([a.skipped, b.skipped].sort()).toEqual([false, true])
    expect((await events(id)).map((e) => [e.from_level, e.to_level])).toEqual([['green', 'red']])
    const notes = await h.db.query<any>(`select count(*)::int as n from staff_notifications where case_id = $1 and kind = 'warning_red'`, [id])
    expect(notes[0].n).toBe(2)
  })

  it('a red warning is answered with a reason by the handling unit; unanswered past the deadline it escalates once', async () => {
    const answered = await acceptedCase()
    const silent = await acceptedCase()
    await sweep('2026-12-02') // red; answer due 3 working days later: Mon 12-07
    const [w] = await warningsOf(T.county, '2026-12-02', answered)
    expect(w).toMatchObject({ level: 'red', answerDue: '2026-12-07' })
    const path = `/api/warnings/${w.warningId}/answer`
    // Not the handling unit: a sibling does not see it, a supervisor above may not answer for it.
    expect((await h.http.post(path).set(bearer(await h.token(T.county2, 'center_admin'))).send({ reason: '系统故障' })).status).toBe(404)
    expect((await h.http.post(path).set(bearer(await h.token(T.county, 'supervisor'))).send({ reason: '系统故障' })).status).toBe(403)
    expect((await h.http.post(path).set(bearer(await h.token(T.county, 'approver'))).send({})).status).toBe(400)
    const ok = await at('2026-12-03', async () => h.http.post(path).set(bearer(await h.token(T.county, 'approver'))).send({ reason: '申请人补充现场核查，已协调加快办理' }))
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ late: false })
    expect((await h.http.post(path).set(bearer(await h.token(T.county, 'approver'))).send({ reason: '再说一次' })).status).toBe(409)

    await sweep('2026-12-07') // the deadline day itself: not yet
    expect((await events(silent)).map((e) => e.type)).toEqual(['level'])
    const late = await sweep('2026-12-08')
    expect(late).toMatchObject({ status: 'ok' })
    expect((late as any).result.escalated).toBeGreaterThanOrEqual(1) // earlier tests' red cases too
    expect((await events(silent)).map((e) => [e.type, e.payload.to ?? null])).toEqual([['level', null], ['escalated', T.city]])
    expect((await events(answered)).map((e) => e.type)).toEqual(['level', 'answered'])
    const again = await sweep('2026-12-08')
    expect(again).toMatchObject({ result: { escalated: 0, changes: 0 } })
    const city = await h.db.query<any>(`select count(*)::int as n from staff_notifications where case_id = $1 and unit_code = $2 and kind = 'warning_escalated'`, [silent, T.city])
    expect(city[0].n).toBe(1)
    const [s] = await warningsOf(T.city, '2026-12-09', silent)
    expect(s).toMatchObject({ escalatedTo: T.city })
  })

  it('a supervisor above escalates a red warning by hand (升级督办): recorded with who and why, the unit above notified, once', async () => {
    const yellow = await acceptedCase()
    await sweep('2026-11-30')
    const [y] = await warningsOf(T.county, '2026-11-30', yellow)
    const red = await acceptedCase()
    await sweep('2026-12-02') // red; answer due Mon 12-07
    const [w] = await warningsOf(T.county, '2026-12-02', red)
    expect(w).toMatchObject({ level: 'red', escalatedTo: null, escalatedBy: null, escalationReason: null })
    const path = `/api/warnings/${w.warningId}/escalate`
    const as = async (code: string, role: 'supervisor' | 'center_admin', body: object = { reason: '多次超期，请市级督办' }) =>
      at('2026-12-03', async () => h.http.post(path).set(bearer(await h.token(code, role))).send(body))
    // A sibling does not see it; the handling unit's own supervisor and an admin above may not; the reason is required.
    expect((await as(T.county2, 'supervisor')).status).toBe(404)
    expect((await as(T.county, 'supervisor')).status).toBe(403)
    expect((await as(T.city, 'center_admin')).status).toBe(403)
    const bad = await as(T.city, 'supervisor', {})
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reason' })])
    const ok = await as(T.city, 'supervisor')
    expect(ok.status).toBe(200)
    const cityId = await h.userId(T.city, 'supervisor')
    expect(ok.body).toMatchObject({ warningId: w.warningId, escalatedTo: T.city, escalatedAt: '2026-12-03T02:00:00.000Z',
      escalatedBy: { id: cityId, name: `${T.city}-supervisor`, unitCode: T.city }, reason: '多次超期，请市级督办' })
    const again = await as(T.city, 'supervisor')
    expect(again.status).toBe(409)
    expect(again.body.detail).toMatch(/已于 2026-12-03 升级/)
    // The list says who escalated, when and why; the handling unit still answers.
    const [listed] = await warningsOf(T.county, '2026-12-03', red, 'center_admin')
    expect(listed).toMatchObject({ escalatedTo: T.city, escalatedAt: '2026-12-03T02:00:00.000Z',
      escalatedBy: { id: cityId, name: `${T.city}-supervisor`, unitCode: T.city }, escalationReason: '多次超期，请市级督办' })
    const notes = await h.db.query<any>(`select unit_code, audience, text from staff_notifications where case_id = $1 and kind = 'warning_escalated'`, [red])
    expect(notes).toEqual([{ unit_code: T.city, audience: 'supervisors', text: expect.stringContaining('升级督办，理由：多次超期，请市级督办') }])
    // The sweep does not escalate it a second time past the answer deadline.
    await sweep('2026-12-08')
    expect((await events(red)).map((e) => [e.type, e.payload.by ?? null])).toEqual([['level', null], ['escalated', cityId]])
    // Only red warnings escalate.
    expect(y).toMatchObject({ level: 'yellow' })
    const [yw] = await h.db.query<{ id: string }>('select id from case_warnings where case_id = $1', [yellow])
    await sweep('2026-11-30')
    const notRed = await at('2026-11-30', async () => h.http.post(`/api/warnings/${yw.id}/escalate`).set(bearer(await h.token(T.city, 'supervisor'))).send({ reason: '提前督办' }))
    expect(notRed.status).toBe(409)
    expect(notRed.body.detail).toBe('只有红色预警可以升级督办')
  })

  it('a case that leaves the warned state is recorded back to green', async () => {
    const id = await acceptedCase()
    await sweep('2026-11-30')
    await actOk(h, T.county, 'approver', id, 'extend', { reason: '需要现场核查' }) // +10 working days
    await sweep('2026-11-30')
    expect((await events(id)).map((e) => [e.from_level, e.to_level])).toEqual([['green', 'yellow'], ['yellow', 'green']])
  })
})

describe('calendar', () => {
  it('the SQL calendar (work_days) agrees with the calendar that computes due dates, day by day', async () => {
    const rows = await h.db.query<{ day: string; working: boolean; ord: number }>(
      `select to_char(day, 'YYYY-MM-DD') as day, working, ord from work_days where cal_code = '000000000000' and day between '2025-12-31' and '2027-01-31' order by day`)
    const cal = nationalCalendar()
    expect(rows.length).toBe(397)
    for (const r of rows) expect(r.working, r.day).toBe(cal.isWorkingDay(r.day))
    const ord = new Map(rows.map((r) => [r.day, r.ord]))
    // ord(b) − ord(a) = working days after a up to b, as the app counts them.
    for (const [a, b] of [['2026-09-18', '2026-10-22'], ['2026-01-30', '2026-02-27'], ['2026-11-24', '2026-12-01']]) {
      expect(ord.get(b)! - ord.get(a)!, `${a}→${b}`).toBe(workingDaysBetween(cal, a, b))
    }
  })

  it('counts remaining working days on the unit calendar, local holidays included', async () => {
    const id = await acceptedCase() // due 12-01
    const admin = await h.token(T.county, 'center_admin')
    const r = await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-27`).set(bearer(admin)).send({ kind: 'holiday', name: '地方节日' })
    expect(r.status).toBe(200)
    // The due date moves to 12-02; on 12-01 one working day remains (12-02), on the national
    // calendar it would be the same; on 11-26: 11-30, 12-01, 12-02 = 3 (national: 4).
    h.clock.set(NOON('2026-11-26'))
    const res = await h.http.get(`/api/units/${T.county}/supervision/warnings?level=green&limit=200`).set(bearer(await h.token(T.county, 'supervisor')))
    h.clock.set(NOON('2026-11-24'))
    const w = (res.body.items as any[]).find((x) => x.caseId === id)
    expect(w).toMatchObject({ dueDate: '2026-12-02', remainingWorkingDays: 3 })
  })
})

describe('consultations in the sweep', () => {
  it('an open question is yellow near its reply limit and red once overdue; each change recorded and notified once; answered it goes back to green', async () => {
    // Asked Tue 2026-11-24 about ELDER (held by the township's window 1): reply within 2 working days, due Thu 11-26.
    const asked = (await h.http.post(`/api/public/units/${T.town}/consultations`).send({ matterCode: 'ELDER', question: '高龄津贴多久发一次？', name: '周八' }).expect(201)).body
    const id = (await h.db.query<{ id: string }>('select id from consultations where question_no = $1', [asked.questionNo]))[0].id
    const recorded = async () => (await h.db.query<{ level: string }>('select level from consultation_warnings where consultation_id = $1', [id]))[0]?.level
    const notes = () => h.db.query<any>(`select unit_code, audience, kind from staff_notifications where kind like 'consultation_%' and text like $1 order by kind, unit_code, audience`, [`%${asked.questionNo}%`])
    const listed = async (day: string) => at(day, async () => {
      const r = await h.http.get(`/api/units/${T.county}/supervision/consultation-warnings?limit=200`).set(bearer(await h.token(T.county, 'supervisor'))).expect(200)
      return (r.body.items as any[]).filter((c) => c.consultationId === id)
    })
    await sweep('2026-11-24')
    expect(await recorded()).toBeUndefined() // two working days left: green
    expect(await listed('2026-11-24')).toEqual([])
    const yellow = await sweep('2026-11-25')
    expect(yellow).toMatchObject({ status: 'ok', result: { consultations: { changes: 1, red: 0 } } })
    expect(await recorded()).toBe('yellow')
    expect(await listed('2026-11-25')).toMatchObject([{ level: 'yellow', dueDate: '2026-11-26', remainingWorkingDays: 1, route: 'window', unitCode: T.town }])
    await sweep('2026-11-27')
    expect(await recorded()).toBe('red')
    expect(await notes()).toEqual([
      { unit_code: T.city, audience: 'supervisors', kind: 'consultation_red' },
      { unit_code: T.county, audience: 'supervisors', kind: 'consultation_red' },
      { unit_code: T.town, audience: 'handlers', kind: 'consultation_red' },
      { unit_code: T.city, audience: 'supervisors', kind: 'consultation_yellow' },
      { unit_code: T.county, audience: 'supervisors', kind: 'consultation_yellow' },
      { unit_code: T.town, audience: 'handlers', kind: 'consultation_yellow' },
    ])
    expect(await sweep('2026-11-27')).toMatchObject({ result: { consultations: { changes: 0, notified: 0 } } })
    const [red] = await listed('2026-11-27')
    expect(red).toMatchObject({ level: 'red', levelName: '红色预警（逾期未答复）', since: expect.any(String) })
    expect(red.remainingWorkingDays).toBeLessThanOrEqual(0)
    // The township's window answers: the question leaves the warned state.
    await at('2026-11-27', async () => h.http.post(`/api/units/${T.town}/consultations/${id}/answer`).set(bearer(await h.token(T.town, 'window_clerk'))).send({ answer: '每月发放一次。' }).expect(200))
    await sweep('2026-11-27')
    expect(await recorded()).toBe('green')
    expect(await listed('2026-11-27')).toEqual([])
  })
})
