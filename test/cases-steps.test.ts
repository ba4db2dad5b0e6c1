// Handling after acceptance: review → decision → certificate → delivery, each needing its right
// through the actor's window; decisions under an entrustment in the entrusting organ's name;
// fees before the certificate; the state rebuilt from the append-only history.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { statusFromEvents } from '../src/modules/cases/state.js'
import { scopeOf } from '../src/platform/scope.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, extraStaff, getCase, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const DENY = { reasons: '经营场所不符合条件', remedy: '如不服本决定，可依法申请行政复议或者提起行政诉讼' }

describe('steps', () => {
  it('runs review → decide → certify → deliver, messaging the applicant on the way', async () => {
    const { case: c } = await submit(h, T.county)
    const id = c.id
    await actOk(h, T.county, 'window_clerk', id, 'accept')
    expect((await act(h, T.county, 'approver', id, 'decide', { decision: 'approve' })).status).toBe(409) // review first
    await actOk(h, T.county, 'reviewer', id, 'review', { opinion: '材料齐全，符合条件' })
    const d = await actOk(h, T.county, 'approver', id, 'decide', { decision: 'approve' })
    expect(d.decision).toMatchObject({ decision: 'approve', decidedOn: '2026-11-24', certificateDue: '2026-12-08', organ: { code: T.county, name: '金安区市场监督管理局' } })
    const cert = await actOk(h, T.county, 'window_clerk', id, 'certify', { certificateNo: 'JY13415020000001' })
    expect(cert.certificate).toMatchObject({ number: 'JY13415020000001', issuedOn: '2026-11-24', result: '食品经营许可证' })
    const del = await actOk(h, T.county, 'window_clerk', id, 'deliver', { method: 'post', trackingNo: 'EMS123' })
    expect(del.status).toBe('delivered')
    const kinds = await h.db.query(`select kind from outbox where case_id = $1 order by created_at, kind`, [id])
    expect(kinds.map((k: any) => k.kind).sort()).toEqual(['case_confirmed', 'evaluation_invitation', 'midway_reminder', 'ready_for_pickup'])
    const again = await act(h, T.county, 'window_clerk', id, 'deliver', { method: 'pickup' })
    expect(again.status).toBe(409)
    expect(again.body.currentStatus).toBe('delivered')
  })

  it('a denial needs reasons and remedies and is delivered without a certificate', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    await actOk(h, T.county, 'reviewer', c.id, 'review', { opinion: '不符合条件' })
    const bare = await act(h, T.county, 'approver', c.id, 'decide', { decision: 'deny' })
    expect(bare.status).toBe(400)
    expect(bare.body.errors.map((e: any) => e.field).sort()).toEqual(['reasons', 'remedy'])
    await actOk(h, T.county, 'approver', c.id, 'decide', { decision: 'deny', ...DENY })
    expect((await act(h, T.county, 'window_clerk', c.id, 'certify', { certificateNo: 'X1' })).status).toBe(409)
    await actOk(h, T.county, 'window_clerk', c.id, 'deliver', { method: 'pickup' })
  })

  it('each step needs the right through the actor\'s window: otherwise 403, recorded', async () => {
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const reviewer = await extraStaff(h, T.county, 'county-reviewer-2', ['reviewer']) // the right role, but on no window
    const noWindow = await h.http.post(`/api/cases/${c.id}/review`).set(bearer(reviewer.token)).send({ opinion: '同意' })
    expect(noWindow.status).toBe(403)
    expect(noWindow.body.detail).toMatch(/未被安排到本单位的任何窗口.*审核权/)
    const [ref] = await h.db.query(`select action, subject_type from refusals where subject_id = $1 order by at desc limit 1`, [`${T.county}:FOOD`])
    expect(ref).toMatchObject({ action: 'review', subject_type: 'Matter' })
    const admin = await act(h, T.county, 'center_admin', c.id, 'review', { opinion: '同意' }) // staff, but not a reviewer
    expect(admin.status).toBe(403)
    expect(admin.body.detail).toMatch(/审核须由审核人员办理/)
    const sup = await act(h, T.county, 'supervisor', c.id, 'review', { opinion: '同意' }) // reads, never handles
    expect(sup.status).toBe(403)
    // A sibling county never sees the case at all.
    const other = await act(h, T.county2, 'center_admin', c.id, 'review', { opinion: '同意' })
    expect(other.status).toBe(404)
  })

  it('a township under an entrustment decides in the entrusting organ\'s name; the county sees the case', async () => {
    const { case: c } = await submit(h, T.town, { matterCode: 'ENTRUST' })
    await actOk(h, T.town, 'window_clerk', c.id, 'accept')
    await actOk(h, T.town, 'reviewer', c.id, 'review', { opinion: '同意' })
    const d = await actOk(h, T.town, 'approver', c.id, 'decide', { decision: 'approve' })
    expect(d.decision.organ).toEqual({ code: T.county, name: '金安区市场监督管理局' })
    const cert = await actOk(h, T.town, 'window_clerk', c.id, 'certify', { certificateNo: 'XC-0001' })
    expect(cert.certificate.organ).toEqual({ code: T.county, name: '金安区市场监督管理局' })
    const seen = await getCase(h, T.town, c.id)
    expect(seen.events.find((e: any) => e.type === 'decided').actingFor).toEqual({ code: T.county, name: '金安区市场监督管理局' })
    const t = await h.token(T.county, 'supervisor')
    const list = await h.http.get(`/api/cases?unit=${T.county}&matter=ENTRUST`).set(bearer(t))
    expect(list.body.items.map((x: any) => x.id)).toContain(c.id)
    expect((await h.http.get(`/api/cases/${c.id}`).set(bearer(t))).body.certificate.organ.code).toBe(T.county)
    // A delegated matter is decided in the township's own name.
    const { case: own } = await submit(h, T.town, { matterCode: 'ELDER' })
    await actOk(h, T.town, 'window_clerk', own.id, 'accept')
    await actOk(h, T.town, 'reviewer', own.id, 'review', { opinion: '同意' })
    expect((await actOk(h, T.town, 'approver', own.id, 'decide', { decision: 'approve' })).decision.organ).toEqual({ code: T.town, name: '中市街道' })
  })

  it('fees are paid at one window with a receipt before the certificate; a waiver needs its basis', async () => {
    const { case: c } = await submit(h, T.county, { matterCode: 'FEES' })
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    await actOk(h, T.county, 'reviewer', c.id, 'review', { opinion: '同意' })
    await actOk(h, T.county, 'approver', c.id, 'decide', { decision: 'approve' })
    const early = await act(h, T.county, 'window_clerk', c.id, 'certify', { certificateNo: 'TS-1' })
    expect(early.status).toBe(422)
    expect(early.body.unpaidFees).toEqual(['工本费'])
    expect((await act(h, T.county, 'window_clerk', c.id, 'pay', {})).status).toBe(400)
    const paid = await actOk(h, T.county, 'window_clerk', c.id, 'pay', { feeReceiptNo: '皖财票 0001234' })
    expect(paid).toMatchObject({ total: 10, status: 'paid', feeReceiptNo: '皖财票 0001234' })
    expect((await act(h, T.county, 'window_clerk', c.id, 'pay', { feeReceiptNo: 'again' })).status).toBe(409)
    await actOk(h, T.county, 'window_clerk', c.id, 'certify', { certificateNo: 'TS-1' })
    const { case: w } = await submit(h, T.county, { matterCode: 'FEES' })
    await actOk(h, T.county, 'window_clerk', w.id, 'accept')
    const waived = await actOk(h, T.county, 'window_clerk', w.id, 'pay', { waiverBasis: '《特困人员救助供养办法》减免' })
    expect(waived.status).toBe('waived')
    expect((await getCase(h, T.county, w.id)).fees).toEqual([expect.objectContaining({ status: 'waived', waiverBasis: expect.stringContaining('减免') })])
  })

  it('the status of every case is the projection of its events', async () => {
    const rows = await h.db.query(`select c.id, c.status, coalesce(json_agg(json_build_object('type', e.type, 'payload', e.payload) order by e.id), '[]') as events
                                     from cases c join case_events e on e.case_id = c.id group by c.id, c.status`)
    expect(rows.length).toBeGreaterThan(5)
    for (const r of rows) expect(statusFromEvents(r.events), r.id).toBe(r.status)
  })

  it('RLS alone: a sibling subtree reads no case and no event, the intake unit and its ancestors read theirs', async () => {
    const { case: c } = await submit(h, T.town, { matterCode: 'ELDER' })
    const read = (code: string) => h.db.scoped(scopeOf(code), async (db) => ({
      cases: (await db.selectFrom('cases').select('id').execute()).map((r) => r.id),
      events: (await db.selectFrom('case_events').select('case_id').execute()).map((r) => r.case_id),
    }))
    for (const code of [T.town2, T.county2, T.townB]) {
      const seen = await read(code)
      expect(seen.cases, code).not.toContain(c.id)
      expect(seen.events, code).not.toContain(c.id)
    }
    for (const code of [T.town, T.county, T.city]) expect((await read(code)).cases, code).toContain(c.id)
    // The app role cannot move a case out of its own reach by hand.
    const moved = await h.db.scoped(scopeOf(T.town2), (db) => db.updateTable('cases').set({ status: 'delivered' }).where('id', '=', c.id).executeTakeFirst())
    expect(Number(moved.numUpdatedRows)).toBe(0)
  })

  it('the app role cannot change or delete events, and even the owner is stopped by the trigger', async () => {
    const [e] = await h.db.query(`select id, unit_code from case_events limit 1`)
    await expect(h.db.scoped(scopeOf(e.unit_code), (db) => sql`update case_events set type = 'x' where id = ${e.id}`.execute(db))).rejects.toThrow(/permission denied/)
    await expect(h.db.scoped(scopeOf(e.unit_code), (db) => sql`delete from case_events where id = ${e.id}`.execute(db))).rejects.toThrow(/permission denied/)
    await expect(h.db.query(`update case_events set type = 'x' where id = $1`, [e.id])).rejects.toThrow(/append-only/)
    await expect(h.db.query(`delete from case_events where id = $1`, [e.id])).rejects.toThrow(/append-only/)
  })
})

