// 明查暗访 findings, the supervision figures rolling up exactly, and performance assessment of
// the children with a configurable scheme, computed in SQL from the inputs that exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { complain, complaintId, evaluate } from './helpers/supervision.js'

let h: Harness
beforeAll(async () => {
  h = await harness()
  // 中市街道 and its village: 3 of 4 ratings are not 差评; 东市街道: one 差评; 裕安区's township: one 满意.
  for (const [code, level] of [[T.town, 'satisfied'], [T.town, 'satisfied'], [T.village, 'very_satisfied'], [T.village, 'dissatisfied'],
    [T.town2, 'very_dissatisfied'], [T.townB, 'satisfied'], [T.county, 'satisfied']] as const) await evaluate(h, code, level)
  // 中市街道: one complaint answered on time, one left unanswered past its deadline (2026-12-08).
  const answered = await complain(h, T.town)
  await complain(h, T.town)
  await complain(h, T.village2)
  await h.http.post(`/api/complaints/${await complaintId(h, T.town, answered.trackingNo)}/answer`)
    .set(bearer(await h.token(T.town, 'center_admin'))).send({ answer: '已处理' }).expect(200)
})
afterAll(() => h.close())

describe('inspection findings (明查暗访)', () => {
  it('recorded from above against a unit, window or staff member; never by the unit itself', async () => {
    const inspector = await h.token(T.county, 'inspector')
    const staffId = await h.userId(T.town, 'window_clerk')
    const ok = await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(inspector))
      .send({ mode: 'secret', staffId, severity: 'major', text: '暗访时窗口人员离岗 40 分钟', date: '2026-11-20' })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ unitCode: T.town, inspectorUnitCode: T.county, mode: 'secret', staffId, severityName: '较重' })
    expect((await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(await h.token(T.town, 'inspector')))
      .send({ mode: 'open', severity: 'minor', text: '自查', date: '2026-11-20' })).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(await h.token(T.county, 'supervisor')))
      .send({ mode: 'open', severity: 'minor', text: 'x', date: '2026-11-20' })).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(await h.token(T.county2, 'inspector')))
      .send({ mode: 'open', severity: 'minor', text: 'x', date: '2026-11-20' })).status).toBe(404)
    const future = await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(inspector))
      .send({ mode: 'open', severity: 'minor', text: 'x', date: '2026-11-25' })
    expect(future.status).toBe(400)
    expect(future.body.errors[0].field).toBe('date')
    const otherStaff = await h.http.post(`/api/units/${T.town}/inspection-findings`).set(bearer(inspector))
      .send({ mode: 'open', severity: 'minor', text: 'x', date: '2026-11-20', staffId: await h.userId(T.town2, 'window_clerk') })
    expect(otherStaff.status).toBe(400)
  })

  it('the supervision view lists findings and attempts without the right (recorded refusals)', async () => {
    const res = await h.http.get(`/api/units/${T.county}/supervision/findings?from=2026-11-01&to=2026-11-30&limit=200`).set(bearer(await h.token(T.county, 'supervisor')))
    expect(res.status).toBe(200)
    const rows = res.body.items
    expect(res.body.next).toBeNull()
    // Newest day first; on one day the refusals before the inspection findings.
    expect(rows.map((f: any) => `${f.on} ${f.source}`)).toEqual(rows.map((f: any) => `${f.on} ${f.source}`).sort().reverse())
    expect(rows.find((f: any) => f.source === 'inspection')).toMatchObject({ kind: 'secret', kindName: '暗访', unitCode: T.town, severity: 'major' })
    const refusal = rows.find((f: any) => f.source === 'refusal' && f.unitCode === T.town)
    expect(refusal).toMatchObject({ kind: 'unauthorised_attempt', kindName: '无权限操作（越权尝试）' })
    expect(refusal.text).toMatch(/Finding/)
    expect(rows.every((f: any) => f.unitCode.startsWith('341502'))).toBe(true)
  })
})

describe('figures roll up exactly', () => {
  it("a county's counts are its own plus its townships'; the city's are its counties' plus its own", async () => {
    const sup = await h.token(T.city, 'supervisor')
    const get = async (code: string) => (await h.http.get(`/api/units/${code}/supervision/figures?from=2026-11-01&to=2026-11-30`).set(bearer(sup))).body
    const city = await get(T.city), county = await get(T.county)
    for (const key of ['complaints', 'evaluations', 'findings']) {
      for (const [k, v] of Object.entries(county.total[key])) {
        if (/Rate|avg/.test(k)) continue
        const sum = county.own[key][k] + county.children.reduce((s: number, c: any) => s + c.figures[key][k], 0)
        expect(sum, `${key}.${k}`).toBe(v)
      }
      for (const [k, v] of Object.entries(city.total[key])) {
        if (/Rate|avg/.test(k)) continue
        expect(city.own[key][k] + city.children.reduce((s: number, c: any) => s + c.figures[key][k], 0), `${key}.${k}`).toBe(v)
      }
    }
    expect(county.total.evaluations).toMatchObject({ total: 6, negative: 2, satisfactionRate: 66.7 })
    expect(county.own.evaluations.total).toBe(1)
    expect(county.children.find((c: any) => c.unitCode === T.town).figures.evaluations).toMatchObject({ total: 4, negative: 1, satisfactionRate: 75 })
    expect(city.total.evaluations.total).toBe(7)
    // Open complaints not yet due count neither way in the on-time rate.
    expect(county.total.complaints).toMatchObject({ received: 3, answered: 1, answeredOnTime: 1, open: 2, decided: 1, onTimeRate: 100 })
    expect(county.total.findings).toMatchObject({ total: 1, secret: 1, major: 1 })
  })
})

