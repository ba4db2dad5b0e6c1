// Keysets of the lists converted last (issue 14 §3) and one that did not match its list:
// - the rectification tasks page by (due_on, unit_code, id), but 023's index put created_at before
//   id, so past (due_on, unit_code) the index order was not the list's and a page had to sort;
//   023 is applied and stays as it is: its index is replaced here;
// - a unit's grants page by (created_at, id), given (unit_code) or received (grantee_code): one
//   index each (the given one also serves what grants_grantor_idx (unit_code) did).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index standard_rectifications_due_unit_id_idx on standard_rectifications (due_on, unit_code, id)`.execute(db)
  await sql`drop index standard_rectifications_due_idx`.execute(db)
  await sql`create index grants_given_idx on grants (unit_code, created_at, id)`.execute(db)
  await sql`create index grants_received_idx on grants (grantee_code, created_at, id)`.execute(db)
  await sql`drop index grants_grantor_idx`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index grants_grantor_idx on grants (unit_code)`.execute(db)
  await sql`drop index grants_received_idx`.execute(db)
  await sql`drop index grants_given_idx`.execute(db)
  await sql`create index standard_rectifications_due_idx on standard_rectifications (due_on, unit_code, created_at, id)`.execute(db)
  await sql`drop index standard_rectifications_due_unit_id_idx`.execute(db)
}
