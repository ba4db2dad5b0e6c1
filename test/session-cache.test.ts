// Sessions served from memory (modules/auth/session-cache.ts) and what keeps them true: the
// database's notifications, the listener's state, the age limit, and this process's own changes.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionCache } from '../src/modules/auth/session-cache.js'
import type { Database } from '../src/platform/db/database.js'
import { harness, type Harness, T } from './helpers/app.js'

const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

function fakeDatabase() {
  let onMessage = (_: string) => {}, onListen = () => {}
  const db = { listen: async (_c: string, m: (p: string) => void, l: () => void) => { onMessage = m; onListen = l } } as unknown as Database
  return { db, notify: (p: string) => onMessage(p), connected: () => onListen() }
}
const entry = (id: string) => ({ actor: { id, username: id, displayName: id, unitCode: T.town, roles: ['window_clerk' as const] }, expiresAt: new Date(Date.now() + 3600_000) })

describe('the session cache', () => {
  it('holds nothing until its listener is connected, and nothing at all with 0 seconds', () => {
    const f = fakeDatabase()
    const c = sessionCache(f.db, 30)
    c.put('h1', entry('u1'), c.generation())
    expect(c.get('h1')).toBeNull()
    f.connected()
    c.put('h1', entry('u1'), c.generation())
    expect(c.get('h1')?.actor.id).toBe('u1')
    const off = sessionCache(fakeDatabase().db, 0)
    off.put('h1', entry('u1'), off.generation())
    expect(off.get('h1')).toBeNull()
  })

  it('drops a session, an account or everything on the notification that names it', () => {
    const f = fakeDatabase()
    const c = sessionCache(f.db, 30)
    f.connected()
    for (const [h, u] of [['h1', 'u1'], ['h2', 'u1'], ['h3', 'u2'], ['h4', 'u3']]) c.put(h!, entry(u!), c.generation())
    f.notify('s:h3')
    expect(c.get('h3')).toBeNull()
    f.notify('u:u1')
    expect([c.get('h1'), c.get('h2')]).toEqual([null, null])
    expect(c.get('h4')?.actor.id).toBe('u3')
    f.notify('*')
    expect(c.get('h4')).toBeNull()
  })

  it('empties itself when the listener reconnects (what was announced meanwhile is lost)', () => {
    const f = fakeDatabase()
    const c = sessionCache(f.db, 30)
    f.connected()
    c.put('h1', entry('u1'), c.generation())
    f.connected()
    expect(c.get('h1')).toBeNull()
  })

  it('keeps an entry at most the configured seconds', () => {
    let now = 1_000_000
    const f = fakeDatabase()
    const c = sessionCache(f.db, 30, () => now)
    f.connected()
    c.put('h1', entry('u1'), c.generation())
    now += 29_999
    expect(c.get('h1')).not.toBeNull()
    now += 1
    expect(c.get('h1')).toBeNull()
  })

  it('does not store a lookup that an eviction overtook (it may have read what was evicted)', () => {
    const f = fakeDatabase()
    const c = sessionCache(f.db, 30)
    f.connected()
    const before = c.generation()
    f.notify('u:u1') // the account changed while its lookup was in flight
    c.put('h1', entry('u1'), before)
    expect(c.get('h1')).toBeNull()
  })
})

describe('sessions served from memory, through the API', () => {
  let h: Harness
  beforeAll(async () => { h = await harness() })
  afterAll(() => h.close())
  const get = (token: string) => h.http.get(`/api/units/${T.town}`).set(bearer(token))

  it('a session deleted in the database (another process, psql) stops working on its notification', async () => {
    const token = await h.token(T.town, 'window_clerk')
    expect((await get(token)).status).toBe(200)
    await h.db.query('delete from sessions where id_hash = $1', [hashOf(token)])
    await vi.waitFor(async () => expect((await get(token)).status).toBe(401), { timeout: 3000, interval: 20 })
  })

  it('an account deactivated or a unit deactivated in the database stops its sessions', async () => {
    const clerk = await h.token(T.town2, 'window_clerk')
    const agent = await h.token(T.village2, 'agent')
    expect([(await get(clerk)).status, (await h.http.get(`/api/units/${T.village2}`).set(bearer(agent))).status]).toEqual([404, 200])
    await h.db.query(`update users set active = false where username = $1`, [`${T.town2}-window_clerk`])
    await h.db.query(`update units set active = false where code = $1`, [T.village2])
    await vi.waitFor(async () => expect((await get(clerk)).status).toBe(401), { timeout: 3000, interval: 20 })
    await vi.waitFor(async () => expect((await h.http.get(`/api/units/${T.village2}`).set(bearer(agent))).status).toBe(401), { timeout: 3000, interval: 20 })
    await h.db.query(`update units set active = true where code = $1`, [T.village2])
  })

  it('GET /api/auth/me always asks the database', async () => {
    const token = await h.token(T.town, 'reviewer')
    expect((await h.http.get('/api/auth/me').set(bearer(token))).status).toBe(200)
    await h.db.query('delete from sessions where id_hash = $1', [hashOf(token)])
    expect((await h.http.get('/api/auth/me').set(bearer(token))).status).toBe(401)
  })

  it('a logout in this process ends the session at once on every route', async () => {
    const token = await h.token(T.town, 'approver')
    expect((await get(token)).status).toBe(200)
    expect((await h.http.post('/api/auth/logout').set(bearer(token))).status).toBe(204)
    expect((await get(token)).status).toBe(401)
  })
})

describe('SESSION_CACHE_SECONDS=0', () => {
  let h: Harness
  beforeAll(async () => { h = await harness({ env: { SESSION_CACHE_SECONDS: '0' } }) })
  afterAll(() => h.close())

  it('looks the session up on every request: a deletion applies to the very next one', async () => {
    const token = await h.token(T.town, 'window_clerk')
    expect((await h.http.get(`/api/units/${T.town}`).set(bearer(token))).status).toBe(200)
    await h.db.query('delete from sessions where id_hash = $1', [hashOf(token)])
    expect((await h.http.get(`/api/units/${T.town}`).set(bearer(token))).status).toBe(401)
  })
})