describe('performance assessment (绩效考核)', () => {
  it('the scheme is validated and kept per assessing unit', async () => {
    const county = await h.token(T.county, 'center_admin')
    const def = await h.http.get(`/api/units/${T.county}/assessment-scheme`).set(bearer(county))
    expect(def.body).toMatchObject({ isDefault: true, scheme: { cutoffs: { excellent: 90, good: 80, pass: 60 } } })
    const bad = await h.http.put(`/api/units/${T.county}/assessment-scheme`).set(bearer(county))
      .send({ weights: { evaluation: 50, timeliness: 0, standards: 0, complaints: 0, findings: 50 }, cutoffs: { excellent: 80, good: 85, pass: 60 } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('cutoffs')
    expect((await h.http.put(`/api/units/${T.county}/assessment-scheme`).set(bearer(await h.token(T.town, 'center_admin')))
      .send({ weights: { evaluation: 1, timeliness: 0, standards: 0, complaints: 0, findings: 0 }, cutoffs: { excellent: 90, good: 80, pass: 60 } })).status).toBe(403)
  })

  it('scores each child from the inputs with data (timeliness: none yet), grades it, once per period', async () => {
    h.clock.set('2027-01-05T02:00:00Z')
    const county = await h.token(T.county, 'center_admin')
    const res = await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(county)).send({ period: '2026-Q4' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ period: '2026-Q4', from: '2026-10-01', to: '2026-12-31' })
    const town = res.body.results.find((r: any) => r.unitCode === T.town)
    // 75 (evaluation, 40) · 33.3 (1 of 3 complaints answered on time, 10) · 85 (one major finding, 10);
    // no timeliness, no standards inspection: (3000 + 333 + 850) / 60.
    expect(town.inputs).toEqual({ evaluation: { score: 75, n: 4 }, timeliness: { score: null, n: 0 }, standards: { score: null, n: 0 },
      complaints: { score: 33.3, n: 3 }, findings: { score: 85, n: 1 } })
    expect(town).toMatchObject({ score: 69.7, grade: 'pass', gradeName: '合格' })
    // 东市街道: one 差评 (0), no complaints, no findings (100): (0·40 + 100·10) / 50.
    expect(res.body.results.find((r: any) => r.unitCode === T.town2)).toMatchObject({ score: 20, grade: 'fail', gradeName: '不合格' })
    expect((await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(county)).send({ period: '2026-Q4' })).status).toBe(409)
    const future = await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(county)).send({ period: '2027-02' })
    expect(future.status).toBe(400)
    // Another scheme, another period: weights change the score and the grade.
    await h.http.put(`/api/units/${T.county}/assessment-scheme`).set(bearer(county))
      .send({ weights: { evaluation: 50, timeliness: 0, standards: 0, complaints: 0, findings: 50 }, cutoffs: { excellent: 90, good: 80, pass: 60 } }).expect(200)
    const y = await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(county)).send({ period: '2026' })
    h.clock.set('2026-11-24T02:00:00Z')
    expect(y.body.results.find((r: any) => r.unitCode === T.town)).toMatchObject({ score: 80, grade: 'good' })
  })

  it('a period with no data says so per unit (无数据): no score, no grade, not 100 / 优秀', async () => {
    const city = await h.token(T.city, 'center_admin')
    const res = await h.http.post(`/api/units/${T.city}/assessments`).set(bearer(city)).send({ period: '2026-10' })
    expect(res.status).toBe(201)
    expect(res.body.results.length).toBeGreaterThanOrEqual(2)
    for (const r of res.body.results) expect(r).toMatchObject({ score: null, grade: null, gradeName: '无数据' })
  })

  it('results are published to the unit above and shown to the assessed unit; siblings and supervisors do not run them', async () => {
    const city = await h.http.get(`/api/units/${T.county}/assessments`).set(bearer(await h.token(T.city, 'supervisor')))
    expect(city.status).toBe(200)
    expect(city.body.runs.map((r: any) => r.period)).toEqual(['2026-Q4', '2026'])
    const mine = await h.http.get(`/api/units/${T.town}/assessments`).set(bearer(await h.token(T.town, 'center_admin')))
    expect(mine.body.assessedBy.map((a: any) => [a.period, a.assessorCode, a.grade])).toEqual([['2026-Q4', T.county, 'pass'], ['2026', T.county, 'good']])
    expect((await h.http.get(`/api/units/${T.county}/assessments`).set(bearer(await h.token(T.county2, 'center_admin')))).status).toBe(404)
    expect((await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(await h.token(T.county, 'supervisor'))).send({ period: '2026-10' })).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.village}/assessments`).set(bearer(await h.token(T.village, 'center_admin'))).send({ period: '2026-10' })).status).toBe(400)
  })
})
