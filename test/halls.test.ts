// Halls and branch halls (分中心): one main hall, branches with address/hours/phone, every window
// in one hall (existing windows to the main hall), figures rolled up hall → unit → subtree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator, sql } from 'kysely'
import { migrations } from '../db/migrations/index.js'
import { createPGlite, pgliteDatabase } from '../src/platform/db/pglite.js'
import { scopeOf } from '../src/platform/scope.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
let admin: string, county: string
beforeAll(async () => {
  h = await harness()
  admin = await h.token(T.town, 'center_admin')
  county = await h.token(T.county, 'center_admin')
})
afterAll(() => h.close())

describe('halls', () => {
  it('a window created without a hall goes to the unit main hall (made on first need)', async () => {
    const w = await h.http.post(`/api/units/${T.town}/windows`).set(bearer(admin)).send({ number: '1', name: '综合窗口', departments: [] }).expect(201)
    const list = await h.http.get(`/api/units/${T.town}/halls`).set(bearer(admin)).expect(200)
    expect(list.body.items).toEqual([expect.objectContaining({ kind: 'main', name: '政务服务大厅', windows: 1 })])
    expect(list.body.next).toBeNull()
    const [row] = await h.db.query<{ hall_id: string }>('select hall_id from windows where id = $1', [w.body.id])
    expect(row.hall_id).toBe(list.body.items[0].id)
  })

  it('one main hall per unit; branches with address, hours and phone; a window moves between halls of its unit', async () => {
    const dup = await h.http.post(`/api/units/${T.town}/halls`).set(bearer(admin)).send({ kind: 'main', name: '第二主厅' })
    expect(dup.status).toBe(409)
    expect(dup.headers['content-type']).toMatch(/problem\+json/)
    const b = await h.http.post(`/api/units/${T.town}/halls`).set(bearer(admin))
      .send({ kind: 'branch', name: '税务分中心', address: '中市街道皋城路 1 号', hours: '工作日 9:00–17:00', phone: '0564-3333333' }).expect(201)
    expect(b.body).toMatchObject({ kind: 'branch', address: '中市街道皋城路 1 号', windows: 0 })
    const [win] = (await h.http.get(`/api/units/${T.town}/windows`).set(bearer(admin))).body.items
    const moved = await h.http.put(`/api/units/${T.town}/windows/${win.id}/hall`).set(bearer(admin)).send({ hallId: b.body.id }).expect(200)
    expect(moved.body.hallId).toBe(b.body.id)
    // Another unit's hall is not this window's.
    const other = await h.http.post(`/api/units/${T.town2}/halls`).set(bearer(county)).send({ kind: 'main', name: '东市大厅' }).expect(201)
    const bad = await h.http.put(`/api/units/${T.town}/windows/${win.id}/hall`).set(bearer(admin)).send({ hallId: other.body.id })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('hallId')
    // The public sees the branch with its details.
    const pub = await h.http.get(`/api/public/units/${T.town}/halls`).expect(200)
    expect(pub.body.items.map((x: any) => x.name)).toEqual(['政务服务大厅', '税务分中心'])
    expect(pub.body.items[1]).not.toHaveProperty('active')
  })

  it('bad input is a Chinese problem+json 400', async () => {
    const res = await h.http.post(`/api/units/${T.town}/halls`).set(bearer(admin)).send({ kind: 'hall', name: '' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['kind', 'name'])
    expect(res.body.errors.find((e: any) => e.field === 'name').message).toBe('请填写大厅名称')
  })

  it('a clerk cannot set halls (403), a sibling county cannot see them (404)', async () => {
    const clerk = await h.token(T.town, 'window_clerk')
    expect((await h.http.post(`/api/units/${T.town}/halls`).set(bearer(clerk)).send({ kind: 'branch', name: '人社分中心' })).status).toBe(403)
    const sibling = await h.token(T.county2, 'center_admin')
    expect((await h.http.get(`/api/units/${T.town}/halls`).set(bearer(sibling))).status).toBe(404)
  })

  it('settings: defaults, partial update, range checks', async () => {
    expect((await h.http.get(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).expect(200)).body)
      .toEqual({ maxCalls: 3, noShowLimit: 3, noShowWindowDays: 30, noShowBlockDays: 30, bookAheadDays: 7, replyDaysWindow: 2, replyDaysDepartment: 3 })
    const put = await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ maxCalls: 2 }).expect(200)
    expect(put.body).toMatchObject({ maxCalls: 2, noShowLimit: 3 })
    expect((await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ maxCalls: 0 })).status).toBe(400)
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ maxCalls: 3 }).expect(200)
  })

  it('figures roll up hall → unit → subtree (tickets, waits, evaluations)', async () => {
    const halls = (await h.http.get(`/api/units/${T.town}/halls`).set(bearer(admin))).body.items
    const main = halls.find((x: any) => x.kind === 'main'), branch = halls.find((x: any) => x.kind === 'branch')
    const town2Hall = (await h.http.get(`/api/units/${T.town2}/halls`).set(bearer(county))).body.items[0]
    // Tickets straight in SQL: 2 in the main hall (waits 60 s, 120 s), 1 in the branch, 1 at the other township.
    for (const [unit, hall, wait] of [[T.town, main.id, 60], [T.town, main.id, 120], [T.town, branch.id, 300], [T.town2, town2Hall.id, 30]] as const) {
      await h.db.query(`insert into service_groups (unit_code, hall_id, prefix, name) values ($1, $2, 'Z', '综合') on conflict do nothing`, [unit, hall])
      await h.db.query(`insert into queue_tickets (unit_code, hall_id, group_id, day, number, channel, status, taken_at, called_at)
        select $1, $2, g.id, '2026-11-24', 'Z' || (random() * 100000)::int, 'kiosk', 'called', '2026-11-24T02:00:00Z', '2026-11-24T02:00:00Z'::timestamptz + make_interval(secs => $3)
          from service_groups g where g.hall_id = $2 and g.prefix = 'Z'`, [unit, hall, wait])
    }
    const f = (await h.http.get(`/api/units/${T.county}/halls/figures?from=2026-11-24&to=2026-11-24`).set(bearer(county)).expect(200)).body
    expect(f.total).toMatchObject({ tickets: 4, avgWaitSeconds: Math.round((60 + 120 + 300 + 30) / 4) })
    expect(f.units).toEqual(expect.arrayContaining([expect.objectContaining({ unitCode: T.town, tickets: 3, avgWaitSeconds: 160 }), expect.objectContaining({ unitCode: T.town2, tickets: 1 })]))
    expect(f.halls.find((x: any) => x.hallId === main.id)).toMatchObject({ tickets: 2, avgWaitSeconds: 90 })
    // The township sees only its own subtree.
    const own = (await h.http.get(`/api/units/${T.town}/halls/figures?from=2026-11-24&to=2026-11-24`).set(bearer(admin)).expect(200)).body
    expect(own.total.tickets).toBe(3)
  })

  it('RLS: the hall-service tables are forced, their policies cast the setting, a sibling scope sees no row', async () => {
    const tables = ['halls', 'hall_settings', 'hall_counters', 'service_groups', 'window_groups', 'queue_tickets', 'queue_calls',
      'appointment_slots', 'appointments', 'consultations', 'publicity_lists', 'publicity_rows', 'publicity_objections']
    const rows = await h.db.query<any>(`select c.relname, c.relrowsecurity, c.relforcerowsecurity, p.qual, p.with_check
      from pg_class c join pg_policies p on p.tablename = c.relname where c.relname = any($1)`, [tables])
    expect(new Set(rows.map((r: any) => r.relname))).toEqual(new Set(tables))
    for (const r of rows) {
      expect(r).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true })
      expect(r.qual).toMatch(/::bpchar/)
      expect(r.qual).not.toMatch(/unit_code\)?::/)
      expect(r.with_check).toBe(r.qual)
    }
    const seen = await h.db.scoped(scopeOf(T.townB), async (db) => {
      const out: Record<string, number> = {}
      for (const t of tables) out[t] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0].n)
      return out
    })
    expect(Object.values(seen).every((n) => n === 0)).toBe(true)
    const own = await h.db.scoped(scopeOf(T.town), (db) => sql<{ n: number }>`select count(*)::int as n from halls`.execute(db))
    expect(own.rows[0].n).toBeGreaterThan(0)
  })
})

