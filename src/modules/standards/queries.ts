// Reading checklists down the tree, and the roll-ups: aggregation in SQL over a subtree's code
// range, never loading stations into JavaScript.
import { type RawBuilder, sql } from 'kysely'
import { customPlan, type Tx } from '../../platform/db/database.js'
import { subtreeRange } from '../../platform/scope.js'
import { ancestorsOf, type Level, levelOf } from '../units/index.js'
import { type EffectiveTemplate, mergeChain, type PublishedVersion } from './template-rules.js'
import type { Tier } from './schemas.js'

/** Units whose checklists apply to `code` for `tier`, top down: its ancestors and itself (never a village). */
export function chainOf(code: string): string[] {
  return [...ancestorsOf(code).reverse(), code].filter((c) => levelOf(c) !== 'village')
}

/** The latest published version of each unit in `chain` for `tier` (read through RLS: own subtree and ancestors). */
export async function latestVersions(db: Tx, chain: string[], tier: Tier): Promise<(PublishedVersion & { publishedAt: Date; note: string })[]> {
  if (!chain.length) return []
  const rows = await sql<{ unit_code: string; version: number; body: any; published_at: Date; note: string }>`
    select distinct on (unit_code) unit_code, version, body, published_at, note from standard_template_versions
     where unit_code in (${sql.join(chain)}) and tier = ${tier}
     order by unit_code, version desc`.execute(db)
  // Ancestors' codes sort before their descendants': code order is top-down order.
  return rows.rows.sort((a, b) => a.unit_code.localeCompare(b.unit_code))
    .map((r) => ({ unitCode: r.unit_code, version: r.version, body: r.body, publishedAt: r.published_at, note: r.note }))
}

export async function effectiveTemplate(db: Tx, code: string, tier: Tier): Promise<EffectiveTemplate | null> {
  return mergeChain(await latestVersions(db, chainOf(code), tier))
}

export interface TierCounts {
  total: number; inspected: number; built: number; standardised: number; yiYouSanWu: number
  grades: { demonstration: number; standard: number; simple: number; substandard: number }
}
export type Counts = Record<Tier, TierCounts>
export const emptyCounts = (): TierCounts => ({ total: 0, inspected: 0, built: 0, standardised: 0, yiYouSanWu: 0,
  grades: { demonstration: 0, standard: 0, simple: 0, substandard: 0 } })

/**
 * The latest inspection of one unit: one probe of (unit_code, kind, inspected_on desc, created_at
 * desc) per unit. A LATERAL probe keeps the plan the same whatever the statistics say (a join
 * against DISTINCT ON over the range turned into a 1 s nested loop on freshly loaded tables).
 */
const latestOf = (unit: RawBuilder<unknown>, columns: RawBuilder<unknown>) => sql`
  select unit_code, ${columns} from standard_inspections i
   where i.unit_code = ${unit} and i.kind = 'inspection'
   order by i.inspected_on desc, i.created_at desc limit 1`

const CHILD_PREFIX: Partial<Record<Level, number>> = { city: 6, county: 9, township: 12 }

/**
 * Counts of the active township centers and village stations of `code`'s subtree by their
 * latest inspection, grouped by the child of `code` they fall under ('' for `code` itself).
 * One statement: a range scan of units, the latest inspection of each, GROUP BY.
 */
export async function subtreeCounts(db: Tx, code: string) {
  const rows = await subtreeCountsSql(code).execute(db)
  return rows.rows.map((r) => ({ child: r.child, tier: r.level, counts: {
    total: r.total, inspected: r.inspected, built: r.built, standardised: r.standardised, yiYouSanWu: r.yi_you_san_wu,
    grades: { demonstration: r.demonstration, standard: r.standard, simple: r.simple, substandard: r.substandard },
  } satisfies TierCounts }))
}

/** The statement behind subtreeCounts (the benchmark issues it directly as well). */
export function subtreeCountsSql(code: string) {
  const { lo, hi } = subtreeRange(code)
  const p = CHILD_PREFIX[levelOf(code)!]
  const child = p ? sql`case when u.code = ${code} then '' else rpad(substr(u.code, 1, ${p}), 12, '0') end` : sql`''`
  return sql<{ child: string; level: Tier; total: number; inspected: number; built: number; standardised: number;
    yi_you_san_wu: number; demonstration: number; standard: number; simple: number; substandard: number }>`
    select ${child} as child, u.level,
           count(*)::int as total, count(l.unit_code)::int as inspected,
           count(*) filter (where l.built)::int as built,
           count(*) filter (where l.standardised)::int as standardised,
           count(*) filter (where l.yi_you_san_wu)::int as yi_you_san_wu,
           count(*) filter (where l.grade = 'demonstration')::int as demonstration,
           count(*) filter (where l.grade = 'standard')::int as standard,
           count(*) filter (where l.grade = 'simple')::int as simple,
           count(*) filter (where l.grade = 'substandard')::int as substandard
      from units u left join lateral (${latestOf(sql`u.code`, sql`grade, built, standardised, yi_you_san_wu`)}) l on true
     where u.code between ${lo} and ${hi} and u.level in ('township', 'village') and u.active
     group by 1, 2 ${customPlan}`
}

export interface StationRow {
  code: string; name: string; level: Tier; service_point_name: string
  inspection_id: string | null; inspected_on: string | null; score: number | null; grade: string | null
  built: boolean | null; standardised: boolean | null; yi_you_san_wu: boolean | null
  self_reported_on: string | null; open: number; overdue: number; staff: number; agent_cases: number
}

/** The direct children of `code` that are centers or stations, with their latest figures (one statement). */
export async function stationRows(db: Tx, code: string, today: string): Promise<StationRow[]> {
  const { lo, hi } = subtreeRange(code)
  const rows = await sql<StationRow>`
    with self as (
      select unit_code, max(inspected_on) as on_day from standard_inspections
       where unit_code between ${lo} and ${hi} and kind = 'self_report' group by unit_code
    ), tasks as (
      select unit_code, count(*)::int as open,
             count(*) filter (where status = 'open' and due_on < ${today}::date)::int as overdue
        from standard_rectifications
       where unit_code between ${lo} and ${hi} and status <> 'verified' group by unit_code
    ), staff as (
      select unit_code, count(*)::int as n from users
       where unit_code between ${lo} and ${hi} and active group by unit_code
    ), agent as (
      -- Cases the station took in as agent (代办) in the last 30 days, today included.
      select intake_unit_code as unit_code, count(*)::int as n from cases
       where intake_unit_code between ${lo} and ${hi} and channel = 'agent' and received_day > ${today}::date - 30
       group by intake_unit_code
    )
    select u.code, u.name, u.level, u.service_point_name,
           l.id as inspection_id, l.inspected_on, l.score, l.grade,
           l.built, l.standardised, l.yi_you_san_wu, s.on_day as self_reported_on,
           coalesce(t.open, 0) as open, coalesce(t.overdue, 0) as overdue, coalesce(st.n, 0) as staff,
           coalesce(ag.n, 0) as agent_cases
      from units u
      left join lateral (${latestOf(sql`u.code`, sql`id, inspected_on, score, grade, built, standardised, yi_you_san_wu`)}) l on true
      left join self s on s.unit_code = u.code
      left join tasks t on t.unit_code = u.code
      left join staff st on st.unit_code = u.code
      left join agent ag on ag.unit_code = u.code
     where u.parent_code = ${code} and u.active and u.level in ('township', 'village')
     order by u.code ${customPlan}`.execute(db)
  return rows.rows
}
