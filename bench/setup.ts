// Data a scenario needs beyond the demo tenant, written directly as the owner (not timed).
import type { Database } from '../src/platform/db/database.js'
import type { Params } from './scenarios.js'

export const setups: Record<string, (db: Database, p: Params) => Promise<string>> = {
  // 100,000 cases across 金安区 and its townships, most of them accepted and open (triggers off
  // for the bulk load: the audit chain of this throwaway database is not what is measured).
  'cases-open-list': async (db, p) => {
    const [m] = await db.query(`select data from catalog_version_items where matter_code = $1 limit 1`, ['3415-SCJG-XK-0001'])
    await db.owner(async (k) => {
      const { sql } = await import('kysely')
      await sql.raw(`
        set session_replication_role = replica;
        insert into cases (unit_code, intake_unit_code, matter_code, matter_name, catalog_unit_code, catalog_version, matter, channel,
          applicant_kind, applicant_id_number, applicant_id_masked, applicant_name, applicant_name_masked, applicant_phone,
          applicant_phone_masked, receipt_no, query_code_hash, status, received_at, received_day, acceptance_deadline,
          accepted_at, accepted_day, clock_start, limit_days, due_date)
        select u.code, u.code, '3415-SCJG-XK-0001', '食品经营许可', '${p.city}', 1, '${JSON.stringify(m?.data ?? {}).replaceAll("'", "''")}'::jsonb, 'window',
          'person', '341502199003071235', '3415**********1235', '张三', '张*', '13812345678', '138****5678',
          'B-' || g, repeat('0', 64), case when g % 10 < 7 then 'accepted' when g % 10 < 9 then 'delivered' else 'submitted' end,
          timestamptz '2026-01-01 09:00+08' + (g % 300) * interval '1 day' + (g % 480) * interval '1 minute',
          date '2026-01-01' + (g % 300), date '2026-01-08' + (g % 300),
          timestamptz '2026-01-01 10:00+08' + (g % 300) * interval '1 day', date '2026-01-01' + (g % 300), date '2026-01-01' + (g % 300),
          20, date '2026-01-29' + (g % 300)
        from generate_series(1, 100000) g
        join lateral (select code from units where code like '${p.county.slice(0, 6)}%' and level in ('county', 'township')
                      order by code offset (g % 24) limit 1) u on true;
        set session_replication_role = origin;
        analyze cases;`).execute(k)
    })
    const [n] = await db.query(`select count(*)::int as n from cases`)
    return `${n.n} 件`
  },
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
