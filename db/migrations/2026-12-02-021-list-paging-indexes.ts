// Every list pages by keyset on its stated order (issue 14 §3): the account list is ordered by
// (unit code, username) over a unit or a subtree range; this index serves that order and the
// cursor's row comparison, so a page stops at its size instead of sorting the subtree's accounts.
// Complaints and evaluations are newest first: (date, created_at, id).
// (Children use units_parent_idx (parent_code, code); refusals their primary key, newest first.)
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index users_unit_username_idx on users (unit_code, username)`.execute(db)
  // Complaints and evaluations: newest first over a subtree (walked backwards, filtered by the range).
  await sql`create index complaints_received_idx on complaints (received_on, created_at, id)`.execute(db)
  await sql`create index evaluations_evaluated_idx on evaluations (evaluated_on, created_at, id)`.execute(db)
  // A unit's notifications, newest first by id.
  await sql`create index staff_notifications_unit_id_idx on staff_notifications (unit_code, id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index staff_notifications_unit_id_idx`.execute(db)
  await sql`drop index evaluations_evaluated_idx`.execute(db)
  await sql`drop index complaints_received_idx`.execute(db)
  await sql`drop index users_unit_username_idx`.execute(db)
}