describe('migration 016', () => {
  it('puts the windows that exist into a main hall it makes per unit, and goes down cleanly', async () => {
    const db = pgliteDatabase(await createPGlite())
    try {
      await db.owner(async (k) => {
        const migrator = new Migrator({ db: k, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations } })
        const to = await migrator.migrateTo('2026-12-01-012-auth-notify')
        if (to.error) throw to.error
        await sql`insert into units (code, parent_code, level, name, service_point_name) values
          ('341500000000', null, 'city', '六安市', '六安市政务服务中心'), ('341502000000', '341500000000', 'county', '金安区', '金安区政务服务中心')`.execute(k)
        await sql`insert into windows (unit_code, number, name) values ('341502000000', '1', '综合窗口'), ('341502000000', '2', '税务窗口')`.execute(k)
        const up = await migrator.migrateTo('2026-12-02-016-hall-services')
        if (up.error) throw up.error
        const halls = (await sql<any>`select id, unit_code, kind from halls`.execute(k)).rows
        expect(halls).toEqual([expect.objectContaining({ unit_code: '341502000000', kind: 'main' })])
        const wins = (await sql<any>`select hall_id from windows`.execute(k)).rows
        expect(wins.map((w: any) => w.hall_id)).toEqual([halls[0].id, halls[0].id])
        const down = await migrator.migrateDown()
        if (down.error) throw down.error
        const cols = (await sql<any>`select column_name from information_schema.columns where table_name = 'windows'`.execute(k)).rows.map((r: any) => r.column_name)
        expect(cols).not.toContain('hall_id')
        expect((await sql<any>`select to_regclass('halls') as t`.execute(k)).rows[0].t).toBeNull()
      })
    } finally { await db.close() }
  })
})
