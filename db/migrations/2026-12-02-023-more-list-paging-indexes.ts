// The remaining lists page by keyset on their stated order (issue 14 §3). Each index below serves
// one list's order and its cursor's row comparison, so a page stops at its size instead of sorting
// the subtree's rows.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Inspections and self-reports: newest first over a unit or a subtree (walked backwards, filtered by the range).
  await sql`create index standard_inspections_inspected_idx on standard_inspections (inspected_on, created_at, id)`.execute(db)
  // Rectification tasks: by deadline, then unit, then creation.
  await sql`create index standard_rectifications_due_idx on standard_rectifications (due_on, unit_code, created_at, id)`.execute(db)
  // Statistical reports: newest period first, then by unit code.
  await sql`create index statistical_reports_period_idx on statistical_reports (period desc, unit_code)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index statistical_reports_period_idx`.execute(db)
  await sql`drop index standard_rectifications_due_idx`.execute(db)
  await sql`drop index standard_inspections_inspected_idx`.execute(db)
}
