// Every migration's `down` runs (newest first, down to an empty schema), then up again to the same
// tables. Migration 010 (acting-for as text) goes back to its uuid column while the log holds only
// account ids, and refuses while it holds an organ name that no uuid can carry.
import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../db/migrations/index.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import type { Database } from '../src/platform/db/database.js'
import { freshDatabase } from './helpers/db.js'

let db: Database
beforeAll(async () => { db = await freshDatabase({ max: 2 }) })
afterAll(() => db.close())

const tables = async () => (await db.query(`select tablename from pg_tables where schemaname = 'public'
  and tablename not like 'kysely_migration%' order by 1`)).map((r: any) => r.tablename)
const migrator = (k: any) => new Migrator({ db: k, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations } })
const names = Object.keys(migrations).sort()
const AUDIT = '2026-11-25-010-audit-acting-for'

/** Migrate down one at a time until `until` went down (or everything did); the names that ran. */
const downTo = (until?: string) => db.owner(async (k) => {
  const m = migrator(k)
  const ran: string[] = []
  for (;;) {
    const r = await m.migrateDown()
    if (r.error) throw r.error
    if (!r.results?.length) break
    ran.push(...r.results.map((x) => `${x.migrationName}:${x.status}`))
    if (until && r.results.some((x) => x.migrationName === until)) break
  }
  return ran
})

describe('migrations', () => {
  it('refuses 010 down while the audit log acts for an organ name, keeping the row', async () => {
    const organ = '341502000000 金安区市场监督管理局'
    await db.owner((k) => sql`insert into audit_log (city_code, unit_code, acting_for, action, subject, at, prev_hash, hash)
      values ('341500000000', '341502000000', ${organ}, 'test.insert', 'test:1', now(), '', 'x')`.execute(k))
    await expect(downTo(AUDIT)).rejects.toThrow(/irreversible: 1 audit_log rows act for an organ name/)
    // What went down before 010 comes back up; the row is untouched.
    await migrateToLatest(db)
    expect((await db.query(`select acting_for from audit_log where subject = 'test:1'`))[0].acting_for).toBe(organ)
    await db.owner((k) => sql`delete from audit_log where subject = 'test:1'`.execute(k))
  }, 120_000)

  it('every down undoes its up: all the way down, then up again to the same tables', async () => {
    // An account id survives 010's down (back to the uuid column).
    const id = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890'
    await db.owner((k) => sql`insert into audit_log (city_code, unit_code, acting_for, action, subject, at, prev_hash, hash)
      values ('341500000000', '341502000000', ${id}, 'test.insert', 'test:2', now(), '', 'x')`.execute(k))
    const before = await tables()
    expect(before.length).toBeGreaterThan(10)
    expect(await downTo(AUDIT)).toEqual(names.slice(names.indexOf(AUDIT)).reverse().map((n) => `${n}:Success`))
    const col = await db.query(`select data_type from information_schema.columns where table_name = 'audit_log' and column_name = 'acting_for'`)
    expect(col[0].data_type).toBe('uuid')
    expect((await db.query(`select acting_for::text as a from audit_log where subject = 'test:2'`))[0].a).toBe(id)
    await db.owner((k) => sql`delete from audit_log where subject = 'test:2'`.execute(k))
    const rest = await downTo()
    // Every migration went down, newest first.
    expect(rest).toEqual(names.slice(0, names.indexOf(AUDIT)).reverse().map((n) => `${n}:Success`))
    expect(await tables()).toEqual([])
    await migrateToLatest(db)
    expect(await tables()).toEqual(before)
  }, 180_000)
})
