// Keysets over timestamptz (issue 14 §3): complaints, evaluations, inspections and grants page by a
// timestamp and the id. Two rows at the same instant, and rows microseconds apart, straddle page
// boundaries: walked one and two rows a page, every row comes exactly once, in the database's own
// order (a JS Date would drop the microseconds; the cursor carries the timestamp as text).
// On PostgreSQL with enough rows to matter, the lists whose keysets rely on an index walk it in
// the list's order: no Sort node (migration 024: grants given / received, rectification tasks).
import { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Tx } from '../src/platform/db/database.js'
import { kyselyOver } from '../src/platform/db/dialect.js'
import { getAsFirstAllowed, harness, type Harness, T } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

let h: Harness
let tokens: string[]
beforeAll(async () => {
  h = await harness({ connections: 2 })
  tokens = [await h.token(T.county, 'center_admin'), await h.token(T.county, 'supervisor')]
})
afterAll(() => h?.close())

/** Rows inserted as the owner (triggers off: the audit trail is not what is tested). */
async function asOwner(statements: string[]) {
  await h.db.owner(async (k) => {
    await k.executeQuery(CompiledQuery.raw('set session_replication_role = replica'))
    try {
      for (const s of statements) await k.executeQuery(CompiledQuery.raw(s))
    } finally {
      await k.executeQuery(CompiledQuery.raw('set session_replication_role = origin'))
    }
  })
}

// Six instants: two equal, then 1 µs, 2 µs, 1 ms and 1 s later (and one row on the next day).
const AT = ["'2026-11-20 10:00:00.000001+08'", "'2026-11-20 10:00:00.000001+08'", "'2026-11-20 10:00:00.000002+08'",
  "'2026-11-20 10:00:00.000003+08'", "'2026-11-20 10:00:00.001003+08'", "'2026-11-20 10:00:01.000003+08'"]

const LISTS = [
  {
    name: 'complaints', url: `/api/units/${T.town}/complaints`, order: 'received_on desc, created_at desc, id desc', table: 'complaints',
    rows: AT.map((at, i) => `insert into complaints (unit_code, handler_code, tracking_no, query_code_hash, subject, body, contact_phone, status,
      received_on, first_due_on, due_on, created_at) values ('${T.town}', '${T.town}', 'TS-${i}', 'x', '测试', '测试', '13800000000', 'open',
      '2026-11-20', '2026-11-27', '2026-11-27', ${at})`),
  },
  {
    name: 'evaluations', url: `/api/units/${T.town}/evaluations`, order: 'evaluated_on desc, created_at desc, id desc', table: 'evaluations',
    rows: AT.map((at, i) => `insert into evaluations (unit_code, kind, case_ref, level, negative, evaluated_on, rectification_status, created_at)
      values ('${T.town}', 'case', 'TS-${i}', 'satisfied', false, '2026-11-20', 'none', ${at})`),
  },
  {
    name: 'inspections', url: `/api/units/${T.town}/inspections`, order: 'inspected_on desc, created_at desc, id desc', table: 'standard_inspections',
    rows: AT.map((at) => `insert into standard_inspections (unit_code, tier, kind, inspector_unit_code, inspector_id, inspector_name, inspected_on, template, items,
      score, grade, built, standardised, yi_you_san_wu, created_at) values ('${T.town}', 'township', 'inspection', '${T.county}', gen_random_uuid(), '检查员', '2026-11-20',
      '{"grading": {"demonstration": 90, "standard": 75, "simple": 60}, "sources": []}', '[]', 90, 'standard', true, true, false, ${at})`),
  },
  {
    name: 'grants given', url: `/api/units/${T.county}/grants?direction=given`, order: 'created_at, id', table: 'grants',
    rows: AT.map((at, i) => `insert into grants (unit_code, grantee_code, matter_code, kind, rights, document_no, legal_basis, valid_from, created_at)
      values ('${T.county}', '${T.town}', 'TS-${i}', 'delegation', array['accept'], '文号', '依据', '2026-11-20', ${at})`),
  },
  { name: 'grants received', url: `/api/units/${T.town}/grants?direction=received`, order: 'created_at, id', table: 'grants', rows: [] },
]

const get = (url: string) => getAsFirstAllowed(h, tokens, url)

