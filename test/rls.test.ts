// Row-level security is the backstop beneath CASL: these queries forget their WHERE
// clauses on purpose and must still see only the actor's subtree.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scopeSetupSql } from '../src/platform/db/database.js'
import { scopeOf } from '../src/platform/scope.js'
import { harness, type Harness, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => {
  h = await harness()
  for (const code of [T.city, T.county, T.town, T.townB, T.village]) await h.userId(code, 'center_admin')
})
afterAll(() => h.close())

describe('RLS alone', () => {
  it('limits a query without WHERE to the subtree plus read-only ancestors', async () => {
    const rows = await h.db.scoped(scopeOf(T.town), (db) => db.selectFrom('units').select('code').orderBy('code').execute())
    expect(rows.map((r) => r.code)).toEqual([T.city, T.county, T.town, T.village, T.village2])
    const users = await h.db.scoped(scopeOf(T.town), (db) => db.selectFrom('users').select('unit_code').execute())
    expect(new Set(users.map((u) => u.unit_code))).toEqual(new Set([T.town, T.village]))
  })

  it('cannot update ancestors or siblings, and cannot insert outside the subtree', async () => {
    const updated = await h.db.scoped(scopeOf(T.town), (db) =>
      db.updateTable('units').set({ name: '改名' }).where('code', 'in', [T.county, T.city, T.townB]).executeTakeFirst())
    expect(Number(updated.numUpdatedRows)).toBe(0)
    await expect(h.db.scoped(scopeOf(T.town), (db) => db.insertInto('units').values({
      code: '341503005000', parent_code: T.county2, level: 'township', name: '越界', service_point_name: 'x',
    }).execute())).rejects.toThrow(/row-level security/)
    const [n] = await h.db.query(`select count(*)::int as n from units where code = '341503005000' or name = '改名'`)
    expect(n.n).toBe(0)
  })

  it('every statement of a read-only request runs as the app role, read only, in the actor\'s scope', async () => {
    const seen = await h.db.scoped(scopeOf(T.town), async (db) => {
      const q = () => sql<{ role: string; lo: string; hi: string; ro: string }>`select current_user as role,
        current_setting('app.scope_lo') as lo, current_setting('app.scope_hi') as hi, current_setting('transaction_read_only') as ro`.execute(db)
      const [a, b] = await Promise.all([q(), q()])
      return [a.rows[0], b.rows[0], (await q()).rows[0]]
    }, { readOnly: true })
    expect(seen).toEqual(Array(3).fill({ role: 'gov_app', lo: '341502001000', hi: '341502001999', ro: 'on' }))
    // And outside it, on the same pool, nothing of that scope is left behind.
    const [after] = await h.db.query(`select current_user as role, coalesce(current_setting('app.scope_lo', true), '') as lo`)
    expect(after.role).not.toBe('gov_app')
    expect(after.lo).toBe('')
  })

  it('a read-only request transaction (GET) refuses every write and still answers reads', async () => {
    await expect(h.db.scoped(scopeOf(T.town), (db) =>
      db.updateTable('units').set({ name: '只读时改名' }).where('code', '=', T.village).execute(), { readOnly: true }))
      .rejects.toThrow(/read-only/)
    const [n] = await h.db.query(`select count(*)::int as n from units where name = '只读时改名'`)
    expect(n.n).toBe(0)
    const rows = await h.db.scoped(scopeOf(T.town), (db) => db.selectFrom('units').select('code').where('code', '=', T.village).execute(), { readOnly: true })
    expect(rows).toEqual([{ code: T.village }])
    // The connection goes back to the pool after its COMMIT: later transactions work normally.
    for (let i = 0; i < 30; i++) await h.db.scoped(scopeOf(T.town), (db) => db.selectFrom('units').select('code').limit(1).execute(), { readOnly: true })
    await h.db.scoped(scopeOf(T.town), (db) => db.updateTable('units').set({ name: '红街社区' }).where('code', '=', T.village).execute())
  })

  it('sessions, refusals and users of a sibling subtree are invisible', async () => {
    await h.token(T.townB, 'center_admin')
    const seen = await h.db.scoped(scopeOf(T.town), async (db) => ({
      sessions: await db.selectFrom('sessions').select('unit_code').execute(),
      users: await db.selectFrom('users').select('unit_code').where('unit_code', '=', T.townB).execute(),
    }))
    expect(seen.sessions.every((s) => s.unit_code.startsWith('341502001'))).toBe(true)
    expect(seen.users).toEqual([])
  })

  it('fails closed: the app role with no scope, or an empty one, sees nothing', async () => {
    const none = await h.db.owner(async (db) => {
      await sql`begin`.execute(db)
      try {
        await sql.raw(`set local role gov_app`).execute(db)
        const unset = await sql<{ n: number }>`select count(*)::int as n from units`.execute(db)
        // An earlier SET LOCAL on a pooled connection leaves '' behind, not NULL.
        await sql.raw(`set local app.scope_lo = ''; set local app.scope_hi = ''; set local app.ancestors = ''`).execute(db)
        const empty = await sql<{ n: number }>`select count(*)::int as n from units`.execute(db)
        return [unset.rows[0].n, empty.rows[0].n]
      } finally {
        await sql`rollback`.execute(db)
      }
    })
    expect(none).toEqual([0, 0])
  })

  it('refuses to build a scope from anything but digits (values are inlined)', () => {
    expect(() => scopeSetupSql({ lo: "0' or '1'='1", hi: '999999999999', ancestors: [], unitCode: '341500000000' })).toThrow()
    expect(() => scopeSetupSql({ lo: '341500000000', hi: '341599999999', ancestors: ['34150000000x'], unitCode: '341500000000' })).toThrow()
  })

  it('the app role owns no table and cannot bypass RLS; every table with a unit code forces RLS with policies', async () => {
    const [role] = await h.db.query(`select rolsuper, rolbypassrls from pg_roles where rolname = 'gov_app'`)
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false })
    // Every table holding a 12-digit unit code (a char(12) column, whatever its name), from the catalog.
    const tables = await h.db.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string; policies: number; reachable: boolean }>(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) as owner,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
             has_table_privilege('gov_app', c.oid, 'select, insert, update, delete') as reachable
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                       and a.atttypid = 'bpchar'::regtype and a.atttypmod = 16)
       order by 1`)
    expect(tables.length).toBeGreaterThanOrEqual(20)
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining(['units', 'users', 'sessions', 'refusals', 'cases', 'grants']))
    // Operator-only tables the app role cannot touch at all (no grant): no policy needed.
    const OPERATOR_ONLY = ['pack_applications']
    const holes = tables.filter((t) => !OPERATOR_ONLY.includes(t.relname))
      .filter((t) => !t.relrowsecurity || !t.relforcerowsecurity || t.policies === 0 || t.owner === 'gov_app')
      .map((t) => t.relname)
    expect(holes, 'tables with a unit code but without forced RLS and a policy').toEqual([])
    for (const name of OPERATOR_ONLY) expect(tables.find((t) => t.relname === name)?.reachable).toBe(false)
  })

  it('a failing statement aborts the request transaction: nothing of it is kept', async () => {
    await expect(h.db.scoped(scopeOf(T.town), async (db) => {
      await db.updateTable('units').set({ name: '中途' }).where('code', '=', T.village).execute()
      await sql`select 1/0`.execute(db)
    })).rejects.toThrow()
    const [v] = await h.db.query(`select name from units where code = $1`, [T.village])
    expect(v.name).toBe('红街社区')
    // The connection is usable afterwards and the scope did not leak onto it.
    const after = await h.db.query(`select current_setting('app.scope_lo', true) as lo`)
    expect(after[0].lo ?? '').toBe('')
  })
})
