import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { ACCOUNT_FROM_ADDRESS } from '../src/modules/auth/throttle.js'
import { bearer, harness, type Harness, PASSWORD, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

const cookieOf = (res: any) => (res.headers['set-cookie'] as string[]).find((c) => c.startsWith('gov_session='))!

describe('sessions', () => {
  it('logs in with a token and an HttpOnly SameSite=Lax cookie; stores only the hash', async () => {
    await h.token(T.county, 'reviewer')
    const res = await h.http.post('/api/auth/login').send({ username: `${T.county}-reviewer`, password: PASSWORD })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ username: `${T.county}-reviewer`, unitCode: T.county, roles: ['reviewer'] })
    expect(res.body.user.password_hash).toBeUndefined()
    const cookie = cookieOf(res)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/) // plain http here
    const rows = await h.db.query('select id_hash from sessions')
    const hashes = rows.map((r) => r.id_hash)
    expect(hashes).not.toContain(res.body.token)
    expect(hashes).toContain(createHash('sha256').update(res.body.token).digest('hex'))
  })

  it('sets Secure behind https', async () => {
    await h.token(T.county, 'approver')
    const res = await h.http.post('/api/auth/login').set('x-forwarded-proto', 'https')
      .send({ username: `${T.county}-approver`, password: PASSWORD })
    expect(cookieOf(res)).toMatch(/Secure/)
  })

  it('answers /me by bearer and by cookie; logout ends the session', async () => {
    await h.token(T.town, 'agent')
    const login = await h.http.post('/api/auth/login').send({ username: `${T.town}-agent`, password: PASSWORD })
    const me = await h.http.get('/api/auth/me').set(bearer(login.body.token))
    expect(me.status).toBe(200)
    expect(me.body.username).toBe(`${T.town}-agent`)
    const byCookie = await h.http.get('/api/auth/me').set('cookie', cookieOf(login).split(';')[0])
    expect(byCookie.status).toBe(200)
    expect((await h.http.post('/api/auth/logout').set(bearer(login.body.token))).status).toBe(204)
    expect((await h.http.get('/api/auth/me').set(bearer(login.body.token))).status).toBe(401)
  })

  it('rejects unknown tokens and no session with 401 problem+json', async () => {
    const res = await h.http.get('/api/auth/me').set(bearer('abcdefghijklmnopqrstuvwxyz234567'))
    expect(res.status).toBe(401)
    expect(res.body.type).toBe('/problems/unauthenticated')
    expect((await h.http.get(`/api/units/${T.city}`)).status).toBe(401)
  })

  it('slides the expiry forward once half the lifetime has passed', async () => {
    const token = await h.token(T.town, 'window_clerk')
    const hash = createHash('sha256').update(token).digest('hex')
    // Age the session: 2 hours left of 12.
    await h.db.query(`update sessions set expires_at = now() + interval '2 hours' where id_hash = $1`, [hash])
    expect((await h.http.get('/api/auth/me').set(bearer(token))).status).toBe(200)
    const [row] = await h.db.query(`select extract(epoch from expires_at - now()) / 3600 as hours from sessions where id_hash = $1`, [hash])
    expect(Number(row.hours)).toBeGreaterThan(11)
    // An expired session is gone.
    await h.db.query(`update sessions set expires_at = now() - interval '1 minute' where id_hash = $1`, [hash])
    expect((await h.http.get('/api/auth/me').set(bearer(token))).status).toBe(401)
  })

  it('throttles repeated failures for one account, even with the right password afterwards', async () => {
    await h.token(T.town2, 'reviewer')
    const username = `${T.town2}-reviewer`
    for (let i = 0; i <= ACCOUNT_FROM_ADDRESS.free; i++) {
      expect((await h.http.post('/api/auth/login').send({ username, password: 'wrong-password' })).status).toBe(401)
    }
    const locked = await h.http.post('/api/auth/login').send({ username, password: PASSWORD })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    expect(locked.body.detail).toMatch(/(秒|分钟)后再试/)
    // Another account from the same address is not locked by this one.
    await h.token(T.town2, 'approver')
    expect((await h.http.post('/api/auth/login').send({ username: `${T.town2}-approver`, password: PASSWORD })).status).toBe(200)
  })

  it('throttles one address trying many accounts', async () => {
    const db = h.db
    await db.query(`update login_throttle set failures = 0, locked_until = null`)
    for (let i = 0; i < 30; i++) {
      await h.http.post('/api/auth/login').send({ username: `nobody${i}`, password: 'x' })
    }
    await h.token(T.city, 'inspector').catch(() => {})
    const res = await h.http.post('/api/auth/login').send({ username: `${T.city}-inspector`, password: PASSWORD })
    expect(res.status).toBe(429)
    await db.query(`delete from login_throttle`)
  })

  it('refuses cookie-authenticated writes from another origin (CSRF), allows same origin', async () => {
    await h.token(T.county, 'center_admin')
    const login = await h.http.post('/api/auth/login').send({ username: `${T.county}-center_admin`, password: PASSWORD })
    const cookie = cookieOf(login).split(';')[0]
    const body = { code: '341502007000', name: '测试镇' }
    const evil = await h.http.post('/api/units').set('cookie', cookie).set('origin', 'https://evil.example').send(body)
    expect(evil.status).toBe(403)
    expect(evil.body.type).toBe('/problems/csrf')
    const noOrigin = await h.http.post('/api/units').set('cookie', cookie).send(body)
    expect(noOrigin.status).toBe(403)
    const ok = await h.http.post('/api/units').set('cookie', cookie)
      .set('host', 'zwfw.example').set('origin', 'http://zwfw.example').send(body)
    expect(ok.status).toBe(201)
    // Reads by cookie need no origin.
    expect((await h.http.get(`/api/units/${T.county}`).set('cookie', cookie)).status).toBe(200)
  })

  it('a deactivated account loses its sessions at once', async () => {
    const t = await h.token(T.village, 'agent')
    const admin = await h.token(T.town, 'center_admin')
    const id = await h.userId(T.village, 'agent')
    expect((await h.http.patch(`/api/users/${id}`).set(bearer(admin)).send({ active: false })).status).toBe(200)
    expect((await h.http.get('/api/auth/me').set(bearer(t))).status).toBe(401)
    expect((await h.http.post('/api/auth/login').send({ username: `${T.village}-agent`, password: PASSWORD })).status).toBe(401)
  })
})
