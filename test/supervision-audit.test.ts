// The tamper-evident audit log: every write lands in a hash chain per city that the app role
// cannot change; edits, insertions and deletions are detected by SQL, the API and the CLI.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachAudit } from '../db/migrations/2026-11-25-005-supervision.js'
import { verifyAudit } from '../src/modules/supervision/audit.js'
import { createPGlite, pgliteDatabase } from '../src/platform/db/pglite.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { scopeOf, SYSTEM_SCOPE } from '../src/platform/scope.js'
import { upsertUnits } from '../src/modules/units/queries.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => {
  h = await harness()
  const admin = await h.token(T.county, 'center_admin')
  for (const name of ['一', '二', '三']) {
    await h.http.patch(`/api/units/${T.town}`).set(bearer(admin)).send({ servicePointName: `中市街道便民服务中心${name}` }).expect(200)
  }
})
afterAll(() => h.close())

const CITY = T.city
const owner = <R>(q: string) => h.db.owner(async (k) => (await sql.raw<R>(q).execute(k)).rows)
const check = async () => (await verifyAudit(h.db, CITY))[0]
// Cut a row out of the log and put it back byte for byte (timestamps keep their microseconds).
const cut = (id: number) => owner(`create table audit_saved as select * from audit_log where id = ${id}; delete from audit_log where id = ${id}`)
const restore = () => owner(`insert into audit_log select * from audit_saved; drop table audit_saved`)

