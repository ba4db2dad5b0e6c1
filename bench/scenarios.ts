// Benchmark scenarios: each compares a route through the whole API (session check, CASL ability,
// RLS transaction, JSON) with a baseline served by a bare Node HTTP server that issues the same
// SQL directly with postgres.js (no transaction, no RLS), or with another API route.
import type postgres from 'postgres'
import type { Kysely } from 'kysely'
import { resolveCatalog } from '../src/modules/catalog/queries.js'
import type { DB } from '../db/types.js'

export interface Params { county: string; township: string; village: string; city: string }

export interface Request {
  /** Path on the API server. */
  path: string
  /** Login used for the API request (null: public, no login). */
  username: string | null
}

export interface Scenario {
  name: string
  title: string
  api: Request
  /** Baseline: either the same SQL on the bare server, or another API request. */
  baseline: { direct: (sql: postgres.Sql, db: Kysely<DB>, p: Params) => Promise<unknown>; label: string } | { api: Request; label: string }
  /** What the printed ratio means and the aim from the issue. */
  aim: string
}

export const scenarios = (p: Params): Scenario[] => [
  {
    name: 'units-children',
    title: `下级单位列表 GET /api/units/${p.township}/children`,
    api: { path: `/api/units/${p.township}/children`, username: `${p.township}-center_admin` },
    baseline: {
      label: '同一 SQL 直连 postgres.js',
      direct: (sql, _db, q) => sql`select * from units where parent_code = ${q.township} and active = true order by code limit 500`,
    },
    aim: 'API 吞吐 / 直连吞吐 ≥ 0.7（issue 2）',
  },
  {
    name: 'public-catalog',
    title: `乡镇公开事项目录 GET /api/public/units/${p.township}/matters`,
    api: { path: `/api/public/units/${p.township}/matters`, username: null },
    baseline: {
      label: '同一目录解析 SQL 直连 postgres.js',
      direct: async (_sql, db, q) => {
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
        return resolveCatalog(db as any, q.township, today)
      },
    },
    aim: 'API 吞吐 / 直连吞吐（issue 3，全量六安目录）',
  },
  {
    name: 'standards-summary',
    title: `全市标准化建设汇总 GET /api/units/${p.city}/standards/summary（1,970 个村站、146 个乡镇中心均已检查）`,
    api: { path: `/api/units/${p.city}/standards/summary`, username: `${p.city}-supervisor` },
    baseline: {
      label: `单个村站的汇总 GET /api/units/${p.village}/standards/summary`,
      api: { path: `/api/units/${p.village}/standards/summary`, username: `${p.city}-supervisor` },
    },
    aim: '全市汇总吞吐 / 单站汇总吞吐（issue 5：SQL 聚合，全市不应比单站慢一个数量级）',
  },
  {
    name: 'figures-1m',
    title: `全市办件统计 GET /api/units/${p.city}/supervision/figures?by=child（一个季度 1,000,000 件）`,
    api: { path: `/api/units/${p.city}/supervision/figures?from=2026-07-01&to=2026-09-29&by=child`, username: `${p.city}-supervisor` },
    baseline: {
      label: '同一统计，另一季度 100,000 件',
      api: { path: `/api/units/${p.city}/supervision/figures?from=2026-04-01&to=2026-06-29&by=child`, username: `${p.city}-supervisor` },
    },
    aim: '1,000,000 件吞吐 / 100,000 件吞吐 ≥ 0.67，即耗时比 ≤ 1.5×（issue 6：统计读日汇总，成本随单位×天×事项而非办件数增长）',
  },
]
