// Figures (统计) from the daily roll-up kept by a trigger on case_events: exact sums up the tree
// (a county = its townships + its own), the roll-up equal to a direct count over cases after a
// mixed workload, and the rates defined in the README.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { ALL_MATERIALS, actOk, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h); await workload() })
afterAll(() => h.close())

const NOON = (day: string) => `${day}T02:00:00Z`
const at = async <R>(day: string, fn: () => Promise<R>) => {
  h.clock.set(NOON(day))
  try { return await fn() } finally { h.clock.set(NOON('2026-11-24')) }
}
async function complete(code: string, id: string, day: string, method: 'pickup' | 'post', deliverer: [string, 'window_clerk' | 'agent'] = [code, 'window_clerk']) {
  await at(day, async () => {
    await actOk(h, code, 'reviewer', id, 'review', { opinion: '符合条件' })
    await actOk(h, code, 'approver', id, 'decide', { decision: 'approve', reasons: '符合条件' })
    await actOk(h, code, 'window_clerk', id, 'certify', { certificateNo: `NO-${id.slice(0, 8)}` })
    await actOk(h, deliverer[0], deliverer[1], id, 'deliver', { method })
  })
}

async function workload() {
  // County, FOOD (statutory 10, promised 5 working days), accepted Tue 11-24 → due 12-01.
  const c1 = (await submit(h, T.county)).case.id // same day, picked up in person: 2 visits
  await actOk(h, T.county, 'window_clerk', c1, 'accept')
  await complete(T.county, c1, '2026-11-24', 'pickup')
  const c2 = (await submit(h, T.county)).case.id // decided 12-03, late; by post: 1 visit
  await actOk(h, T.county, 'window_clerk', c2, 'accept')
  await complete(T.county, c2, '2026-12-03', 'post')
  const c3 = (await submit(h, T.county, { materials: [{ name: '食品经营许可申请书' }] })).case.id // two notices
  await actOk(h, T.county, 'window_clerk', c3, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }] })
  await actOk(h, T.county, 'window_clerk', c3, 'supplement', { materials: ['营业执照'] })
  await actOk(h, T.county, 'window_clerk', c3, 'request-supplement', { items: [{ name: '食品经营许可申请书', reason: '未签字' }] })
  await actOk(h, T.county, 'window_clerk', c3, 'supplement', { materials: [] })
  await actOk(h, T.county, 'window_clerk', c3, 'accept')
  const c4 = (await submit(h, T.county)).case.id
  await actOk(h, T.county, 'window_clerk', c4, 'reject', { reason: '不属于本机关职权范围', remedy: '可申请行政复议' })
  // Township, ELDER, decided the next working day.
  const c5 = (await submit(h, T.town, { matterCode: 'ELDER', materials: ALL_MATERIALS })).case.id
  await actOk(h, T.town, 'window_clerk', c5, 'accept')
  await complete(T.town, c5, '2026-11-25', 'post')
  // Village agent (代办) → forwarded to the township, which accepts and decides it; the result goes
  // back to the village, whose agent hands it over.
  const c6 = (await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')).case.id
  await actOk(h, T.village, 'agent', c6, 'forward', { toUnitCode: T.town, reason: '本站代办，转乡镇受理' })
  await actOk(h, T.town, 'window_clerk', c6, 'accept')
  await complete(T.town, c6, '2026-11-26', 'post', [T.village, 'agent'])
  // One more case, still waiting for acceptance.
  await submit(h, T.county)
}

const figures = async (code: string, by = 'child', role: 'supervisor' | 'center_admin' = 'supervisor') => {
  const r = await h.http.get(`/api/units/${code}/supervision/case-figures?from=2026-11-01&to=2026-12-31&by=${by}`).set(bearer(await h.token(code, role)))
  expect(r.status).toBe(200)
  return r.body
}
const COUNTERS = ['received', 'accepted', 'deemedAccepted', 'rejected', 'completed', 'onTime', 'overdue'] as const

