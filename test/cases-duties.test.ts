// Separation of duties (受审分离 / 审批与受理分离): each step needs the user's role for it (CASL)
// and the window's right for the matter; a licence is never decided by the one who accepted or
// reviewed it; every refusal says what is missing and is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, extraStaff, setupCases, submit, windowsOf } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const refusalOf = async (id: string, action: string) =>
  (await h.db.query(`select action, subject_type, reason from refusals where subject_id = $1 and action = $2 limit 1`, [id, action]))[0]

describe('who may do which step', () => {
  it('a clerk neither reviews nor decides; a reviewer does not accept or decide; an approver does not accept or review', async () => {
    const { case: c } = await submit(h, T.county)
    for (const role of ['reviewer', 'approver', 'center_admin', 'supervisor'] as const) {
      const r = await act(h, T.county, role, c.id, 'accept')
      expect(r.status, role).toBe(403)
      expect(r.body.detail).toMatch(/受理.*须由窗口受理人员办理/)
    }
    expect(await refusalOf(c.id, 'accept')).toMatchObject({ action: 'accept', subject_type: 'Case' })
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    for (const role of ['window_clerk', 'approver'] as const) {
      const r = await act(h, T.county, role, c.id, 'review', { opinion: '同意' })
      expect(r.status, role).toBe(403)
      expect(r.body.detail).toMatch(/审核须由审核人员办理/)
    }
    await actOk(h, T.county, 'reviewer', c.id, 'review', { opinion: '同意' })
    for (const role of ['window_clerk', 'reviewer'] as const) {
      const r = await act(h, T.county, role, c.id, 'decide', { decision: 'approve' })
      expect(r.status, role).toBe(403)
      expect(r.body.detail).toMatch(/审批决定须由审批人员办理/)
    }
    expect(await refusalOf(c.id, 'decide')).toMatchObject({ action: 'decide', subject_type: 'Case' })
    await actOk(h, T.county, 'approver', c.id, 'decide', { decision: 'approve' })
    expect((await act(h, T.county, 'reviewer', c.id, 'certify', { certificateNo: 'D-1' })).status).toBe(403)
    await actOk(h, T.county, 'approver', c.id, 'certify', { certificateNo: 'D-1' })
    expect((await act(h, T.county, 'reviewer', c.id, 'deliver', { method: 'pickup' })).status).toBe(403)
    await actOk(h, T.county, 'window_clerk', c.id, 'deliver', { method: 'pickup' })
  })

  it('an agent takes in for 代办 only: a window intake by an agent is refused', async () => {
    const r = await h.http.post('/api/cases').set(bearer(await h.token(T.village, 'agent')))
      .send({ unitCode: T.village, matterCode: 'ELDER', channel: 'window', applicant: { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }, materials: [] })
    expect(r.status).toBe(403)
    expect(r.body.detail).toMatch(/窗口受理人员（窗口）或代办员（代办）/)
    const admin = await h.http.post('/api/cases').set(bearer(await h.token(T.county, 'center_admin')))
      .send({ unitCode: T.county, matterCode: 'FOOD', applicant: { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }, materials: [] })
    expect(admin.status).toBe(403)
  })

  it('the right role without the window right: the refusal names the window authorisation', async () => {
    const { case: c } = await submit(h, T.county)
    const admin = await h.token(T.county, 'center_admin')
    const win = await h.http.post(`/api/units/${T.county}/windows`).set(bearer(admin)).send({ number: '9', name: '咨询窗口', departments: [] })
    const clerk = await extraStaff(h, T.county, 'county-desk-clerk', ['window_clerk'], [win.body.id])
    const r = await h.http.post(`/api/cases/${c.id}/accept`).set(bearer(clerk.token)).send({})
    expect(r.status).toBe(403)
    expect(r.body.detail).toMatch(/您所在的窗口未获授权行使事项 FOOD 的受理权/)
  })

  it('a licence (行政许可) is not decided by the person who accepted or reviewed it', async () => {
    const windows = await windowsOf(h, T.county)
    const both = await extraStaff(h, T.county, 'county-clerk-approver', ['window_clerk', 'approver'], windows)
    const { case: c } = await submit(h, T.county)
    expect((await h.http.post(`/api/cases/${c.id}/accept`).set(bearer(both.token)).send({})).status).toBe(200)
    await actOk(h, T.county, 'reviewer', c.id, 'review', { opinion: '同意' })
    const self = await h.http.post(`/api/cases/${c.id}/decide`).set(bearer(both.token)).send({ decision: 'approve' })
    expect(self.status).toBe(403)
    expect(self.body.detail).toMatch(/不得由受理该办件的同一人员作出/)
    expect(await refusalOf(c.id, 'decide')).toMatchObject({ action: 'decide', subject_type: 'Case' })
    await actOk(h, T.county, 'approver', c.id, 'decide', { decision: 'approve' })
    // Not a licence: the same person may decide what it accepted (行政给付 at the township).
    const reviewerApprover = await extraStaff(h, T.town, 'town-reviewer-approver', ['reviewer', 'approver'], await windowsOf(h, T.town))
    const { case: e } = await submit(h, T.town, { matterCode: 'ELDER' })
    await actOk(h, T.town, 'window_clerk', e.id, 'accept')
    expect((await h.http.post(`/api/cases/${e.id}/review`).set(bearer(reviewerApprover.token)).send({ opinion: '同意' })).status).toBe(200)
    expect((await h.http.post(`/api/cases/${e.id}/decide`).set(bearer(reviewerApprover.token)).send({ decision: 'approve' })).status).toBe(200)
  })
})