describe('audit log', () => {
  it('records every write with actor, action, subject and digests, chained per city', async () => {
    const admin = await h.userId(T.county, 'center_admin')
    const rows = await owner<any>(`select * from audit_log where subject = 'units:${T.town}' and action = 'units.update' order by id`)
    expect(rows.length).toBe(3)
    expect(rows[0]).toMatchObject({ city_code: CITY, unit_code: T.town, actor_id: admin, acting_for: null })
    expect(rows[0].before_digest).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0].after_digest).not.toBe(rows[0].before_digest)
    expect(rows[1].prev_hash).toBe(rows[0].hash)
    expect(await check()).toMatchObject({ cityCode: CITY, ok: true, broken: null })
  })

  it('the app role can neither insert, update, delete nor truncate the log', async () => {
    const scope = scopeOf(T.city)
    for (const stmt of [
      `update audit_log set action = 'x'`, `delete from audit_log`, `truncate audit_log`,
      `insert into audit_log (city_code, unit_code, action, subject, at, prev_hash, hash) values ('${CITY}', '${CITY}', 'x', 'x', now(), '', '')`,
      `update audit_heads set last_hash = ''`,
    ]) {
      await expect(h.db.scoped(scope, (db) => sql.raw(stmt).execute(db)), stmt).rejects.toThrow(/permission denied/)
    }
    expect((await check()).ok).toBe(true)
  })

  it('detects an edited row', async () => {
    const [row] = await owner<any>(`select id, action from audit_log where city_code = '${CITY}' order by id limit 1 offset 2`)
    await owner(`update audit_log set action = 'units.delete' where id = ${row.id}`)
    expect(await check()).toMatchObject({ ok: false, broken: { id: row.id, reason: 'edited' } })
    await owner(`update audit_log set action = '${row.action}' where id = ${row.id}`)
    expect((await check()).ok).toBe(true)
  })

  it('detects a deleted row and a forged row put in its place with a valid hash of its own', async () => {
    const rows = await owner<any>(`select * from audit_log where city_code = '${CITY}' order by id limit 3 offset 3`)
    const [prev, victim, next] = rows
    await cut(victim.id)
    expect(await check()).toMatchObject({ ok: false, broken: { id: next.id, reason: 'link' } })
    // A forged row that links to its predecessor and hashes correctly still breaks the next link.
    await owner(`insert into audit_log (id, city_code, unit_code, actor_id, action, subject, at, prev_hash, hash)
      values (${victim.id}, '${CITY}', '${victim.unit_code}', null, 'units.update', 'units:${victim.unit_code}', now(), '${prev.hash}',
              audit_hash('${prev.hash}', ${victim.id}, '${CITY}', '${victim.unit_code}', null, null, 'units.update', 'units:${victim.unit_code}', null, null, now()))`)
    const forged = await check()
    expect(forged).toMatchObject({ ok: false, broken: { id: next.id, reason: 'link' } })
    await owner(`delete from audit_log where id = ${victim.id}`)
    await restore()
    expect((await check()).ok).toBe(true)
  })

  it('detects rows removed from the end of the chain', async () => {
    const [last] = await owner<any>(`select * from audit_log where city_code = '${CITY}' order by id desc limit 1`)
    await cut(last.id)
    expect(await check()).toMatchObject({ ok: false, broken: { id: last.id, reason: 'tail' } })
    await restore()
    expect((await check()).ok).toBe(true)
  })

  it('keeps one unbroken chain under concurrent writes in the same city', async () => {
    const admin = await h.token(T.county, 'center_admin')
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      h.http.patch(`/api/units/${[T.town, T.town2, T.village, T.village2][i % 4]}`).set(bearer(admin)).send({ servicePointName: `并发${i}` })))
    expect(res.map((r) => r.status)).toEqual(Array(12).fill(200))
    expect(await check()).toMatchObject({ ok: true })
  })

  it('attachAudit() puts a later table under the log', async () => {
    await h.db.owner(async (k) => {
      await sql.raw(`create table audit_probe (unit_code char(12) not null, n int not null, primary key (unit_code, n))`).execute(k)
      await attachAudit(k, 'audit_probe')
      await sql.raw(`insert into audit_probe values ('${T.village}', 7); delete from audit_probe`).execute(k)
    })
    const rows = await owner<any>(`select action, subject, before_digest is null as fresh from audit_log where subject like 'audit_probe:%' order by id`)
    expect(rows).toEqual([{ action: 'audit_probe.insert', subject: `audit_probe:${T.village},7`, fresh: true },
      { action: 'audit_probe.delete', subject: `audit_probe:${T.village},7`, fresh: false }])
    expect((await check()).ok).toBe(true)
  })

  it('GET …/audit/verify: the city sees where it breaks; a county sees yes/no and its own count, details only in its subtree', async () => {
    const city = await h.token(T.city, 'supervisor')
    const county = await h.token(T.county, 'supervisor')
    const ok = await h.http.get(`/api/units/${T.city}/audit/verify`).set(bearer(city))
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ ok: true, cityCode: CITY, broken: null })
    expect(ok.body.chainLength).toBeGreaterThan(10)
    const mine = await h.http.get(`/api/units/${T.county}/audit/verify`).set(bearer(county))
    expect(mine.body).toMatchObject({ ok: true, chainLength: null })
    const [{ n }] = await owner<any>(`select count(*)::int as n from audit_log where unit_code like '341502%'`)
    expect(mine.body.entriesInSubtree).toBe(n)

    // Tamper with an entry of the other county (裕安区).
    await h.db.scoped(SYSTEM_SCOPE, (db) => upsertUnits(db, [{ code: T.townB, name: '西市街道（改）' }]))
    const [row] = await owner<any>(`select id from audit_log where unit_code = '${T.townB}' order by id desc limit 1`)
    await owner(`update audit_log set after_digest = 'x' where id = ${row.id}`)
    const other = await h.http.get(`/api/units/${T.county}/audit/verify`).set(bearer(county))
    expect(other.body).toMatchObject({ ok: false, broken: { id: null, unitCode: null, reason: 'edited' } })
    const all = await h.http.get(`/api/units/${T.city}/audit/verify`).set(bearer(city))
    expect(all.body).toMatchObject({ ok: false, broken: { id: row.id, unitCode: T.townB, reason: 'edited' } })
    // Window clerks do not verify (403); a sibling county does not see 金安区 (404).
    expect((await h.http.get(`/api/units/${T.county}/audit/verify`).set(bearer(await h.token(T.county, 'window_clerk')))).status).toBe(403)
    expect((await h.http.get(`/api/units/${T.county}/audit/verify`).set(bearer(await h.token(T.county2, 'supervisor')))).status).toBe(404)
  })
})

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 on a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'))
    try {
      const db = pgliteDatabase(await createPGlite(dir))
      await migrateToLatest(db)
      await db.scoped(SYSTEM_SCOPE, (tx) => upsertUnits(tx, [{ code: T.city, name: '六安市' }, { code: T.county, name: '金安区' }]))
      await db.close()
      const run = () => promisify(execFile)('npx', ['tsx', 'src/cli/audit-verify.ts'], {
        cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
      }).then((r) => ({ code: 0, out: r.stdout }), (e) => ({ code: e.code as number, out: String(e.stdout) }))
      const good = await run()
      expect(good).toMatchObject({ code: 0 })
      expect(good.out).toMatch(/341500000000：2 条记录，哈希链完整/)
      const db2 = pgliteDatabase(await createPGlite(dir))
      await db2.owner((k) => sql.raw(`update audit_log set unit_code = '${T.county}' where id = 1`).execute(k))
      await db2.close()
      const bad = await run()
      expect(bad.code).toBe(1)
      expect(bad.out).toMatch(/第 1 条起断裂/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000) // two CLI processes (node + tsx start each time)
})