describe('figures', () => {
  it('a county\'s figures are exactly the sum of its townships\' and its own; the city of its counties\'', async () => {
    const county = await figures(T.county)
    expect(county.rows.map((r: any) => r.key)).toEqual([T.county, T.town, T.town2])
    for (const k of COUNTERS) {
      expect(county.rows.reduce((s: number, r: any) => s + r.figures[k], 0)).toBe(county.total[k])
    }
    const town = await figures(T.town)
    expect(county.rows.find((r: any) => r.key === T.town).figures).toEqual(town.total)
    expect(town.rows.find((r: any) => r.key === T.village).figures.received).toBe(1) // taken in by the agent
    expect(town.total).toMatchObject({ received: 2, accepted: 2, completed: 2 })
    const city = await figures(T.city)
    for (const k of COUNTERS) expect(city.rows.reduce((s: number, r: any) => s + r.figures[k], 0)).toBe(city.total[k])
    expect(city.rows.find((r: any) => r.key === T.county).figures).toEqual(county.total)
  })

  it('figures use one convention: the same default period (this month so far) and camelCase keys', async () => {
    const sup = bearer(await h.token(T.county, 'supervisor'))
    const cases = await h.http.get(`/api/units/${T.county}/supervision/case-figures`).set(sup)
    const all = await h.http.get(`/api/units/${T.county}/supervision/figures`).set(sup)
    expect(cases.status).toBe(200)
    expect([cases.body.from, cases.body.to]).toEqual(['2026-11-01', '2026-11-24'])
    expect([all.body.from, all.body.to]).toEqual([cases.body.from, cases.body.to])
    for (const body of [cases.body, all.body]) expect(JSON.stringify(body)).not.toMatch(/"[a-z]+_[a-z_]+":/)
  })

  it('the supervision figures and the monthly report carry the same case figures, summed the same way', async () => {
    const county = await figures(T.county)
    const sup = await h.http.get(`/api/units/${T.county}/supervision/figures?from=2026-11-01&to=2026-12-31`).set(bearer(await h.token(T.county, 'supervisor')))
    expect(sup.status).toBe(200)
    expect(sup.body.total.cases).toMatchObject({ received: county.total.received, accepted: county.total.accepted,
      completed: county.total.completed, onTime: county.total.onTime, overdue: county.total.overdue,
      dailyCompletionRate: county.total.dailyCompletionRate, oneTimeNoticeRate: county.total.oneTimeNoticeRate })
    const report = await h.http.post(`/api/units/${T.county}/reports`).set(bearer(await h.token(T.county, 'center_admin'))).send({ period: '2026-11', manual: {} })
    expect(report.status).toBe(201)
    const inNovember = await h.db.query<any>(`select coalesce(sum(received), 0)::int as n from case_daily_stats
      where unit_code between '341502000000' and '341502999999' and day between '2026-11-01' and '2026-11-30'`)
    expect(report.body.figures.total.cases.received).toBe(inNovember[0].n)
    expect(inNovember[0].n).toBeGreaterThan(0)
  })

  it('the roll-up equals a direct count over the cases after a mixed workload', async () => {
    const [direct] = await h.db.query<any>(`
      select count(*)::int as received, count(accepted_at)::int as accepted, count(*) filter (where deemed_accepted)::int as "deemedAccepted",
             count(*) filter (where status = 'rejected')::int as rejected, count(*) filter (where status = 'delivered')::int as completed,
             count(*) filter (where status = 'delivered' and decided_day <= due_date)::int as "onTime",
             count(*) filter (where status = 'delivered' and decided_day > due_date)::int as overdue,
             count(*) filter (where supplement_notices >= 1)::int as noticed, count(*) filter (where supplement_notices >= 2)::int as renoticed
        from cases where unit_code between '341500000000' and '341599999999'`)
    const city = await figures(T.city)
    for (const k of COUNTERS) expect(city.total[k]).toBe(direct[k])
    expect(city.total.supplementNotices).toEqual({ cases: direct.noticed, secondNotices: direct.renoticed })
    expect(direct).toMatchObject({ received: 7, accepted: 5, rejected: 1, completed: 4 })
  })

  it('rates: daily completion, promised and handling speed-up, average working days, one-time notice, visits', async () => {
    const byMatter = await figures(T.county, 'matter')
    const food = byMatter.rows.find((r: any) => r.key === 'FOOD').figures
    expect(food).toMatchObject({
      completed: 2, onTime: 1, overdue: 1,
      dailyCompletionRate: 50, // c1 decided on the day of acceptance
      promisedSpeedUp: 50, // (10 − 5) / 10
      handlingSpeedUp: 65, // (20 − (0 + 7)) / 20
      averageWorkingDays: 3.5,
      oneTimeNoticeRate: 0, // the one noticed case needed a second notice
      zeroVisitShare: 0, oneVisitShare: 50,
    })
    const byDept = await figures(T.town, 'department')
    expect(byDept.rows.map((r: any) => r.key)).toEqual(['金安区民政局'])
    expect(byDept.rows[0].figures).toMatchObject({ completed: 2, averageWorkingDays: 1.5, handlingSpeedUp: 85 })
  })

  it('supervisors and center admins of the subtree only; the period is validated', async () => {
    expect((await h.http.get(`/api/units/${T.county}/supervision/case-figures`).set(bearer(await h.token(T.county, 'window_clerk')))).status).toBe(403)
    expect((await h.http.get(`/api/units/${T.county}/supervision/case-figures`).set(bearer(await h.token(T.county2, 'supervisor')))).status).toBe(404)
    const sup = bearer(await h.token(T.county, 'supervisor'))
    expect((await h.http.get(`/api/units/${T.county}/supervision/case-figures?from=2026-12-01&to=2026-11-01`).set(sup)).status).toBe(400)
    expect((await h.http.get(`/api/units/${T.county}/supervision/case-figures?from=2026-13-01`).set(sup)).status).toBe(400)
    expect((await h.http.get(`/api/units/${T.county}/supervision/case-figures?by=window`).set(sup)).status).toBe(400)
    const admin = await figures(T.county, 'child', 'center_admin')
    expect(admin.total.received).toBeGreaterThan(0)
  })
})
