import { Migrator, type MigrationResultSet } from 'kysely'
import { migrations } from '../../../db/migrations/index.js'
import type { Database } from './database.js'
import { syncWorkDays } from '../work-days.js'

export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  return db.owner(async (k) => {
    // Unordered: migrations written on parallel branches land in any order on an existing database.
    const migrator = new Migrator({ db: k, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations } })
    const res = await migrator.migrateToLatest()
    if (res.error) throw res.error
    // The working-day table is filled by the app (the calendar data is the app's, not a migration's).
    await syncWorkDays(k)
    return res
  })
}
