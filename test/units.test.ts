import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('units', () => {
  it('reads a unit in the subtree and its ancestors, with derived service point names', async () => {
    const t = await h.token(T.town, 'window_clerk')
    const own = await h.http.get(`/api/units/${T.town}`).set(bearer(t))
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ code: T.town, level: 'township', parentCode: T.county, servicePointName: '中市街道为民服务中心' })
    const parent = await h.http.get(`/api/units/${T.county}`).set(bearer(t))
    expect(parent.status).toBe(200)
    expect(parent.body.servicePointName).toBe('金安区政务服务中心')
    const village = await h.http.get(`/api/units/${T.village}`).set(bearer(t))
    expect(village.body.servicePointName).toBe('红街社区为民服务工作站')
  })

  it('answers 404 for a sibling subtree and lists only visible children', async () => {
    const t = await h.token(T.town, 'center_admin')
    expect((await h.http.get(`/api/units/${T.townB}`).set(bearer(t))).status).toBe(404)
    expect((await h.http.get(`/api/units/${T.county2}`).set(bearer(t))).status).toBe(404)
    // Children of the parent county, seen from a township: only its own branch.
    const kids = await h.http.get(`/api/units/${T.county}/children`).set(bearer(t))
    expect(kids.status).toBe(200)
    expect(kids.body.items.map((u: any) => u.code)).toEqual([T.town])
    expect(kids.body.next).toBeNull()
    const city = await h.token(T.city, 'window_clerk')
    const all = await h.http.get(`/api/units/${T.county}/children`).set(bearer(city))
    expect(all.body.items.map((u: any) => u.code)).toEqual([T.town, T.town2])
    // No child to show: a visible unit answers an empty list, one out of scope (or unknown) 404.
    const village = await h.http.get(`/api/units/${T.village}/children`).set(bearer(t))
    expect([village.status, village.body]).toEqual([200, { items: [], next: null }])
    expect((await h.http.get(`/api/units/${T.townB}/children`).set(bearer(t))).status).toBe(404)
    expect((await h.http.get(`/api/units/${T.villageB}/children`).set(bearer(t))).status).toBe(404)
    expect((await h.http.get(`/api/units/341502009000/children`).set(bearer(t))).status).toBe(404)
  })

  it('pages children by code', async () => {
    const t = await h.token(T.city, 'center_admin')
    const p1 = await h.http.get(`/api/units/${T.county}/children?limit=1`).set(bearer(t))
    expect(p1.body.next).toEqual(expect.any(String))
    const p2 = await h.http.get(`/api/units/${T.county}/children?limit=1&cursor=${p1.body.next}`).set(bearer(t))
    expect([p1.body.items[0].code, p2.body.items[0].code]).toEqual([T.town, T.town2])
    // The last page says so; the old `after=` parameter is gone (unknown parameters answer 400).
    const p3 = await h.http.get(`/api/units/${T.county}/children?limit=1&cursor=${p2.body.next}`).set(bearer(t))
    expect(p2.body.next === null || p3.body).toEqual(p2.body.next === null ? true : { items: [], next: null })
    expect((await h.http.get(`/api/units/${T.county}/children?after=${T.town}`).set(bearer(t))).status).toBe(400)
  })

  it('lets a county admin create a township and a township admin a village; level follows the code', async () => {
    const county = await h.token(T.county, 'center_admin')
    const res = await h.http.post('/api/units').set(bearer(county)).send({ code: '341502003000', name: '三里桥街道' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ level: 'township', parentCode: T.county, servicePointName: '三里桥街道为民服务中心' })
    const town = await h.token('341502003000', 'center_admin')
    const v = await h.http.post('/api/units').set(bearer(town)).send({ code: '341502003001', name: '清水河社区', servicePointName: '清水河社区便民服务站' })
    expect(v.status).toBe(201)
    expect(v.body).toMatchObject({ level: 'village', servicePointName: '清水河社区便民服务站' })
    const dup = await h.http.post('/api/units').set(bearer(town)).send({ code: '341502003001', name: 'x' })
    expect(dup.status).toBe(409)
  })

  it('refuses codes of the wrong level, a county under the wrong city and units outside the subtree', async () => {
    const county = await h.token(T.county, 'center_admin')
    const before = await snapshot(h.db)
    const cases: [object, number][] = [
      [{ code: '34150200100', name: 'x' }, 400], // 11 digits
      [{ code: '3415020010aa', name: 'x' }, 400],
      [{ code: '341502000001', name: 'x' }, 400], // village part set under an empty township part
      [{ code: '341600000000', name: '亳州市' }, 400], // a city: operators only
      [{ code: '341602000000', name: '谯城区' }, 404], // a county under another city
      [{ code: '341503009000', name: 'x' }, 404], // a township in the sibling county
      [{ code: T.county, name: 'x' }, 403], // itself is not strictly below
      [{ code: '341502009000', name: '' }, 400],
      [{ code: '341502009000', name: 'x', extra: 1 }, 400],
    ]
    for (const [body, status] of cases) {
      const res = await h.http.post('/api/units').set(bearer(county)).send(body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    }
    expect(await snapshot(h.db)).toBe(before)
  })

  it('lists offending fields in Chinese', async () => {
    const county = await h.token(T.county, 'center_admin')
    const res = await h.http.post('/api/units').set(bearer(county)).send({ code: '12', name: '', bogus: true })
    expect(res.status).toBe(400)
    const fields = res.body.errors.map((e: any) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['code', 'name']))
    expect(res.body.errors.find((e: any) => e.field === 'code').message).toBe('区划代码应为 12 位数字')
    expect(JSON.stringify(res.body.errors)).toMatch(/bogus/)
  })

  it('window clerks cannot create units (403, recorded)', async () => {
    const t = await h.token(T.county, 'window_clerk')
    const res = await h.http.post('/api/units').set(bearer(t)).send({ code: '341502008000', name: 'x' })
    expect(res.status).toBe(403)
    const rows = await h.db.query(`select * from refusals where subject_id = '341502008000'`)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'create', subject_type: 'Unit', unit_code: T.county })
  })

  it('edits names; deactivation cascades down and is only done from above', async () => {
    const townAdmin = await h.token(T.town2, 'center_admin')
    const own = await h.http.patch(`/api/units/${T.town2}`).set(bearer(townAdmin)).send({ servicePointName: '东市街道便民服务中心' })
    expect(own.status).toBe(200)
    expect(own.body.servicePointName).toBe('东市街道便民服务中心')
    expect((await h.http.patch(`/api/units/${T.town2}`).set(bearer(townAdmin)).send({ active: false })).status).toBe(403)
    const county = await h.token(T.county, 'center_admin')
    await h.http.post('/api/units').set(bearer(county)).send({ code: '341502002001', name: '东门社区' }).expect(201)
    const off = await h.http.patch(`/api/units/${T.town2}`).set(bearer(county)).send({ active: false })
    expect(off.status).toBe(200)
    const [v] = await h.db.query(`select active from units where code = '341502002001'`)
    expect(v.active).toBe(false)
    // Its staff can no longer log in.
    const login = await h.http.post('/api/auth/login').send({ username: `${T.town2}-center_admin`, password: 'test-password-1' })
    expect(login.status).toBe(401)
    const kids = await h.http.get(`/api/units/${T.county}/children`).set(bearer(county))
    expect(kids.body.items.map((u: any) => u.code)).not.toContain(T.town2)
    const withInactive = await h.http.get(`/api/units/${T.county}/children?includeInactive=true`).set(bearer(county))
    expect(withInactive.body.items.map((u: any) => u.code)).toContain(T.town2)
  })

  it('marks expanded-power pilot towns only from above and only for townships', async () => {
    const county = await h.token(T.county, 'center_admin')
    expect((await h.http.patch(`/api/units/${T.town}`).set(bearer(county)).send({ expandedPowerPilot: true })).body.expandedPowerPilot).toBe(true)
    expect((await h.http.patch(`/api/units/${T.village}`).set(bearer(county)).send({ expandedPowerPilot: true })).status).toBe(400)
    const town = await h.token(T.town, 'center_admin')
    expect((await h.http.patch(`/api/units/${T.town}`).set(bearer(town)).send({ expandedPowerPilot: false })).status).toBe(403)
  })

  it('imports a subtree idempotently and validates every row before writing', async () => {
    const county = await h.token(T.county2, 'center_admin')
    const units = [
      { code: '341503002000', name: '小华山街道' }, { code: '341503002001', name: '一村' }, { code: '341503002002', name: '二村' },
    ]
    const first = await h.http.post(`/api/units/${T.county2}/import`).set(bearer(county)).send({ units })
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0 })
    const again = await h.http.post(`/api/units/${T.county2}/import`).set(bearer(county)).send({ units })
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 3 })
    const renamed = await h.http.post(`/api/units/${T.county2}/import`).set(bearer(county))
      .send({ units: [...units.slice(0, 2), { code: '341503002002', name: '二村社区' }] })
    expect(renamed.body).toEqual({ created: 0, updated: 1, unchanged: 2 })
    const before = await snapshot(h.db)
    const bad = await h.http.post(`/api/units/${T.county2}/import`).set(bearer(county))
      .send({ units: [{ code: '341503003000', name: '新镇' }, { code: '341502005000', name: '越界' }, { code: '341503004001', name: '无上级' }] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['units[1].code', 'units[2].code'])
    expect(await snapshot(h.db)).toBe(before)
  })
})
