// compiledOnce (src/platform/db/compiled-once.ts): a query built and compiled once per shape, run with new arguments.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { compiledOnce } from '../src/platform/db/compiled-once.js'

const db = new Kysely<any>({ dialect: {
  createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(),
  createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler(),
} })

describe('compiledOnce', () => {
  it('builds once per owner and key; later calls only put their arguments in the parameters (constants stay)', () => {
    const owner = {}
    let builds = 0
    const run = (code: string, limit: number) => compiledOnce(owner, 'k', [code, limit], (arg) => {
      builds++
      return db.selectFrom('units').select('code').where('parent_code', '=', arg(0)).where('active', '=', true).limit(arg(1))
    })
    const a = run('341502000000', 51)
    const b = run('341503000000', 11)
    expect(builds).toBe(1)
    expect(b.sql).toBe(a.sql)
    expect(a.parameters).toEqual(['341502000000', true, 51])
    expect(b.parameters).toEqual(['341503000000', true, 11])
    // Another owner (another ability) or another key builds its own.
    compiledOnce({}, 'k', ['x', 1], (arg) => { builds++; return db.selectFrom('units').select('code').where('parent_code', '=', arg(0)).limit(arg(1)) })
    compiledOnce(owner, 'k2', ['x', 1], (arg) => { builds++; return db.selectFrom('units').select('code').where('parent_code', '=', arg(0)).limit(arg(1)) })
    expect(builds).toBe(3)
  })

  it('refuses an argument that ends up in the SQL text, or one the query does not use', () => {
    expect(() => compiledOnce({}, 'raw', ['x'], (arg) => db.selectFrom('units').select('code').where(sql.raw(`code = '${arg(0)}'`) as any)))
      .toThrow(/SQL text/)
    expect(() => compiledOnce({}, 'unused', ['x', 'y'], (arg) => db.selectFrom('units').select('code').where('code', '=', arg(0))))
      .toThrow(/2 arguments, 1 used/)
  })
})
