// A fresh database per test file: PGlite in memory by default, or a clone of the migrated
// template on the PostgreSQL named by TEST_DATABASE_URL.
import { inject } from 'vitest'
import postgres from 'postgres'
import type { Database } from '../../src/platform/db/database.js'
import { migrateToLatest } from '../../src/platform/db/migrate.js'
import { createPGlite, pgliteDatabase } from '../../src/platform/db/pglite.js'
import { createPostgresClient, postgresDatabase, readerPools, type Sql } from '../../src/platform/db/postgres.js'

export const onPostgres = () => !!process.env.TEST_DATABASE_URL

/** The reader pool of a PostgreSQL test database (plans and prepared statements of plain reads live there). */
export const readers = new WeakMap<Database, { reader?: Sql }>()

/** `max`: connections of the PostgreSQL client (PGlite is always one). */
export async function freshDatabase({ max = 8 } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const db = pgliteDatabase(await createPGlite())
    await migrateToLatest(db)
    return db
  }
  const name = `${inject('pgRun')}_${Math.random().toString(36).slice(2, 10)}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`)
  await admin.end()
  const u = new URL(url); u.pathname = `/${name}`
  // Plain reads go through a reader pool, as in production (src/platform/db/open.ts).
  const pools = readerPools(u.toString(), { max: Math.min(max, 3) })
  const db = postgresDatabase(createPostgresClient(u.toString(), { max }), pools)
  readers.set(db, pools)
  return db
}
