// Case handling wired into supervision: the online 好差评 of a finished case (receipt number +
// query code), the timeliness input of performance assessment, and late complaints escalated by
// the scheduled job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobs } from '../src/jobs.js'
import { runJob } from '../src/platform/jobs.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { actOk, setupCases, submit } from './helpers/cases.js'
import { complain } from './helpers/supervision.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

async function finish(code: string, matterCode = 'FOOD') {
  const s = await submit(h, code, { matterCode })
  const id = s.case.id
  await actOk(h, code, 'window_clerk', id, 'accept')
  await actOk(h, code, 'reviewer', id, 'review', { opinion: '符合条件' })
  await actOk(h, code, 'approver', id, 'decide', { decision: 'approve' })
  await actOk(h, code, 'window_clerk', id, 'certify', { certificateNo: `NO-${id.slice(0, 8)}` })
  await actOk(h, code, 'window_clerk', id, 'deliver', { method: 'pickup' })
  return s
}

describe('cases in supervision', () => {
  it('a finished case is evaluated online once with its receipt number and query code', async () => {
    const open = await submit(h, T.county)
    const rate = (receiptNo: string, queryCode: string) =>
      h.http.post('/api/public/evaluations').send({ kind: 'case', receiptNo, queryCode, level: 'very_satisfied' })
    // Not finished yet: 409 with the reason (the query code matched, so nothing is revealed).
    const early = await rate(open.receipt.receiptNo, open.receipt.queryCode)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ detail: '办件尚未办结，办结后方可评价', currentStatus: 'submitted' })
    expect((await rate(open.receipt.receiptNo, 'WRONG1')).status).toBe(404)
    const done = await finish(T.county)
    expect((await rate(done.receipt.receiptNo, 'WRONG1')).status).toBe(404)
    expect((await rate(done.receipt.receiptNo, done.receipt.queryCode)).status).toBe(201)
    expect((await rate(done.receipt.receiptNo, done.receipt.queryCode)).status).toBe(409)
    const [row] = await h.db.query(`select unit_code, level from evaluations where case_ref = $1`, [done.case.id])
    expect(row).toMatchObject({ unit_code: T.county, level: 'very_satisfied' })
  })

  it('timeliness in the county assessment is the on-time share of the townships’ decided cases', async () => {
    await finish(T.town, 'ELDER')
    const county = await h.token(T.county, 'center_admin')
    const run = await h.http.post(`/api/units/${T.county}/assessments`).set(bearer(county)).send({ period: '2026-11' })
    expect(run.status).toBe(201)
    const town = run.body.results.find((r: any) => r.unitCode === T.town)
    expect(town.inputs.timeliness).toMatchObject({ score: 100, n: 1 })
  })

  it('the scheduled job complaints:escalate moves a late complaint to the unit above, once', async () => {
    await complain(h, T.village2)
    const late = new Date('2027-01-20T02:00:00Z')
    const first = await runJob(h.db, 'complaints:escalate', late, createJobs({ outboxTransport: null }))
    expect(first).toMatchObject({ skipped: false, status: 'ok' })
    expect((first as any).result.escalated).toBeGreaterThanOrEqual(1)
    const [row] = await h.db.query(`select handler_code from complaints where unit_code = $1`, [T.village2])
    expect(row.handler_code).toBe(T.town)
  })

  it("the township's station view counts the cases each village took in as agent in the last 30 days", async () => {
    const town = await h.token(T.town, 'center_admin')
    const count = async () => (await h.http.get(`/api/units/${T.town}/stations`).set(bearer(town)).expect(200))
      .body.stations.find((s: any) => s.unitCode === T.village).casesAsAgent30d
    const before = await count()
    await submit(h, T.village, { matterCode: 'AGENT-ELDER' }, 'agent')
    await submit(h, T.village, { matterCode: 'AGENT-ELDER' }, 'agent')
    expect(await count()).toBe(before + 2)
    // Older than 30 days: not counted.
    await h.db.query(`update cases set received_day = received_day - 30 where intake_unit_code = $1 and channel = 'agent'`, [T.village])
    expect(await count()).toBe(0)
  })

  it('the audit log records a decision under an entrustment in the entrusting organ’s name, and the chain verifies', async () => {
    const { case: c } = await submit(h, T.town, { matterCode: 'ENTRUST' })
    await actOk(h, T.town, 'window_clerk', c.id, 'accept')
    await actOk(h, T.town, 'reviewer', c.id, 'review', { opinion: '符合条件' })
    await actOk(h, T.town, 'approver', c.id, 'decide', { decision: 'approve' })
    const rows = await h.db.query<any>(`select action, acting_for from audit_log where subject = $1 order by id`, [`cases:${c.id}`])
    const decided = rows.filter((r) => r.acting_for)
    expect(decided.length).toBeGreaterThan(0)
    expect(new Set(decided.map((r) => r.acting_for))).toEqual(new Set([`${T.county} 金安区市场监督管理局`]))
    const verify = await h.http.get(`/api/units/${T.city}/audit/verify`).set(bearer(await h.token(T.city, 'supervisor')))
    expect(verify.body).toMatchObject({ ok: true, broken: null })
  })
})
