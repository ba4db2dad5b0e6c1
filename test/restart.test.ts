// A restart changes nothing: the demo tenant goes into an empty database once (recorded with a
// fingerprint); afterwards the start-up path writes nothing, whatever administrators changed
// through the API, and `tenant:apply` lists what it would overwrite and writes nothing unless
// forced. For speed the pack is cut to 金安区 with the villages of two townships.
import { getRequestListener } from '@hono/node-server'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { fixedClock } from '../src/platform/clock.js'
import type { Database } from '../src/platform/db/database.js'
import { createLogger } from '../src/platform/logger.js'
import { memoryStorage } from '../src/platform/storage.js'
import { applyTenantPack, seedDemoOnce } from '../src/seed/apply-tenant.js'
import { LUAN_DIR } from '../src/seed/demo.js'
import { bearer, snapshot } from './helpers/app.js'
import { freshDatabase } from './helpers/db.js'
import { sampleMatter } from './helpers/matters.js'

const CITY = '341500000000', COUNTY = '341502000000', TOWN = '341502001000', PILOT = '341502104000'
const PASSWORD = 'demo-password-1'
const clock = fixedClock('2026-11-24T02:00:00Z')
let db: Database, dir: string, http: ReturnType<typeof request>

function subsetPack(): string {
  const d = mkdtempSync(join(tmpdir(), 'restart-'))
  cpSync(LUAN_DIR, d, { recursive: true })
  const units = JSON.parse(readFileSync(join(LUAN_DIR, 'units.json'), 'utf8'))
  units.units = units.units.filter((u: any) => u.level === 'city' || (u.code.startsWith('341502') &&
    (u.level !== 'village' || u.code.startsWith(TOWN.slice(0, 9)) || u.code.startsWith(PILOT.slice(0, 9)))))
  writeFileSync(join(d, 'units.json'), JSON.stringify(units))
  return d
}
const token = async (username: string) => {
  const r = await http.post('/api/auth/login').send({ username, password: PASSWORD })
  if (r.status !== 200) throw new Error(`${username}: ${JSON.stringify(r.body)}`)
  return r.body.token as string
}
const ok = (r: request.Response, status = 200) => { expect(r.status, JSON.stringify(r.body)).toBe(status); return r.body }

beforeAll(async () => {
  db = await freshDatabase()
  dir = subsetPack()
  const first = await seedDemoOnce(db, PASSWORD, clock.now(), dir)
  expect(first.loaded).toBe(true)
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), clock, log: createLogger('silent'), db: () => db, storage: memoryStorage() })
  http = request(getRequestListener(app.fetch))
}, 360_000) // a seed of the pack subset: ~30 s on a quiet machine, 130 s seen on a loaded 2-core one
afterAll(async () => { rmSync(dir, { recursive: true, force: true }); await db.close() })

describe('restart', () => {
  it('a second start on the loaded database writes nothing', async () => {
    const before = await snapshot(db)
    expect(await seedDemoOnce(db, PASSWORD, clock.now(), dir)).toMatchObject({ loaded: false, reason: 'applied' })
    expect(await snapshot(db)).toBe(before)
    // tenant:apply with nothing changed since: no differences, and it applies (a no-op) and records.
    const r = await applyTenantPack(db, dir, clock.now())
    expect(r).toMatchObject({ applied: true, differences: [] })
    expect(r.summary).toMatchObject({ published: [], grants: 0, windows: 0, hall: 0 })
  })

  it('keeps catalog, standards, windows and their rights, grants and accounts changed through the API', async () => {
    const county = await token(`${COUNTY}-center_admin`)
    const city = await token(`${CITY}-center_admin`)
    // Catalog: a county-local matter added, one removed, and the list published.
    ok(await http.post(`/api/units/${COUNTY}/matters`).set(bearer(county)).send({ matterCode: '341502-LOCAL-0001', ...sampleMatter({ name: '本地新增事项' }) }), 201)
    ok(await http.delete(`/api/units/${COUNTY}/matters/341502-RS-GG-0002`).set(bearer(county)), 204)
    ok(await http.post(`/api/units/${COUNTY}/catalog/publish`).set(bearer(county)).send({ note: '区里调整' }), 201)
    // The city's village standards: a higher target, published.
    const tpl = ok(await http.get(`/api/units/${CITY}/standards/templates/village`).set(bearer(city)))
    const body = tpl.draft ?? tpl.effective
    ok(await http.put(`/api/units/${CITY}/standards/templates/village`).set(bearer(city))
      .send({ items: body.items, grading: body.grading, targets: { ...body.targets, builtRate: 95 } }))
    ok(await http.post(`/api/units/${CITY}/standards/templates/village/publish`).set(bearer(city)).send({ note: '提高目标' }), 201)
    // A township window's rights, and a new window.
    // (Ids from the database: the lists' shapes are not what this test is about.)
    const [w1] = await db.query(`select id from windows where unit_code = $1 and number = '1'`, [TOWN])
    ok(await http.put(`/api/units/${TOWN}/windows/${w1.id}/rights`).set(bearer(county)).send({ rights: [] }))
    ok(await http.post(`/api/units/${TOWN}/windows`).set(bearer(county)).send({ number: '99', name: '新设窗口', departments: [] }), 201)
    // A delegation revoked.
    const [g] = await db.query(`select id, matter_code as "matterCode", kind, valid_from::text as "validFrom" from grants
      where unit_code = $1 and grantee_code = $2 and revoked_at is null order by matter_code limit 1`, [COUNTY, TOWN])
    ok(await http.post(`/api/grants/${g.id}/revoke`).set(bearer(county)).send({ reason: '收回' }))
    // Accounts: one renamed, one deactivated.
    const list = await db.query(`select id from users where unit_code = $1 order by username`, [TOWN])
    ok(await http.patch(`/api/users/${list[0].id}`).set(bearer(county)).send({ displayName: '改过的名字' }))
    ok(await http.patch(`/api/users/${list[1].id}`).set(bearer(county)).send({ active: false }))

    // "Restart": the start-up path again, on the same database.
    const before = await snapshot(db)
    expect(await seedDemoOnce(db, PASSWORD, clock.now(), dir)).toMatchObject({ loaded: false })
    expect(await snapshot(db)).toBe(before)

    // tenant:apply lists what it would overwrite and changes nothing …
    const plan = await applyTenantPack(db, dir, clock.now())
    expect(plan.applied).toBe(false)
    const keys = plan.differences.map((d) => d.key)
    expect(keys).toEqual(expect.arrayContaining([
      `matter:${COUNTY}:341502-LOCAL-0001`, `matter:${COUNTY}:341502-RS-GG-0002`, `standards:${CITY}:village`,
      `window:${TOWN}:1`, `grant:${COUNTY}:${g.matterCode}:${g.kind}:${g.validFrom}:${TOWN}`,
    ]))
    expect(keys).not.toContain(`window:${TOWN}:99`) // not the pack's
    expect(plan.differences.find((d) => d.key === `matter:${COUNTY}:341502-LOCAL-0001`)?.change).toMatch(/已通过接口新增，导入会删除/)
    expect(await snapshot(db)).toBe(before)
    // … unless forced: the pack wins and the apply is recorded, so the next plan is clean.
    const forced = await applyTenantPack(db, dir, clock.now(), { force: true })
    expect(forced.applied).toBe(true)
    const [{ n }] = await db.query(`select count(*)::int as n from catalog_items where unit_code = $1 and matter_code = '341502-LOCAL-0001'`, [COUNTY])
    expect(n).toBe(0)
    expect((await applyTenantPack(db, dir, clock.now())).differences).toEqual([])
  })
})
