// Every migration's `down` runs once (down to the one known irreversible migration), then up again
// to the same tables.
import { Migrator } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../db/migrations/index.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import type { Database } from '../src/platform/db/database.js'
import { freshDatabase } from './helpers/db.js'

// Known to refuse its down (it rewrites values it cannot restore): listed here so a new one fails.
const IRREVERSIBLE = ['2026-11-25-010-audit-acting-for']

let db: Database
beforeAll(async () => { db = await freshDatabase({ max: 2 }) })
afterAll(() => db.close())

const tables = async () => (await db.query(`select tablename from pg_tables where schemaname = 'public'
  and tablename not like 'kysely_migration%' order by 1`)).map((r: any) => r.tablename)

describe('migrations', () => {
  it('every down undoes its up: down as far as it goes, then up again to the same tables', async () => {
    const before = await tables()
    expect(before.length).toBeGreaterThan(10)
    const downs = await db.owner(async (k) => {
      const m = new Migrator({ db: k, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations } })
      const ran: string[] = []
      for (;;) {
        const r = await m.migrateDown()
        if (r.error) {
          const failed = r.results?.find((x) => x.status === 'Error')?.migrationName
          if (failed && IRREVERSIBLE.includes(failed) && /irreversible/.test(String(r.error))) { ran.push(`${failed}:Irreversible`); break }
          throw r.error
        }
        if (!r.results?.length) break
        ran.push(...r.results.map((x) => `${x.migrationName}:${x.status}`))
      }
      return ran
    })
    const names = Object.keys(migrations).sort()
    const stop = names.indexOf(IRREVERSIBLE[0])
    // Every migration after the irreversible one went down, newest first.
    expect(downs).toEqual([...names.slice(stop + 1).reverse().map((n) => `${n}:Success`), `${IRREVERSIBLE[0]}:Irreversible`])
    await migrateToLatest(db)
    expect(await tables()).toEqual(before)
  }, 120_000)
})
