import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, PASSWORD, snapshot, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

const newUser = (username: string, roles: string[]) => ({ username, displayName: '张三', password: 'long-enough-pw', roles })
const refusalsFor = (subject: string) => h.db.query('select * from refusals where subject_id = $1', [subject])

describe('accounts and roles', () => {
  it('an admin creates accounts in its subtree; the new account can log in', async () => {
    const county = await h.token(T.county, 'center_admin')
    const res = await h.http.post(`/api/units/${T.town}/users`).set(bearer(county)).send(newUser('zhang.san', ['window_clerk', 'reviewer']))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ unitCode: T.town, username: 'zhang.san', roles: ['window_clerk', 'reviewer'], active: true })
    expect(res.body.password).toBeUndefined()
    const login = await h.http.post('/api/auth/login').send({ username: 'zhang.san', password: 'long-enough-pw' })
    expect(login.status).toBe(200)
    const dup = await h.http.post(`/api/units/${T.town}/users`).set(bearer(county)).send(newUser('zhang.san', ['agent']))
    expect(dup.status).toBe(409)
  })

  it('grants only roles that fit the tier (no approver at a village station), recorded', async () => {
    const town = await h.token(T.town, 'center_admin')
    const before = await snapshot(h.db)
    const res = await h.http.post(`/api/units/${T.village}/users`).set(bearer(town)).send(newUser('li.si', ['approver']))
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatch(/审批人员/)
    expect(res.body.errors[0].field).toBe('roles')
    expect(await snapshot(h.db)).toBe(before)
    expect(await refusalsFor('li.si')).toHaveLength(1)
    const ok = await h.http.post(`/api/units/${T.village}/users`).set(bearer(town)).send(newUser('li.si', ['agent']))
    expect(ok.status).toBe(201)
  })

  it('refuses accounts above (403) or beside the subtree (404) and for non-admins (403), all recorded', async () => {
    const town = await h.token(T.town, 'center_admin')
    const clerk = await h.token(T.town, 'window_clerk')
    const before = await snapshot(h.db)
    // The parent is visible (read-only) to the township: 403; a sibling is not: 404.
    expect((await h.http.post(`/api/units/${T.county}/users`).set(bearer(town)).send(newUser('up.one', ['center_admin']))).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.townB}/users`).set(bearer(town)).send(newUser('side.one', ['agent']))).status).toBe(404)
    expect((await h.http.post(`/api/units/${T.village}/users`).set(bearer(clerk)).send(newUser('clerk.made', ['agent']))).status).toBe(403)
    expect(await snapshot(h.db)).toBe(before)
    for (const u of ['up.one', 'side.one', 'clerk.made']) expect(await refusalsFor(u), u).toHaveLength(1)
  })

  it('nobody edits their own roles or status; editing own name and password is fine', async () => {
    const t = await h.token(T.county, 'center_admin')
    const me = await h.userId(T.county, 'center_admin')
    const before = await snapshot(h.db)
    const res = await h.http.patch(`/api/users/${me}`).set(bearer(t)).send({ roles: ['center_admin', 'approver'] })
    expect(res.status).toBe(403)
    expect(res.body.detail).toMatch(/不能修改自己的角色/)
    expect((await h.http.patch(`/api/users/${me}`).set(bearer(t)).send({ active: false })).status).toBe(403)
    expect(await snapshot(h.db)).toBe(before)
    expect((await refusalsFor(me)).length).toBe(2)
    const clerk = await h.token(T.county, 'window_clerk')
    const clerkId = await h.userId(T.county, 'window_clerk')
    expect((await h.http.patch(`/api/users/${clerkId}`).set(bearer(clerk)).send({ roles: ['center_admin'] })).status).toBe(403)
    const name = await h.http.patch(`/api/users/${clerkId}`).set(bearer(clerk)).send({ displayName: '王五' })
    expect(name.status).toBe(200)
    expect(name.body.displayName).toBe('王五')
  })

  it('an admin above changes roles within the tier; a changed role applies at once', async () => {
    const county = await h.token(T.county, 'center_admin')
    const clerk = await h.token(T.town, 'window_clerk')
    const id = await h.userId(T.town, 'window_clerk')
    const res = await h.http.patch(`/api/users/${id}`).set(bearer(county)).send({ roles: ['window_clerk', 'center_admin'] })
    expect(res.status).toBe(200)
    // The same session now carries the new role: it may create a village account.
    const made = await h.http.post(`/api/units/${T.village}/users`).set(bearer(clerk)).send(newUser('wang.liu', ['agent']))
    expect(made.status).toBe(201)
  })

  it('lists accounts of a unit or its subtree, never passwords; a sibling sees 404', async () => {
    const county = await h.token(T.county, 'supervisor')
    const own = await h.http.get(`/api/units/${T.town}/users`).set(bearer(county))
    expect(own.status).toBe(200)
    expect(own.body.items.length).toBeGreaterThan(0)
    expect(own.body.items.every((u: any) => u.unitCode === T.town && !('password_hash' in u))).toBe(true)
    const all = await h.http.get(`/api/units/${T.county}/users?subtree=true`).set(bearer(county))
    expect(new Set(all.body.items.map((u: any) => u.unitCode))).toEqual(new Set([T.county, T.town, T.village]))
    const other = await h.token(T.county2, 'supervisor')
    expect((await h.http.get(`/api/units/${T.town}/users`).set(bearer(other))).status).toBe(404)
    // A clerk only sees itself.
    const clerk = await h.token(T.town2, 'window_clerk')
    const self = await h.http.get(`/api/units/${T.town2}/users`).set(bearer(clerk))
    expect(self.body.items.map((u: any) => u.username)).toEqual([`${T.town2}-window_clerk`])
  })

  it('supervisors read the refusals of their subtree only', async () => {
    const sup = await h.token(T.county, 'supervisor')
    const res = await h.http.get(`/api/units/${T.county}/refusals`).set(bearer(sup))
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(res.body.items.every((r: any) => r.unitCode.startsWith('341502'))).toBe(true)
    const other = await h.token(T.county2, 'supervisor')
    expect((await h.http.get(`/api/units/${T.county}/refusals`).set(bearer(other))).status).toBe(404)
    const mine = await h.http.get(`/api/units/${T.county2}/refusals`).set(bearer(other))
    expect(mine.body).toEqual({ items: [], next: null })
  })

  it('a new password ends the old sessions', async () => {
    const t = await h.token(T.town2, 'inspector')
    const id = await h.userId(T.town2, 'inspector')
    expect((await h.http.patch(`/api/users/${id}`).set(bearer(t)).send({ password: 'another-long-pw' })).status).toBe(200)
    expect((await h.http.get('/api/auth/me').set(bearer(t))).status).toBe(401)
    expect((await h.http.post('/api/auth/login').send({ username: `${T.town2}-inspector`, password: PASSWORD })).status).toBe(401)
  })
})
