// Intake (收件): identifiers checked, materials against the matter's list, idempotent
// submission, masked personal data, online intake without an account, village agents (代办).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, ALL_MATERIALS, getCase, ORG, PERSON, setupCases, submit, withFiles } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const post = async (body: object, headers: Record<string, string> = {}) =>
  h.http.post('/api/cases').set(bearer(await h.token(T.county, 'window_clerk'))).set(headers)
    .send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON, materials: ALL_MATERIALS, ...body })

describe('intake', () => {
  it('takes in a case with a receipt number unique in the unit and a query code shown once', async () => {
    const a = await submit(h, T.county)
    const b = await submit(h, T.county, { applicant: ORG })
    expect(a.receipt.receiptNo).toMatch(/^341502000000-20261124-\d{5}$/)
    expect(b.receipt.receiptNo).not.toBe(a.receipt.receiptNo)
    expect(a.receipt.queryCode).toMatch(/^[0-9A-Z]{8}$/)
    expect(a.case).toMatchObject({ status: 'submitted', channel: 'window', matterCode: 'FOOD', receivedDay: '2026-11-24' })
    const full = await getCase(h, T.county, a.case.id)
    expect(JSON.stringify(full)).not.toContain(a.receipt.queryCode)
  })

  it('refuses a resident ID or a USCC with a wrong check character, and a bad phone', async () => {
    const bad = await post({ applicant: { ...PERSON, idNumber: '341502199003071236' } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'applicant.idNumber' })])
    const org = await post({ applicant: { ...ORG, idNumber: '91350100M000100Y44' } })
    expect(org.status).toBe(400)
    expect(org.body.errors[0].message).toMatch(/统一社会信用代码/)
    const phone = await post({ applicant: { ...PERSON, phone: '12345' } })
    expect(phone.status).toBe(400)
  })

  it('checks materials against the matter\'s list: missing required ones are listed, unknown ones refused', async () => {
    const r = await post({ materials: [{ name: '食品经营许可申请书' }] })
    expect(r.status).toBe(201)
    expect(r.body.missingMaterials).toEqual(['营业执照'])
    expect(r.body.case.materials).toEqual(expect.arrayContaining([{ name: '营业执照', required: true, provided: false }]))
    const unknown = await post({ materials: [{ name: '户口本' }] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0]).toMatchObject({ field: 'materials[0].name' })
    const notInCatalog = await post({ matterCode: 'NOPE' })
    expect(notInCatalog.status).toBe(400)
  })

  it('an Idempotency-Key returns the same case on retry, and refuses the key with another body', async () => {
    const first = await post({}, { 'idempotency-key': 'retry-1' })
    const again = await post({}, { 'idempotency-key': 'retry-1' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body.case.id).toBe(first.body.case.id)
    expect(again.body.receipt).toEqual(first.body.receipt)
    const other = await post({ applicant: ORG }, { 'idempotency-key': 'retry-1' })
    expect(other.status).toBe(422)
    const [n] = await h.db.query(`select count(*)::int as n from idempotency_keys where key = 'retry-1'`)
    expect(n.n).toBe(1)
  })

  it('masks personal data in lists', async () => {
    const t = await h.token(T.county, 'supervisor')
    const list = await h.http.get(`/api/cases?unit=${T.county}`).set(bearer(t))
    expect(list.status).toBe(200)
    const mine = list.body.items.find((c: any) => c.applicant.kind === 'person')
    expect(mine.applicant).toEqual({ kind: 'person', idNumber: '3415**********1235', name: '张*', phone: '138****5678' })
    expect(JSON.stringify(list.body)).not.toContain('341502199003071235')
    expect(JSON.stringify(list.body)).not.toContain('张三')
  })

  it('online intake needs no account; tracking shows state and nothing personal; a wrong code looks like an unknown number', async () => {
    const r = await h.http.post('/api/public/cases').send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON, materials: await withFiles(h, T.county) })
    expect(r.status).toBe(201)
    expect(r.body.case).toMatchObject({ channel: 'online', applicant: { name: '张*', idNumber: '3415**********1235' } })
    const { receiptNo, queryCode } = r.body.receipt
    const track = await h.http.get(`/api/public/cases/${receiptNo}?queryCode=${queryCode}`)
    expect(track.status).toBe(200)
    expect(track.body).toMatchObject({ receiptNo, status: 'submitted', matter: { code: 'FOOD' }, receivedOn: '2026-11-24' })
    expect(track.headers['cache-control']).toBe('no-store')
    const text = JSON.stringify(track.body)
    for (const secret of ['张三', '张*', '341502199003071235', '13812345678', '138****5678']) expect(text).not.toContain(secret)
    const wrong = await h.http.get(`/api/public/cases/${receiptNo}?queryCode=WRONG123`)
    const unknown = await h.http.get(`/api/public/cases/${T.county}-20261124-99999?queryCode=${queryCode}`)
    expect(wrong.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(wrong.body).toEqual(unknown.body)
  })

  it('a village agent takes in (代办), forwards to the township holding the power, and never decides', async () => {
    const r = await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')
    expect(r.case).toMatchObject({ channel: 'agent', unitCode: T.village })
    const id = r.case.id
    const decide = await act(h, T.village, 'agent', id, 'decide', { decision: 'approve' })
    expect(decide.status).toBe(403)
    const [ref] = await h.db.query(`select action from refusals where subject_id = $1`, [id])
    expect(ref?.action).toBe('decide')
    // Sideways is refused: only up the chain to a unit that holds the power.
    const sideways = await act(h, T.village, 'agent', id, 'forward', { toUnitCode: T.town2, reason: '转报' })
    expect(sideways.status).toBe(400)
    const fwd = await actOk(h, T.village, 'agent', id, 'forward', { toUnitCode: T.town, reason: '本站代办，转乡镇受理' })
    expect(fwd.unitCode).toBe(T.town)
    await actOk(h, T.town, 'window_clerk', id, 'accept')
    // The trail is kept and the village still sees its case; the township acts on it now.
    const seen = await getCase(h, T.village, id, 'agent')
    expect(seen.events.map((e: any) => e.type)).toEqual(['received', 'forwarded', 'accepted'])
    expect(seen.events[1].payload).toMatchObject({ from: T.village, to: T.town })
    expect((await act(h, T.village, 'agent', id, 'review', { opinion: '同意' })).status).toBe(403)
  })
})
