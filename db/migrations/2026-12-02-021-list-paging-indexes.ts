// Every list pages by keyset on its stated order (issue 14 §3): the account list is ordered by
// (unit code, username) over a unit or a subtree range; this index serves that order and the
// cursor's row comparison, so a page stops at its size instead of sorting the subtree's accounts.
// (Children use units_parent_idx (parent_code, code); refusals their primary key, newest first.)
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index users_unit_username_idx on users (unit_code, username)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index users_unit_username_idx`.execute(db)
}
