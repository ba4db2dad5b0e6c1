// The case list (GET /api/cases): keyset paging on (received_at desc, id desc) with an opaque
// cursor, and, on PostgreSQL with enough rows to matter, the plan of the real request: an index
// walk in the list's order that stops at the page, no Sort over the subtree, no Gather (issue 19).
import { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Tx } from '../src/platform/db/database.js'
import { kyselyOver } from '../src/platform/db/dialect.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

/** n cases at a county and one of its townships, as the owner (triggers off: not what is tested). */
async function load(db: Database, n: number, tag: string, matterBytes = 0, [a, b]: [string, string] = [T.county, T.town], minutesPerRow = 1) {
  await db.owner(async (k) => {
    await k.executeQuery(CompiledQuery.raw('set session_replication_role = replica'))
    try {
      await k.executeQuery(CompiledQuery.raw(`
        insert into cases (unit_code, intake_unit_code, matter_code, matter_name, catalog_unit_code, catalog_version, matter, channel,
          applicant_kind, applicant_id_number, applicant_id_masked, applicant_name, applicant_name_masked, applicant_phone,
          applicant_phone_masked, receipt_no, query_code_hash, status, received_at, received_day, acceptance_deadline, limit_days)
        select case when g % 2 = 0 then '${a}' else '${b}' end, case when g % 2 = 0 then '${a}' else '${b}' end,
          'M-1', '测试事项', '${T.city}', 1, jsonb_build_object('pad', repeat('x', ${matterBytes})), 'window', 'person',
          '341502199003071235', '3415**********1235', '张三', '张*', '13812345678', '138****5678', '${tag}-' || g, 'x',
          case when g % 10 < 7 then 'accepted' else 'submitted' end,
          -- Ties on purpose (every third row shares its predecessor's time) and microseconds (a JS Date drops them).
          timestamptz '2026-01-01 09:00+08' + (g - g % 3) * ${minutesPerRow} * interval '1 minute' + (g % 7) * interval '1 microsecond' * (g % 3),
          date '2026-01-01', date '2026-01-08', 20
        from generate_series(1, ${n}) g`))
    } finally {
      await k.executeQuery(CompiledQuery.raw('set session_replication_role = origin'))
    }
    await k.executeQuery(CompiledQuery.raw('analyze cases'))
  })
}

let h: Harness
let token: string
beforeAll(async () => {
  h = await harness({ connections: 2 })
  token = await h.token(T.county, 'supervisor')
  await load(h.db, 130, 'P')
})
afterAll(() => h?.close())

const get = (q: string) => h.http.get(`/api/cases?unit=${T.county}${q}`).set(bearer(token))

