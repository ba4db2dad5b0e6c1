// Anomalies (异常监测): each rule computed in SQL over the subtree, with a Chinese description,
// switched on or off per city. Conditions the API itself prevents (acceptance outside the hall,
// an unlawful suspension ground, fees unlike the catalog) are written straight into the tables,
// as records imported from another system or edited behind the app's back would be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, ALL_MATERIALS, actOk, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const NOON = (day: string) => `${day}T02:00:00Z`
const at = async <R>(day: string, fn: () => Promise<R>) => {
  h.clock.set(NOON(day))
  try { return await fn() } finally { h.clock.set(NOON('2026-11-24')) }
}
const anomalies = async (code: string, rule: string, day = '2026-11-24') => at(day, async () => {
  const r = await h.http.get(`/api/units/${code}/supervision/anomalies?rule=${rule}&limit=200`).set(bearer(await h.token(code, 'supervisor')))
  expect(r.status).toBe(200)
  return r.body.items as any[]
})
const ids = (rows: any[]) => rows.map((r) => r.caseId)

describe('anomaly rules', () => {
  it('lists the rules with their Chinese descriptions; a city switches one off for its subtree', async () => {
    const sup = bearer(await h.token(T.county, 'supervisor'))
    const rules = await h.http.get(`/api/units/${T.county}/supervision/anomaly-rules`).set(sup)
    expect(rules.status).toBe(200)
    expect(rules.body).toHaveLength(9)
    expect(rules.body.every((r: any) => r.enabled && /[\u4e00-\u9fa5]/.test(r.description))).toBe(true)
    const c = (await submit(h, T.county, { materials: [{ name: '食品经营许可申请书' }] })).case.id
    await actOk(h, T.county, 'window_clerk', c, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }] })
    await actOk(h, T.county, 'window_clerk', c, 'supplement', { materials: ['营业执照'] })
    await actOk(h, T.county, 'window_clerk', c, 'request-supplement', { items: [{ name: '食品经营许可申请书', reason: '未签字' }] })
    expect(ids(await anomalies(T.county, 'second_supplement_notice'))).toEqual([c])
    const county = await h.http.put(`/api/units/${T.county}/supervision/anomaly-rules/second_supplement_notice`).set(bearer(await h.token(T.county, 'center_admin'))).send({ enabled: false })
    expect(county.status).toBe(403)
    const admin = bearer(await h.token(T.city, 'center_admin'))
    const off = await h.http.put(`/api/units/${T.city}/supervision/anomaly-rules/second_supplement_notice`).set(admin).send({ enabled: false })
    expect(off.status).toBe(200)
    expect(await anomalies(T.county, 'second_supplement_notice')).toEqual([])
    await h.http.put(`/api/units/${T.city}/supervision/anomaly-rules/second_supplement_notice`).set(admin).send({ enabled: true }).expect(200)
    expect((await h.http.put(`/api/units/${T.city}/supervision/anomaly-rules/nope`).set(admin).send({ enabled: true })).status).toBe(400)
    expect((await h.http.get(`/api/units/${T.county}/supervision/anomalies?rule=nope`).set(sup)).status).toBe(400)
    expect((await h.http.get(`/api/units/${T.county}/supervision/anomalies`).set(bearer(await h.token(T.county, 'window_clerk')))).status).toBe(403)
  })

  it('deemed acceptance: accepted after the 5th working day, or still waiting past it', async () => {
    const late = (await submit(h, T.county)).case.id
    await at('2026-12-02', () => actOk(h, T.county, 'window_clerk', late, 'accept'))
    const waiting = (await submit(h, T.county)).case.id
    const inTime = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', inTime, 'accept')
    const found = ids(await anomalies(T.county, 'deemed_acceptance', '2026-12-02'))
    expect(found).toContain(late)
    expect(found).toContain(waiting)
    expect(found).not.toContain(inTime)
    expect(ids(await anomalies(T.county, 'deemed_acceptance', '2026-12-01'))).not.toContain(waiting)
  })

  it('acceptance of an in-hall matter outside the hall (no window on the acceptance)', async () => {
    const ok = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', ok, 'accept')
    const bad = (await submit(h, T.county)).case.id
    await h.db.query(`insert into case_events (case_id, unit_code, actor_unit_code, type, payload, at) values ($1, $2, $2, 'accepted', '{}', now())`, [bad, T.county])
    const found = ids(await anomalies(T.county, 'outside_hall_acceptance'))
    expect(found).toContain(bad)
    expect(found).not.toContain(ok)
  })

  it('a decision attempted without the right (from the recorded refusals)', async () => {
    const c = (await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')).case.id
    expect((await act(h, T.village, 'agent', c, 'decide', { decision: 'approve' })).status).toBe(403)
    const found = await anomalies(T.town, 'decision_without_right')
    expect(found).toEqual([expect.objectContaining({ unitCode: T.village, matterCode: 'AGENT-ELDER', caseId: c })])
    expect(await anomalies(T.county2, 'decision_without_right')).toEqual([])
  })

  it('a suspension without a lawful ground', async () => {
    const ok = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', ok, 'accept')
    await actOk(h, T.county, 'reviewer', ok, 'suspend', { ground: 'expert_review', note: '组织专家评审' })
    const bad = (await submit(h, T.county)).case.id
    await h.db.query(`insert into case_events (case_id, unit_code, type, payload, at) values ($1, $2, 'suspended', '{"ground":"领导出差"}', now())`, [bad, T.county])
    const found = await anomalies(T.county, 'unlawful_suspension')
    expect(ids(found)).toEqual([bad])
    expect(found[0].detail).toContain('领导出差')
  })

  it('a certificate later than 10 working days after the approval', async () => {
    const c = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', c, 'accept')
    await actOk(h, T.county, 'reviewer', c, 'review', { opinion: '同意' })
    await actOk(h, T.county, 'approver', c, 'decide', { decision: 'approve', reasons: '符合条件' }) // certificate due 12-08
    expect(ids(await anomalies(T.county, 'late_certificate', '2026-12-08'))).not.toContain(c)
    expect(ids(await anomalies(T.county, 'late_certificate', '2026-12-09'))).toContain(c)
    await at('2026-12-10', () => actOk(h, T.county, 'window_clerk', c, 'certify', { certificateNo: 'LATE-1' }))
    const [f] = (await anomalies(T.county, 'late_certificate', '2026-12-20')).filter((x) => x.caseId === c)
    expect(f.detail).toContain('2026-12-10')
  })

  it('fees charged that differ from the catalog', async () => {
    const ok = (await submit(h, T.county, { matterCode: 'FEES' })).case.id
    await actOk(h, T.county, 'window_clerk', ok, 'accept')
    const bad = (await submit(h, T.county, { matterCode: 'FEES' })).case.id
    await actOk(h, T.county, 'window_clerk', bad, 'accept')
    await h.db.query(`update case_fees set amount = 20 where case_id = $1`, [bad])
    expect(ids(await anomalies(T.county, 'fee_mismatch'))).toEqual([bad])
  })

  it('a refusal without reasons', async () => {
    const ok = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', ok, 'accept')
    await actOk(h, T.county, 'reviewer', ok, 'review', { opinion: '不符合' })
    await actOk(h, T.county, 'approver', ok, 'decide', { decision: 'deny', reasons: '经营场所不符合条件', remedy: '可申请行政复议' })
    const rejected = (await submit(h, T.county)).case.id
    await actOk(h, T.county, 'window_clerk', rejected, 'reject', { reason: '不属于本机关职权范围', remedy: '可申请行政复议' })
    // The API requires the reasons; records from elsewhere may lack them.
    const bad = (await submit(h, T.county)).case.id
    await h.db.query(`insert into case_events (case_id, unit_code, type, payload, at) values ($1, $2, 'rejected', '{"reason":" "}', now())`, [bad, T.county])
    const denied = (await submit(h, T.county)).case.id
    await h.db.query(`insert into case_events (case_id, unit_code, type, payload, at) values ($1, $2, 'decided', '{"decision":"deny","reasons":""}', now())`, [denied, T.county])
    expect(ids(await anomalies(T.county, 'refusal_without_reasons')).sort()).toEqual([bad, denied].sort())
  })

  it('a lower unit forwarding late (more than 2 working days after receipt)', async () => {
    const quick = (await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')).case.id
    await at('2026-11-26', () => actOk(h, T.village, 'agent', quick, 'forward', { toUnitCode: T.town, reason: '转乡镇受理' }))
    const slow = (await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')).case.id
    await at('2026-11-27', () => actOk(h, T.village, 'agent', slow, 'forward', { toUnitCode: T.town, reason: '转乡镇受理' }))
    const found = await anomalies(T.town, 'late_forwarding')
    expect(ids(found)).toEqual([slow])
    expect(found[0].detail).toContain('3 个工作日')
  })
})
