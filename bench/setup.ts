// Data a scenario needs beyond the demo tenant, written directly as the owner (not timed).
import type { Database } from '../src/platform/db/database.js'
import type { Params } from './scenarios.js'

export const setups: Record<string, (db: Database, p: Params) => Promise<string>> = {
  // Every village station and township center of the city inspected once, with varied results.
  'standards-summary': async (db, p) => {
    const rows = await db.query(`
      insert into standard_inspections (unit_code, tier, kind, inspector_unit_code, inspector_name, inspected_on,
        template, items, score, grade, built, standardised, yi_you_san_wu)
      select u.code, u.level, 'inspection', u.parent_code, '基准测试检查员', date '2026-11-01',
        '{}'::jsonb, '[]'::jsonb, s.score,
        case when s.score >= 90 then 'demonstration' when s.score >= 75 then 'standard' when s.score >= 60 then 'simple' else 'substandard' end,
        s.score >= 50, s.score >= 75, s.score < 20
      from units u cross join lateral (select (abs(hashtext(u.code)) % 101)::numeric as score) s
      where u.code like $1 and u.level in ('township', 'village')
      returning 1`, [`${p.city.slice(0, 4)}%`])
    return `${rows.length} 个单位已有检查记录`
  },
}
