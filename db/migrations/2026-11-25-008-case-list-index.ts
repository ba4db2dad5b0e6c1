// Case lists are newest first over a whole subtree: an index in that order lets PostgreSQL
// walk it and stop at the page size instead of sorting every open case of a county
// (measured by `npm run bench`, scenario cases-open-list).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_received_idx on cases (received_at desc, id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cases_received_idx`.execute(db)
}
