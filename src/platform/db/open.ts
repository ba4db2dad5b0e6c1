// Node only: open the configured database (PGlite under DATA_DIR unless DATABASE_URL).
import { mkdirSync } from 'node:fs'
import type { Config } from '../../config.js'
import type { Database } from './database.js'
import { createPGlite, pgliteDatabase } from './pglite.js'
import { createPostgresClient, postgresDatabase, readerPools } from './postgres.js'

export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, opts: { max?: number } = {}): Promise<Database> {
  if (config.DATABASE_URL) {
    // Plain reads go through a second pool that starts as gov_app, read only (postgres.ts, withScopeSql).
    return postgresDatabase(createPostgresClient(config.DATABASE_URL, opts), readerPools(config.DATABASE_URL, opts))
  }
  mkdirSync(config.DATA_DIR, { recursive: true })
  return pgliteDatabase(await createPGlite(config.DATA_DIR))
}
