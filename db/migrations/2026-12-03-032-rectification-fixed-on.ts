// The day a station says its fix was done (整改完成日期), as reported with the fix: the task keeps
// the current report's, each report event its own (a returned task is reported again).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table standard_rectifications add column fixed_on date;
    alter table standard_rectification_events add column fixed_on date;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table standard_rectifications drop column if exists fixed_on;
    alter table standard_rectification_events drop column if exists fixed_on;
  `).execute(db)
}