describe('parallel approval (并联审批)', () => {
  it('one window accepts a bundle; consultations with their own deadlines; the case is decided when all parts are; refusals visible to all', async () => {
    const { case: c } = await submit(h, T.county, { matterCode: 'PAR-A', bundle: ['PAR-B', 'PAR-C'] })
    expect(c).toMatchObject({ parallel: true, limitDays: 45 })
    const r = await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const t = await h.token(T.county, 'window_clerk')
    const wd = await h.http.get(`/api/units/${T.county}/calendar/working-days?from=2026-11-24&days=45`).set(bearer(t))
    expect(r.acceptanceReceipt.promisedCompletionDate).toBe(wd.body.due)
    const open = (matterCode: string, deadlineDays: number) => h.http.post(`/api/cases/${c.id}/consultations`).set(bearer(t)).send({ matterCode, deadlineDays })
    const outside = await open('FOOD', 5)
    expect(outside.status).toBe(400)
    const b = await open('PAR-B', 5)
    expect(b.status).toBe(201)
    expect(b.body).toMatchObject({ department: '金安区公安分局', dueDate: '2026-12-01' })
    const cc = (await open('PAR-C', 10)).body
    expect((await open('PAR-B', 3)).status).toBe(409)
    await actOk(h, T.county, 'reviewer', c.id, 'review', { opinion: '牵头部门审查通过' })
    const early = await act(h, T.county, 'approver', c.id, 'decide', { decision: 'approve' })
    expect(early.status).toBe(409)
    expect(early.body.pendingParts).toEqual(['PAR-B', 'PAR-C'])
    const approver = await h.token(T.county, 'approver')
    await h.http.post(`/api/cases/${c.id}/consultations/${b.body.partId}/decide`).set(bearer(approver)).send({ decision: 'approve' }).expect(200)
    await h.http.post(`/api/cases/${c.id}/consultations/${cc.partId}/decide`).set(bearer(approver)).send({ decision: 'deny', reasons: '纳税信用异常' }).expect(200)
    const again = await h.http.post(`/api/cases/${c.id}/consultations/${cc.partId}/decide`).set(bearer(approver)).send({ decision: 'approve' })
    expect(again.status).toBe(409)
    const sup = await h.token(T.county, 'supervisor')
    const seen = (await h.http.get(`/api/cases/${c.id}`).set(bearer(sup))).body
    expect(seen.refusedParts).toEqual([expect.objectContaining({ matterCode: 'PAR-C', department: '国家税务总局金安区税务局', reasons: '纳税信用异常' })])
    expect((await act(h, T.county, 'approver', c.id, 'decide', { decision: 'approve' })).status).toBe(422)
    expect((await actOk(h, T.county, 'approver', c.id, 'extend', { reason: '并联审批延期' })).extendedDays).toBe(15)
    await actOk(h, T.county, 'approver', c.id, 'decide', { decision: 'deny', ...DENY })
  })
})
