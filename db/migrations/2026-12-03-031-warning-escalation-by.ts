// A red warning escalated by hand (升级督办): a supervisor of a unit above the handling unit
// raises it to the next unit up before the answer deadline. The sweep's automatic escalation
// leaves escalated_by null; by hand the record keeps who (the account, its name and unit, as
// written then: a township's staff cannot read an account at the city) and why.
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table case_warnings
      add column escalated_by uuid,
      add column escalated_by_name text,
      add column escalated_by_unit char(12),
      add column escalation_reason text;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table case_warnings drop column if exists escalated_by, drop column if exists escalated_by_name,
      drop column if exists escalated_by_unit, drop column if exists escalation_reason;
  `).execute(db)
}
