// Acceptance (受理, art. 32): the receipt, the one-time notice, refusal with remedies, deemed
// acceptance after 5 working days, in-hall matters only through the hall's windows, and
// two clerks at once (exactly one succeeds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, extraStaff, getCase, setupCases, submit, upload, windowsOf } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

describe('acceptance', () => {
  it('accept issues the acceptance receipt (受理凭证) and writes the confirmation message in the same transaction', async () => {
    const { case: c, receipt } = await submit(h, T.county)
    const r = await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    expect(r.acceptanceReceipt).toMatchObject({
      receiptNo: receipt.receiptNo, unit: { code: T.county, name: '金安区' }, matter: { code: 'FOOD', name: '食品经营许可' },
      acceptedOn: '2026-11-24', promisedCompletionDate: '2026-12-01', deemedAccepted: false,
      organ: { code: T.county, name: '金安区市场监督管理局' },
    })
    const [m] = await h.db.query(`select kind, payload from outbox where case_id = $1`, [c.id])
    expect(m.kind).toBe('case_confirmed')
    expect(m.payload.text).toContain(receipt.receiptNo)
    const seen = await getCase(h, T.county, c.id)
    expect(seen).toMatchObject({ status: 'accepted', acceptedAt: '2026-11-24', dueDate: '2026-12-01' })
    expect(seen.events.at(-1)).toMatchObject({ type: 'accepted', windowId: expect.any(String), actingFor: { code: T.county } })
  })

  it('two clerks accepting at once: exactly one 200, the other 409 with the current status', async () => {
    const { case: c } = await submit(h, T.county)
    const second = await extraStaff(h, T.county, 'county-clerk-2', ['window_clerk'], await windowsOf(h, T.county))
    const [a, b] = await Promise.all([act(h, T.county, 'window_clerk', c.id, 'accept'),
      h.http.post(`/api/cases/${c.id}/accept`).set(bearer(second.token)).send({})])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const lost = a.status === 409 ? a : b
    expect(lost.body).toMatchObject({ type: '/problems/conflict', currentStatus: 'accepted' })
    const [n] = await h.db.query(`select count(*)::int as n from case_events where case_id = $1 and type = 'accepted'`, [c.id])
    expect(n.n).toBe(1)
  })

  it('an incomplete application is not accepted; the one-time notice lists everything; no new items later unless the applicant changed it', async () => {
    const { case: c } = await submit(h, T.county, { materials: [{ name: '食品经营许可申请书' }] })
    const early = await act(h, T.county, 'window_clerk', c.id, 'accept')
    expect(early.status).toBe(422)
    expect(early.body.missingMaterials).toEqual(['营业执照'])
    const n1 = await actOk(h, T.county, 'window_clerk', c.id, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }] })
    expect(n1.notice.items).toHaveLength(1)
    const msg = await h.db.query(`select kind from outbox where case_id = $1`, [c.id])
    expect(msg.map((m: any) => m.kind)).toEqual(['supplement_needed'])
    const second = await act(h, T.county, 'window_clerk', c.id, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }, { name: '食品经营许可申请书', reason: '未签字' }] })
    expect(second.status).toBe(422)
    expect(second.body.items).toEqual(['食品经营许可申请书'])
    // The applicant supplies (changes the application): the case resumes and a new notice may follow.
    const sup = await actOk(h, T.county, 'window_clerk', c.id, 'supplement', { materials: ['营业执照'] })
    expect(sup.status).toBe('submitted')
    await actOk(h, T.county, 'window_clerk', c.id, 'request-supplement', { items: [{ name: '食品经营许可申请书', reason: '补正后发现未签字' }] })
    await actOk(h, T.county, 'window_clerk', c.id, 'supplement', { materials: [] })
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
  })

  it('the applicant supplies online with the receipt number and query code; the case resumes', async () => {
    const { case: c, receipt } = await submit(h, T.county, { materials: [{ name: '食品经营许可申请书' }] })
    await actOk(h, T.county, 'window_clerk', c.id, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }] })
    const url = `/api/public/cases/${receipt.receiptNo}/supplement`
    // A wrong query code looks like an unknown case; a material not on the list is refused; nothing changes.
    const wrong = await h.http.post(url).send({ queryCode: 'WRONG9', materials: ['营业执照'] })
    expect(wrong.status).toBe(404)
    const bad = await h.http.post(url).send({ queryCode: receipt.queryCode, materials: ['户口本'] })
    expect(bad.status).toBe(400)
    expect((await h.http.get(`/api/public/cases/${receipt.receiptNo}?queryCode=${receipt.queryCode}`)).body.status).toBe('supplement_requested')
    // Online, the material is its file: a name alone is refused.
    const bare = await h.http.post(url).send({ queryCode: receipt.queryCode, materials: ['营业执照'] })
    expect(bare.status).toBe(400)
    const ok = await h.http.post(url).send({ queryCode: receipt.queryCode, materials: [{ name: '营业执照', files: [await upload(h, T.county)] }] })
    expect(ok.status).toBe(200)
    const track = await h.http.get(`/api/public/cases/${receipt.receiptNo}?queryCode=${receipt.queryCode}`)
    expect(track.body).toMatchObject({ status: 'submitted', missingMaterials: [] })
    const [ev] = await h.db.query<any>(`select actor_id, payload from case_events where case_id = $1 and type = 'supplemented'`, [c.id])
    expect(ev).toMatchObject({ actor_id: null, payload: expect.objectContaining({ by: 'applicant', materials: ['营业执照'] }) })
    // Not waiting for a supplement any more: a second one is a conflict with the current state.
    expect((await h.http.post(url).send({ queryCode: receipt.queryCode, materials: [] })).status).toBe(409)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
  })

  it('a refusal (不予受理) needs a reason and the remedies; afterwards nothing else is allowed', async () => {
    const { case: c } = await submit(h, T.county)
    const bare = await act(h, T.county, 'window_clerk', c.id, 'reject', { reason: '不属于本机关职权范围' })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].field).toBe('remedy')
    const r = await actOk(h, T.county, 'window_clerk', c.id, 'reject', { reason: '不属于本机关职权范围', remedy: '可自收到本决定之日起六十日内申请行政复议，或六个月内提起行政诉讼' })
    expect(r.notice).toMatchObject({ title: '不予受理决定书', remedy: expect.stringContaining('行政复议') })
    const late = await act(h, T.county, 'window_clerk', c.id, 'accept')
    expect(late.status).toBe(409)
    expect(late.body.currentStatus).toBe('rejected')
  })

  it('no decision within 5 working days of receipt: counts as accepted from the day of receipt', async () => {
    const { case: late } = await submit(h, T.county)
    const { case: noticed } = await submit(h, T.county, { materials: [{ name: '食品经营许可申请书' }] })
    await actOk(h, T.county, 'window_clerk', noticed.id, 'request-supplement', { items: [{ name: '营业执照', reason: '未提交' }] })
    expect((await getCase(h, T.county, late.id)).acceptanceDeadline).toBe('2026-12-01')
    h.clock.set('2026-12-02T02:00:00Z')
    try {
      const seen = await getCase(h, T.county, late.id)
      expect(seen).toMatchObject({ deemedAccepted: true, acceptedAt: '2026-11-24', status: 'submitted' })
      expect((await getCase(h, T.county, noticed.id)).deemedAccepted).toBe(false)
      const t = await h.token(T.county, 'supervisor')
      const flagged = await h.http.get(`/api/cases?unit=${T.county}&deemed=true`).set(bearer(t))
      expect(flagged.body.items.map((c: any) => c.id)).toContain(late.id)
      expect(flagged.body.items.map((c: any) => c.id)).not.toContain(noticed.id)
      // Accepted late: the clock runs from the day of receipt.
      const r = await actOk(h, T.county, 'window_clerk', late.id, 'accept')
      expect(r.acceptanceReceipt).toMatchObject({ deemedAccepted: true, acceptedOn: '2026-11-24', promisedCompletionDate: '2026-12-01' })
    } finally {
      h.clock.set('2026-11-24T02:00:00Z')
    }
  })

  it('an in-hall matter is accepted only through a hall window (no 两头受理); one approved out of the hall by its office', async () => {
    const { case: c } = await submit(h, T.county, { matterCode: 'FEES' })
    // The department's own clerk, on no hall window (两头受理 would be accepting it there).
    const clerk = await extraStaff(h, T.county, 'county-office-clerk', ['window_clerk'])
    const office = await h.http.post(`/api/cases/${c.id}/accept`).set(bearer(clerk.token)).send({})
    expect(office.status).toBe(403)
    expect(office.body.detail).toMatch(/大厅窗口/)
    expect(office.body.detail).toMatch(/未被安排到本单位的任何窗口/)
    const admin = await h.token(T.county, 'center_admin')
    await h.http.put(`/api/units/${T.county}/matters/FEES/hall`).set(bearer(admin))
      .send({ inHall: false, office: '金安区市场监督管理局特种设备科', address: '金安区梅山南路 1 号', phone: '0564-3370000', approvalDocument: '金政办〔2026〕3号' }).expect(200)
    const out = await h.http.post(`/api/cases/${c.id}/accept`).set(bearer(clerk.token)).send({})
    expect(out.status).toBe(200)
  })
})
