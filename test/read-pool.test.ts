// The reader pool (issue 19): plain reads of a GET go out as one prepared statement that sets the
// scope itself (withScopeSql) on connections that start as gov_app, read only. It must fail
// closed: no scope → nothing; after the statement the connection holds no scope; a write is refused.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresClient, postgresDatabase, type Sql, withScopeSql } from '../src/platform/db/postgres.js'
import { customPlan, type Database } from '../src/platform/db/database.js'
import { scopeOf } from '../src/platform/scope.js'
import { harness, type Harness, T } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

describe('withScopeSql', () => {
  it('appends the four settings after the statement\'s own parameters and makes the statement depend on them', () => {
    const text = withScopeSql('select code from units where parent_code = $1 order by code', 1)
    expect(text).toContain("set_config('app.scope_lo', $2, true)")
    expect(text).toContain("set_config('app.user_id', $5, true)")
    expect(text).toMatch(/cross join lateral \(select \* from \(select code from units where parent_code = \$1 order by code\) i offset length\(s\.lo/)
  })
})

describe.skipIf(!onPostgres())('the reader pool (PostgreSQL)', () => {
  let h: Harness, reader: Sql, db: Database
  beforeAll(async () => {
    h = await harness()
    const [{ db: name }] = await h.db.query<{ db: string }>('select current_database() as db')
    const url = new URL(process.env.TEST_DATABASE_URL!); url.pathname = `/${name}`
    // One reader connection, so every check below runs on the connection the scoped read used.
    reader = createPostgresClient(url.toString(), { max: 1, reader: true })
    db = postgresDatabase(createPostgresClient(url.toString(), { max: 2 }), { reader })
  })
  afterAll(async () => { await db.close(); await h.close() })

  const children = (code: string) => (tx: any) =>
    sql<{ code: string }>`select code from units where parent_code = ${code} order by code`.execute(tx).then((r: any) => r.rows.map((x: any) => x.code))

  it('starts every connection as gov_app, read only, and without a scope sees no row', async () => {
    const [who] = await reader`select current_user as u, current_setting('transaction_read_only') as ro`
    expect(who).toEqual({ u: 'gov_app', ro: 'on' })
    const [{ n }] = await reader`select count(*)::int as n from units`
    expect(n).toBe(0)
  })

  it('answers a scoped read in one statement, within the scope only, and leaves no scope behind', async () => {
    expect(await db.scoped(scopeOf(T.county), children(T.county), { readOnly: true })).toEqual([T.town, T.town2])
    // It went through the reader: its prepared statement is there.
    const after = await reader`select count(*)::int as n from pg_prepared_statements where statement like '%set_config(''app.scope_lo''%'`
    expect(after[0]!.n).toBeGreaterThan(0)
    // Out of scope: a township cannot read its neighbour's children.
    expect(await db.scoped(scopeOf(T.town2), children(T.town), { readOnly: true })).toEqual([])
    const [left] = await reader`select current_setting('app.scope_lo', true) as lo, current_setting('app.scope_hi', true) as hi,
      current_setting('app.ancestors', true) as an, current_setting('app.user_id', true) as uid`
    expect(left).toEqual({ lo: '', hi: '', an: '', uid: '' })
    const [{ n }] = await reader`select count(*)::int as n from units`
    expect(n).toBe(0)
  })

  it('refuses a write in a read path, on the reader and through a read-only scope', async () => {
    await expect(reader`update units set name = name`).rejects.toThrow(/read-only/)
    await expect(db.scoped(scopeOf(T.county), (tx) => tx.updateTable('units').set({ name: '改名' }).where('code', '=', T.town).execute(), { readOnly: true }))
      .rejects.toThrow(/read-only/)
    const [{ name }] = await h.db.query<{ name: string }>('select name from units where code = $1', [T.town])
    expect(name).toBe('中市街道')
  })

  it('a read marked customPlan keeps its transaction (planned with the scope already set), not the reader', async () => {
    const marked = (code: string) => (tx: any) =>
      sql<{ code: string }>`select code from units where code between ${code} and ${code.slice(0, 6) + '999999'} order by code ${customPlan}`
        .execute(tx).then((r: any) => r.rows.map((x: any) => x.code))
    // Its own subtree and its ancestors (the units policy).
    expect(await db.scoped(scopeOf(T.town), marked(T.county), { readOnly: true })).toEqual([T.county, T.town, T.village, T.village2])
    const [p] = await reader`select count(*)::int as n from pg_prepared_statements where statement like '%plan: custom%' and statement not like '%pg_prepared%'`
    expect(p!.n).toBe(0)
  })

  it('a scope setting that fails makes the statement fail, not read unscoped', async () => {
    await expect(reader.unsafe(withScopeSql('select code from units', 0), ['x', 'y'] as any[])).rejects.toThrow()
  })
})