describe('case list paging', () => {
  it('pages through every case once, newest first (received_at desc, id desc), following next to null', async () => {
    const want = (await h.db.query<{ id: string }>(`select id from cases order by received_at desc, id desc`)).map((r) => r.id)
    expect(want.length).toBe(130)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await get(`&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      expect(Object.keys(res.body).sort()).toEqual(['items', 'next'])
      seen.push(...res.body.items.map((c: any) => c.id))
      cursor = res.body.next
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toEqual(want)
  })

  it('filters apply on every page; the list never carries the matter snapshot or the unmasked applicant', async () => {
    const first = await get('&status=accepted&limit=40')
    expect(first.status).toBe(200)
    const second = await get(`&status=accepted&limit=40&cursor=${first.body.next}`)
    const items = [...first.body.items, ...second.body.items]
    expect(items.length).toBe(80)
    expect(items.every((c: any) => c.status === 'accepted')).toBe(true)
    expect(new Set(items.map((c: any) => c.id)).size).toBe(80)
    expect(items[0]).not.toHaveProperty('matter')
    expect(items[0].applicant.idNumber).toBe('3415**********1235')
  })

  it('a forged cursor or a page size out of range is a 400 naming the field', async () => {
    for (const bad of ['x', Buffer.from('["1","not-a-uuid"]').toString('base64url'), Buffer.from('["1e3","00000000-0000-0000-0000-000000000000"]').toString('base64url')]) {
      const res = await get(`&cursor=${bad}`)
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toContain('cursor')
    }
    for (const limit of [0, 201]) {
      const res = await get(`&limit=${limit}`)
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toContain('limit')
    }
  })

  // The unit is checked by its code before the list is read and looked up only when the page is empty
  // (a case in its subtree proves it exists): every way of naming a unit one may not list is still a 404.
  it('unit=: a unit outside the subtree, one that does not exist, a code of no level are 404; an existing unit with no cases is an empty page', async () => {
    const as = (unit: string) => h.http.get(`/api/cases?unit=${unit}`).set(bearer(token))
    for (const unit of [T.county2, T.townB, '341502099000', '341502001100', '341502000001', '340000000000']) {
      const res = await as(unit)
      expect(res.status, unit).toBe(404)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
    }
    const empty = await as(T.village2)
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({ items: [], next: null })
    // An ancestor may be named: the list then shows what the actor sees below it, never the sibling county's cases.
    await load(h.db, 4, 'SIB0', 0, [T.county2, T.townB])
    const up = await as(`${T.city}&limit=200`)
    expect(up.status).toBe(200)
    expect(up.body.items.length).toBe(130)
    expect(up.body.items.every((c: any) => c.unitCode.startsWith('341502') || c.intakeUnitCode.startsWith('341502'))).toBe(true)
    // The sibling county's supervisor, asked for the same city, sees its own four.
    const sib = await h.http.get(`/api/cases?unit=${T.city}&limit=200`).set(bearer(await h.token(T.county2, 'supervisor')))
    expect(sib.body.items.map((c: any) => c.receiptNo).sort()).toEqual(['SIB0-1', 'SIB0-2', 'SIB0-3', 'SIB0-4'])
  })
})

type Plan = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: Plan[] }
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(nodes)]

describe.skipIf(!onPostgres())('case list plans with enough rows to matter', () => {
  const plans: Plan[] = []
  let restore: () => void
  beforeAll(async () => {
    // More cases with a matter snapshot of ~1.2 KB each, like real ones, most of them in the sibling county over the
    // same weeks: the county's share is small, so a mis-estimate of it (the column-cast policies) tempts a sort.
    await load(h.db, 8_000, 'BIG', 1200, [T.county, T.town], 10)
    await load(h.db, 80_000, 'SIB', 1200, [T.county2, T.townB])
    // Every statement over cases that the API runs is also EXPLAINed, with the same parameters, in its own scoped transaction.
    const db = h.db as { -readonly [K in keyof Database]: Database[K] }
    const scoped = db.scoped.bind(db)
    restore = () => { db.scoped = scoped }
    db.scoped = ((scope, fn, opts) => scoped(scope, (tx: Tx) => fn(kyselyOver(async (text, params) => {
      if (/from "cases"/.test(text)) {
        const r = await tx.executeQuery<any>(CompiledQuery.raw(`explain (format json) ${text}`, params as unknown[]))
        const plan = r.rows[0]['QUERY PLAN']
        plans.push((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan)
      }
      const r = await tx.executeQuery<any>(CompiledQuery.raw(text, params as unknown[]))
      return { rows: r.rows as any[] }
    }) as Kysely<any>), opts)) as Database['scoped']
  }, 300_000)
  afterAll(() => restore?.())

  it('page 1 and later pages walk an index in the list\'s order ((status,) received_at desc, id desc): no Sort, no Gather', async () => {
    let cursor: string | null = null
    for (let i = 0; i < 5; i++) {
      const res = await get(`&status=accepted&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      cursor = res.body.next
    }
    expect((await get('')).status).toBe(200)
    expect(plans.length).toBe(6)
    for (const p of plans) {
      const types = nodes(p).map((n) => n['Node Type'])
      expect(types.filter((t) => /Sort|Gather/.test(t))).toEqual([])
      // The list's order, after status when it filters on status (migration 013).
      expect(nodes(p).some((n) => ['cases_received_desc_idx', 'cases_status_received_idx'].includes(n['Index Name']!))).toBe(true)
      // Working days left are joined onto the page: the calendar lookup is memoized by unit code
      // (once per unit of the page, not once a row) and work_days is never scanned whole.
      expect(types).toContain('Memoize')
      expect(nodes(p).filter((n) => n['Relation Name'] === 'work_days').map((n) => n['Node Type']).filter((t) => t === 'Seq Scan')).toEqual([])
    }
  }, 120_000)
})
