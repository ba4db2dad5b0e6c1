// Which statements are prepared (planned once, then generically) and which are planned for their
// own values each time (database.ts, customPlan). Observed on one PostgreSQL connection through
// pg_prepared_statements; PGlite sends every statement unnamed, so it has nothing to observe.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customPlan } from '../src/platform/db/database.js'
import { scopeOf } from '../src/platform/scope.js'
import { harness, type Harness, T } from './helpers/app.js'
import { onPostgres, readers } from './helpers/db.js'

let h: Harness
beforeAll(async () => { h = await harness({ connections: 1 }) })
afterAll(() => h.close())

describe('query plans', () => {
  it('a request transaction leaves plan_cache_mode at auto (re-planning every statement costs the server ~2.7× on short requests)', async () => {
    const [row] = await h.db.scoped(scopeOf(T.town), async (db) => (await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(db)).rows)
    expect(row.mode).toBe('auto')
  })

  it.skipIf(!onPostgres())('a read statement marked customPlan runs with force_custom_plan in its own transaction only; the next statement is back at auto', async () => {
    // Serial too: a request's statement does not start parallel workers (under concurrent requests the
    // workers' start and the gather cost more than they save; the figures went from 0.66 to 0.71 of the owner's SQL).
    const q = (extra = sql``) => sql<{ mode: string; par: string }>`select current_setting('plan_cache_mode') as mode, current_setting('max_parallel_workers_per_gather') as par ${extra}`
    const [before] = await h.db.query(`select current_setting('max_parallel_workers_per_gather') as par`)
    expect(before.par).not.toBe('0')
    const modes = await h.db.scoped(scopeOf(T.town), async (db) => {
      const marked = (await q(customPlan).execute(db)).rows[0]!
      const plain = (await q().execute(db)).rows[0]!
      return [marked, plain]
    }, { readOnly: true })
    expect(modes).toEqual([{ mode: 'force_custom_plan', par: '0' }, { mode: 'auto', par: before.par }])
    const [after] = await h.db.query(`select current_setting('plan_cache_mode') as mode, current_setting('max_parallel_workers_per_gather') as par`)
    expect(after).toEqual({ mode: 'auto', par: before.par })
  })

  it('a marked read fails closed: the subtree only, no scope sees nothing, a write is refused, nothing is left on the connection', async () => {
    const rows = await h.db.scoped(scopeOf(T.village), async (db) =>
      (await sql<{ code: string }>`select code from units order by code ${customPlan}`.execute(db)).rows.map((r) => r.code), { readOnly: true })
    expect(rows).toEqual([T.city, T.county, T.town, T.village])
    await expect(h.db.scoped(scopeOf(T.village), (db) =>
      sql`update units set name = '只读时改名' where code = ${T.village} ${customPlan}`.execute(db), { readOnly: true })).rejects.toThrow(/read-only/)
    const none = await h.db.owner(async (db) => {
      await sql`begin`.execute(db)
      try {
        await sql.raw(`set local role gov_app; set local plan_cache_mode = force_custom_plan`).execute(db)
        return (await sql<{ n: number }>`select count(*)::int as n from units ${customPlan}`.execute(db)).rows[0]!.n
      } finally {
        await sql`rollback`.execute(db)
      }
    })
    expect(none).toBe(0)
    const [after] = await h.db.query(`select current_user as role, coalesce(current_setting('app.scope_lo', true), '') as lo,
      current_setting('plan_cache_mode') as mode, current_setting('transaction_read_only') as ro`)
    expect(after).toMatchObject({ lo: '', mode: 'auto', ro: 'off' })
    expect(after.role).not.toBe('gov_app')
    const [n] = await h.db.query(`select count(*)::int as n from units where name = '只读时改名'`)
    expect(n.n).toBe(0)
  })

  it.skipIf(!onPostgres())('subtree-range lists over cases, their roll-up and inspections are planned for their values on every run (prepared, never generic); short lookups are planned once', async () => {
    const token = await h.token(T.county, 'supervisor')
    const paths = [`/api/cases?unit=${T.county}&status=accepted`, `/api/units/${T.county}/supervision/warnings`,
      `/api/units/${T.county}/supervision/anomalies`, `/api/units/${T.county}/supervision/case-figures?by=child`,
      `/api/units/${T.county}/standards/summary`, `/api/units/${T.county}/stations`, `/api/units/${T.county}/children`]
    // Seven runs each: past the five after which PostgreSQL may switch a prepared statement to its generic plan.
    for (let i = 0; i < 7; i++) {
      for (const p of paths) expect((await h.http.get(p).set('authorization', `Bearer ${token}`)).status).toBe(200)
    }
    const prepared = await h.db.query<{ statement: string; runs: number; generic: number }>(
      `select statement, (generic_plans + custom_plans)::int as runs, generic_plans::int as generic from pg_prepared_statements`)
    const ranged = prepared.filter((p) => /\b(cases|case_daily_stats|case_parts|standard_inspections)\b/.test(p.statement) && /between|>=/.test(p.statement))
    // Kept prepared (no describe round trip), but every run has its own plan: none is generic.
    expect(ranged.length).toBeGreaterThanOrEqual(5)
    expect(ranged.filter((p) => p.generic > 0).map((p) => p.statement)).toEqual([])
    expect(ranged.every((p) => p.runs >= 7)).toBe(true)
    // The children list is prepared once and reused (that is what saves the planning), on the reader
    // pool as one statement that sets its own scope (test/read-pool.test.ts).
    const onReader = await readers.get(h.db)!.reader!<{ statement: string; runs: number }[]>`
      select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements`
    const children = onReader.filter((p) => p.statement.includes('(select *, (code)::text as "_k0" from "units" where "parent_code" = $1'))
    expect(children.length).toBe(1)
    expect(children[0]!.runs).toBeGreaterThanOrEqual(7)
  })
})
