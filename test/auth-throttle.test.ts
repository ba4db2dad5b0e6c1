// Sign-in and public look-up throttling (OWASP ASVS V2.2): per account+address, per address and
// per account, with growing delays; an account lock does not stop its owner at an address that
// has not failed; an admin above unlocks; 429 says when to try again (Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNT, ACCOUNT_FROM_ADDRESS, LOOKUP_NUMBER } from '../src/modules/auth/throttle.js'
import { bearer, harness, type Harness, PASSWORD, T } from './helpers/app.js'
import { ALL_MATERIALS, PERSON, setupCases } from './helpers/cases.js'

let h: Harness // TRUST_PROXY=1: X-Forwarded-For names the client
let bare: Harness // no proxy trusted: the header is ignored
beforeAll(async () => {
  h = await harness({ env: { TRUST_PROXY: '1' } })
  bare = await harness()
})
afterAll(async () => { await h.close(); await bare.close() })

const login = (hh: Harness, username: string, password: string, from?: string) => {
  const req = hh.http.post('/api/auth/login')
  if (from) req.set('x-forwarded-for', from)
  return req.send({ username, password })
}
// "The wait is over" without sleeping: every lock ends now.
const waitOver = (hh: Harness) => hh.db.query('update login_throttle set locked_until = now()')

describe('sign-in throttle', () => {
  it('slows guessing from one address with growing delays; Retry-After says how long', async () => {
    await h.token(T.town, 'window_clerk')
    const username = `${T.town}-window_clerk`
    for (let i = 0; i < ACCOUNT_FROM_ADDRESS.free; i++) expect((await login(h, username, 'wrong', '10.0.0.1')).status).toBe(401)
    // The next failure starts the wait; then even the right password is refused.
    expect((await login(h, username, 'wrong', '10.0.0.1')).status).toBe(401)
    const first = await login(h, username, PASSWORD, '10.0.0.1')
    expect(first.status).toBe(429)
    expect(first.headers['content-type']).toMatch(/problem\+json/)
    const w1 = Number(first.headers['retry-after'])
    expect(w1).toBe(ACCOUNT_FROM_ADDRESS.base)
    expect(first.body.detail).toMatch(/30 秒后再试/)
    await waitOver(h)
    expect((await login(h, username, 'wrong', '10.0.0.1')).status).toBe(401)
    const second = await login(h, username, PASSWORD, '10.0.0.1')
    expect(Number(second.headers['retry-after'])).toBe(2 * w1)
    // The clerk at the hall's own address is not stopped by the attacker's address.
    expect((await login(h, username, PASSWORD, '10.0.0.200')).status).toBe(200)
  })

  it('an account-wide lock from many addresses spares addresses that have not failed', async () => {
    await h.token(T.town, 'reviewer')
    const username = `${T.town}-reviewer`
    for (let i = 0; i <= ACCOUNT.free; i++) expect((await login(h, username, 'wrong', `10.1.0.${i}`)).status).toBe(401)
    // Every attacking address is now refused, even with the right password …
    const refused = await login(h, username, PASSWORD, '10.1.0.3')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    // … while the owner at a clean address signs in.
    expect((await login(h, username, PASSWORD, '192.168.1.10')).status).toBe(200)
  })

  it('an admin above unlocks (recorded); nobody unlocks themselves; a sibling sees nothing', async () => {
    await h.token(T.town, 'approver')
    const username = `${T.town}-approver`
    for (let i = 0; i <= ACCOUNT_FROM_ADDRESS.free; i++) await login(h, username, 'wrong', '10.2.0.1')
    expect((await login(h, username, PASSWORD, '10.2.0.1')).status).toBe(429)
    const id = await h.userId(T.town, 'approver')
    const sibling = await h.http.post(`/api/users/${id}/unlock`).set(bearer(await h.token(T.county2, 'center_admin')))
    expect(sibling.status).toBe(404)
    const self = await h.http.post(`/api/users/${await h.userId(T.county, 'center_admin')}/unlock`).set(bearer(await h.token(T.county, 'center_admin')))
    expect(self.status).toBe(403)
    const [{ n: refusalsBefore }] = await h.db.query('select count(*)::int as n from refusals')
    expect(refusalsBefore).toBeGreaterThan(0)
    const [{ n: before }] = await h.db.query('select count(*)::int as n from audit_log where subject like $1', [`%${id}%`])
    const ok = await h.http.post(`/api/users/${id}/unlock`).set(bearer(await h.token(T.county, 'center_admin')))
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.cleared).toBeGreaterThan(0)
    const [{ n: after }] = await h.db.query('select count(*)::int as n from audit_log where subject like $1', [`%${id}%`])
    expect(after).toBeGreaterThan(before)
    expect((await login(h, username, PASSWORD, '10.2.0.1')).status).toBe(200)
  })

  it('an untrusted X-Forwarded-For never changes the address', async () => {
    await bare.token(T.town, 'window_clerk')
    const username = `${T.town}-window_clerk`
    for (let i = 0; i <= ACCOUNT_FROM_ADDRESS.free; i++) await login(bare, username, 'wrong', `10.9.0.${i}`)
    expect((await login(bare, username, PASSWORD, '10.9.9.9')).status).toBe(429)
  })
})

describe('public look-up throttle', () => {
  it('after too many wrong query codes for a complaint, even the right one waits', async () => {
    const filed = await h.http.post('/api/public/complaints').set('x-forwarded-for', '10.3.0.1').send({
      unitCode: T.town, subject: '态度差', body: '窗口人员态度恶劣', contactPhone: '13812345678' })
    expect(filed.status).toBe(201)
    const { trackingNo, queryCode } = filed.body
    const get = (code: string, from: string) => h.http.get(`/api/public/complaints/${trackingNo}?queryCode=${code}`).set('x-forwarded-for', from)
    for (let i = 0; i <= LOOKUP_NUMBER.free; i++) expect((await get('WRONG000', `10.3.1.${i}`)).status).toBe(404)
    const refused = await get(queryCode, '10.3.2.1')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBe(LOOKUP_NUMBER.base)
    await h.db.query('update login_throttle set locked_until = now()')
    expect((await get(queryCode, '10.3.2.1')).status).toBe(200)
  })

  it('per receipt number and per address for case tracking', async () => {
    await setupCases(h)
    const r = await h.http.post('/api/public/cases').set('x-forwarded-for', '10.4.0.1')
      .send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON, materials: ALL_MATERIALS })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const { receiptNo, queryCode } = r.body.receipt
    const track = (code: string, from: string, no = receiptNo) => h.http.get(`/api/public/cases/${no}?queryCode=${code}`).set('x-forwarded-for', from)
    for (let i = 0; i <= LOOKUP_NUMBER.free; i++) { const w = await track('WRONG123', `10.4.1.${i}`); expect(w.status, JSON.stringify(w.body)).toBe(404) }
    expect((await track(queryCode, '10.4.9.9')).status).toBe(429)
    // One address trying many numbers is stopped too.
    for (let i = 0; i < 25; i++) await track('WRONG123', '10.4.7.7', `${T.county}-20261124-9${String(i).padStart(4, '0')}`)
    await h.db.query(`update login_throttle set locked_until = now() where key like 'l:%'`)
    expect((await track(queryCode, '10.4.7.7')).status).toBe(429)
    expect((await track(queryCode, '10.4.9.9')).status).toBe(200)
  })
})
