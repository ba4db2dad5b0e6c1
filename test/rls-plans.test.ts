// Policies the planner can estimate (issue 19, migration 013). A policy that compares its code
// column with text makes PostgreSQL cast the *column* (`(unit_code)::text >= …`): an expression
// without statistics, estimated at a flat 0.5 % of the table whatever the range, which mis-costs
// every list under RLS (a county's 27,479 open cases estimated at 274, a parallel Gather Merge on
// every request). Every table that has a policy is filled with rows whose codes fall half in one
// county and half outside, and analysed; then, for every policy in pg_policies, the estimate of its
// expression must match the estimate of the plain range on the column, and a county-scoped scan
// under gov_app must match the owner's estimate of the same range. PostgreSQL only (PGlite's
// planner is the same code, but its statistics are not what production sees).
import { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/database.js'
import type { Scope } from '../src/platform/scope.js'
import { freshDatabase, onPostgres } from './helpers/db.js'

const N = 3000
// A county that the rows cover (even g), a sibling county (odd g), and the city (g = 0).
const SCOPE: Scope = { lo: '341522000000', hi: '341522999999', ancestors: ['341500000000'], unitCode: '341522000000' }
const CODE = `case when g = 0 then '341500000000' when g % 2 = 0 then '341522' || lpad(g::text, 6, '0') else '341523' || lpad(g::text, 6, '0') end`
const FACTOR = 2

interface Policy { tablename: string; policyname: string; cmd: string; roles: string[]; qual: string | null; with_check: string | null }

/** A value for a NOT NULL column without a default (rows only need to exist for ANALYZE). */
function valueFor(type: string, len: number, labels: string[] | null): string {
  if (labels) return `'${labels[0]}'`
  if (type === 'bpchar' && len === 16) return CODE // char(12): atttypmod = 12 + 4
  if (type === 'bpchar') return `left('x' || g, ${Math.max(len - 4, 1)})`
  if (['text', 'varchar'].includes(type)) return `'x' || g`
  if (['int2'].includes(type)) return `(g % 30000)::int2`
  if (['int4', 'int8', 'numeric', 'float8', 'float4'].includes(type)) return `g`
  if (type === 'bool') return 'false'
  if (type === 'date') return `date '2026-01-01' + g`
  if (['timestamptz', 'timestamp'].includes(type)) return `timestamptz '2026-01-01 00:00+08' + g * interval '1 second'`
  if (['jsonb', 'json'].includes(type)) return `'{}'`
  if (type === 'uuid') return 'gen_random_uuid()'
  if (type.startsWith('_')) return `'{}'`
  if (type === 'bytea') return `'\\x00'::bytea`
  if (type === 'inet') return `'127.0.0.1'`
  if (type === 'interval') return `interval '1 day'`
  throw new Error(`rls-plans: no value for a column of type ${type}`)
}

/** Fills a table with N + 1 rows (codes in every char(12) column), checks and triggers off: a throwaway database. */
async function fill(db: Database, table: string) {
  const cols = await db.query<{ attname: string; typname: string; atttypmod: number; notnull: boolean; labels: string[] | null }>(`
    select a.attname, t.typname, a.atttypmod, a.attnotnull and not a.atthasdef and a.attidentity = '' as notnull,
           (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels
      from pg_attribute a join pg_type t on t.oid = a.atttypid
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''`, [table])
  const chosen = cols.filter((c) => c.notnull || (c.typname === 'bpchar' && c.atttypmod === 16))
  const checks = await db.query<{ conname: string }>(`select conname from pg_constraint where conrelid = $1::regclass and contype = 'c'`, [table])
  await db.owner(async (k) => {
    for (const c of checks) await k.executeQuery(CompiledQuery.raw(`alter table ${table} drop constraint ${c.conname}`))
    await k.executeQuery(CompiledQuery.raw('set session_replication_role = replica'))
    try {
      await k.executeQuery(CompiledQuery.raw(`insert into ${table} (${chosen.map((c) => `"${c.attname}"`).join(', ')})
        select ${chosen.map((c) => valueFor(c.typname, c.atttypmod, c.labels)).join(', ')} from generate_series(0, ${N}) g
        on conflict do nothing`))
    } finally {
      await k.executeQuery(CompiledQuery.raw('set session_replication_role = origin'))
    }
    await k.executeQuery(CompiledQuery.raw(`analyze ${table}`))
  })
}

const lit = (s: string) => `'${s}'::bpchar`
const SETTING = (name: string) => `NULLIF\\(current_setting\\('app\\.${name}'::text, true\\), ''::text\\)`

/**
 * The same predicate with the settings replaced by literals of the column's type and no cast on
 * any column: what the planner estimates from the column's statistics. Throws on a form it does
 * not know (extend it rather than let a policy go unchecked).
 */
function reference(expr: string, scope: Scope): string {
  const out = expr
    .replace(new RegExp(`\\(?rpad\\(substr\\(${SETTING('scope_lo')}, 1, 4\\), 12, '0'::text\\)\\)?(::bpchar)?`, 'g'), lit(scope.lo.slice(0, 4).padEnd(12, '0')))
    .replace(new RegExp(`\\(string_to_array\\(${SETTING('ancestors')}, ','::text\\)\\)::bpchar\\[\\]|string_to_array\\(${SETTING('ancestors')}, ','::text\\)`, 'g'),
      `'{${scope.ancestors.join(',')}}'::bpchar[]`)
    .replace(new RegExp(`\\(${SETTING('scope_lo')}\\)::bpchar|${SETTING('scope_lo')}`, 'g'), lit(scope.lo))
    .replace(new RegExp(`\\(${SETTING('scope_hi')}\\)::bpchar|${SETTING('scope_hi')}`, 'g'), lit(scope.hi))
    .replace(/\((\w+)\)::text/g, '$1')
  if (/current_setting/.test(out)) throw new Error(`rls-plans: unknown policy form: ${expr}`)
  return out
}

/** Columns cast in a policy expression, e.g. `(unit_code)::text`. */
const castColumns = (expr: string) => [...expr.matchAll(/\((\w+)\)::(text|varchar|character varying|bpchar)\b/g)].map((m) => m[0])

async function estimate(db: Database, text: string, scoped: Scope | null): Promise<number> {
  const q = `explain (format json) ${text}`
  const rows = scoped
    ? await db.scoped(scoped, async (tx) => (await tx.executeQuery<any>(CompiledQuery.raw(q))).rows)
    : await db.owner(async (k) => {
      // The owner with the same settings, so a policy expression evaluates as it would under RLS.
      await k.executeQuery(CompiledQuery.raw('begin'))
      try {
        await k.executeQuery(CompiledQuery.raw(`set local app.scope_lo = '${SCOPE.lo}'; set local app.scope_hi = '${SCOPE.hi}'; set local app.ancestors = '${SCOPE.ancestors.join(',')}'`))
        return (await k.executeQuery<any>(CompiledQuery.raw(q))).rows
      } finally {
        await k.executeQuery(CompiledQuery.raw('rollback'))
      }
    })
  const plan = rows[0]['QUERY PLAN']
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']
}

const within = (a: number, b: number) => Math.max(a, b) / Math.max(Math.min(a, b), 1) <= FACTOR

describe.skipIf(!onPostgres())('RLS policies the planner can estimate', () => {
  let db: Database
  let policies: Policy[]
  beforeAll(async () => {
    db = await freshDatabase({ max: 2 })
    policies = await db.query<Policy>(`select tablename::text, policyname::text, cmd, roles::text[] as roles, qual, with_check
      from pg_policies where schemaname = 'public' order by 1, 2`)
    for (const t of [...new Set(policies.map((p) => p.tablename))]) await fill(db, t)
  }, 300_000)
  afterAll(() => db?.close())

  it('no policy casts a column (cast the setting: nullif(current_setting(…), \'\')::bpchar)', () => {
    expect(policies.length).toBeGreaterThan(50)
    const casting = policies.flatMap((p) => [p.qual, p.with_check].filter((e): e is string => !!e && castColumns(e).length > 0)
      .map((e) => `${p.tablename}.${p.policyname}: ${castColumns(e).join(', ')}`))
    expect(casting).toEqual([])
    // The check itself sees the old form.
    expect(castColumns(`((unit_code)::text >= NULLIF(current_setting('app.scope_lo'::text, true), ''::text))`)).toEqual(['(unit_code)::text'])
  })

  it('every policy expression is estimated like the plain range on its column', async () => {
    const off: string[] = []
    for (const p of policies) {
      for (const expr of [p.qual, p.with_check]) {
        if (!expr || expr === 'true') continue
        const [got, want] = [await estimate(db, `select * from ${p.tablename} where ${expr}`, null),
          await estimate(db, `select * from ${p.tablename} where ${reference(expr, SCOPE)}`, null)]
        if (!within(got, want)) off.push(`${p.tablename}.${p.policyname}: ${got} rows estimated, ${want} for the range`)
      }
    }
    expect(off).toEqual([])
  }, 120_000)

  it('a county-scoped scan under gov_app is estimated within a small factor of the owner\'s estimate for the same range', async () => {
    const off: string[] = []
    const tables: string[] = []
    // Tables the app role cannot read itself (audit_heads: only SECURITY DEFINER functions touch it) are covered above.
    for (const t of [...new Set(policies.map((p) => p.tablename))]) {
      const [{ ok }] = await db.query(`select has_table_privilege('gov_app', $1::regclass, 'select') as ok`, [`public.${t}`])
      if (ok) tables.push(t)
    }
    const estimates: Record<string, number> = {}
    for (const t of tables) {
      const reads = policies.filter((p) => p.tablename === t && ['SELECT', 'ALL'].includes(p.cmd) && p.roles.includes('gov_app') && p.qual)
      if (!reads.length || reads.some((p) => p.qual === 'true')) continue
      const got = await estimate(db, `select * from ${t}`, SCOPE)
      const want = await estimate(db, `select * from ${t} where ${reads.map((p) => `(${reference(p.qual!, SCOPE)})`).join(' or ')}`, null)
      estimates[t] = got
      if (!within(got, want)) off.push(`${t}: ${got} rows estimated under RLS, ${want} by the owner`)
    }
    expect(off).toEqual([])
    // Half the rows are the county's: the estimate says so (the column-cast form said 0.5 %).
    expect(estimates.cases).toBeGreaterThan(N / 4)
    expect(estimates.case_daily_stats).toBeGreaterThan(N / 4)
    expect(Object.keys(estimates).length).toBeGreaterThan(40)
  }, 120_000)

  it('the check would catch the old form: a column-cast range is estimated at a flat fraction', async () => {
    const cast = `(unit_code)::text >= '${SCOPE.lo}'::text and (unit_code)::text <= '${SCOPE.hi}'::text`
    const [got, want] = [await estimate(db, `select * from cases where ${cast}`, null),
      await estimate(db, `select * from cases where unit_code between '${SCOPE.lo}'::bpchar and '${SCOPE.hi}'::bpchar`, null)]
    expect(within(got, want)).toBe(false)
  })
})
