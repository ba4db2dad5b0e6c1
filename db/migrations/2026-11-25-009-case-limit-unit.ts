// A matter's limit may be set in natural days (自然日) by its own law; the case keeps the unit
// its limit was counted in, so the due date is computed the same way on every recompute.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cases add column limit_unit text not null default 'working' check (limit_unit in ('working', 'natural'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table cases drop column limit_unit`.execute(db)
}