describe('keysets over timestamptz', () => {
  beforeAll(async () => {
    await asOwner(LISTS.flatMap((l) => l.rows))
    // One more of each a day later (and so first in the newest-first lists): a key that differs on its first column.
    await asOwner([LISTS[0].rows[0].replace("'TS-0'", "'TS-late'").replaceAll("'2026-11-20'", "'2026-11-21'"),
      LISTS[1].rows[0].replace("'TS-0'", "'TS-late'").replace("'2026-11-20'", "'2026-11-21'")])
  })

  it.each(LISTS)('$name: walked 1 and 2 rows a page, each row once, in the database order', async (l) => {
    const unit = l.name === 'grants given' ? T.county : T.town
    const col = l.table === 'grants' ? (l.name === 'grants given' ? 'unit_code' : 'grantee_code') : 'unit_code'
    const want = (await h.db.query<{ id: string }>(`select id from ${l.table} where ${col} = $1 order by ${l.order}`, [unit])).map((r) => r.id)
    expect(want.length).toBeGreaterThanOrEqual(6)
    for (const limit of [1, 2, 200]) {
      const seen: string[] = []
      let cursor: string | null = null
      for (let i = 0; i <= want.length; i++) {
        const res: any = await get(`${l.url}${l.url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        expect([l.name, res.status], JSON.stringify(res.body)).toEqual([l.name, 200])
        seen.push(...res.body.items.map((r: any) => r.id))
        cursor = res.body.next
        if (!cursor) break
      }
      expect([l.name, limit, seen]).toEqual([l.name, limit, want])
    }
  })
})

type Plan = { 'Node Type': string; 'Index Name'?: string; 'Parent Relationship'?: string; Plans?: Plan[] }
// The plan's own nodes, not those of a correlated subquery (a task's history is aggregated per row).
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).filter((c) => c['Parent Relationship'] !== 'SubPlan').flatMap(nodes)]

describe.skipIf(!onPostgres())('plans of the keysets that rely on an index', () => {
  const plans: { text: string; plan: Plan }[] = []
  let restore: () => void
  beforeAll(async () => {
    // Enough rows that a sort of the unit's rows would be tempting: grants of the county to both
    // townships, rectification tasks over the county's units with many deadlines.
    await asOwner([
      `insert into grants (unit_code, grantee_code, matter_code, kind, rights, document_no, legal_basis, valid_from, created_at)
        select '${T.county}', case when g % 2 = 0 then '${T.town}' else '${T.town2}' end, 'BIG-' || g, 'delegation', array['accept'], '文号', '依据',
               date '2026-11-20', timestamptz '2026-01-01 09:00+08' + (g - g % 3) * interval '1 minute' + (g % 3) * interval '1 microsecond'
          from generate_series(1, 20000) g`,
      `insert into grants (unit_code, grantee_code, matter_code, kind, rights, document_no, legal_basis, valid_from)
        select '${T.county2}', '${T.townB}', 'SIB-' || g, 'delegation', array['accept'], '文号', '依据', date '2026-11-20' from generate_series(1, 20000) g`,
      `insert into standard_rectifications (unit_code, inspector_unit_code, title, status, opened_on, due_on)
        select case g % 3 when 0 then '${T.town}' when 1 then '${T.town2}' else '${T.village}' end, '${T.county}', '整改' || g, 'open',
               date '2026-01-01', date '2026-01-01' + (g % 200)
          from generate_series(1, 20000) g`,
      'analyze grants', 'analyze standard_rectifications',
    ])
    const db = h.db as { -readonly [K in keyof Database]: Database[K] }
    const scoped = db.scoped.bind(db)
    restore = () => { db.scoped = scoped }
    db.scoped = ((scope, fn, opts) => scoped(scope, (tx: Tx) => fn(kyselyOver(async (text, params) => {
      if (/from "(grants|standard_rectifications)"/.test(text) && /limit/i.test(text)) {
        const r = await tx.executeQuery<any>(CompiledQuery.raw(`explain (format json) ${text}`, params as unknown[]))
        const plan = r.rows[0]['QUERY PLAN']
        plans.push({ text, plan: (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan })
      }
      const r = await tx.executeQuery<any>(CompiledQuery.raw(text, params as unknown[]))
      return { rows: r.rows as any[] }
    }) as Kysely<any>), opts)) as Database['scoped']
  }, 300_000)
  afterAll(() => restore?.())

  it.each([
    ['grants given', `/api/units/${T.county}/grants?direction=given`, 'grants_given_idx'],
    ['grants received', `/api/units/${T.town}/grants?direction=received`, 'grants_received_idx'],
    ['rectification tasks', `/api/units/${T.county}/rectifications?subtree=true`, 'standard_rectifications_due_unit_id_idx'],
  ])('%s: page 1 and page 3 walk %s in the list order, no Sort', async (_name, url, index) => {
    plans.length = 0
    let cursor: string | null = null
    for (let i = 0; i < 3; i++) {
      const res: any = await get(`${url}&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      expect(res.body.items).toHaveLength(50)
      cursor = res.body.next
    }
    expect(plans).toHaveLength(3)
    for (const { plan } of plans) {
      expect(nodes(plan).map((n) => n['Node Type']).filter((t) => /Sort/.test(t))).toEqual([])
      expect(nodes(plan).some((n) => n['Index Name'] === index)).toBe(true)
    }
  }, 120_000)
})
