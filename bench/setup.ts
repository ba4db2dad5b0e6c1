// Data a scenario needs beyond the demo tenant, written directly as the owner (not timed).
import { CompiledQuery, sql } from 'kysely'
import { hashPassword } from '../src/modules/auth/password.js'
import { SYSTEM_SCOPE } from '../src/platform/scope.js'
import type { Database } from '../src/platform/db/database.js'
import type { Params } from './scenarios.js'

/** The password of every account the bench logs in with (the demo accounts and the big county's supervisor). */
export const BENCH_PASSWORD = 'bench-password-1'

export const setups: Record<string, (db: Database, p: Params) => Promise<string>> = {
  // 100,000 cases across 金安区 and its townships, most of them accepted and open (triggers off
  // for the bulk load: the audit chain of this throwaway database is not what is measured).
  'cases-open-list': async (db, p) => `${(await countyCases(db, p, p.county, 100_000, 'B')).toLocaleString()} 件`,
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

// Supervision of cases (issue 6): cases generated set-based (insert … select generate_series),
// with their roll-up rows computed from them in one grouped insert (the trigger only runs on
// events, which a bulk load does not write). Handled at the city's county and township centers,
// five common matters; every case completed on its day of receipt. Scale with BENCH_CASES_SCALE.
const SCALE = Number(process.env.BENCH_CASES_SCALE ?? 1)
const MATTERS = `array['B-FOOD','B-ELDER','B-HOUSE','B-BIRTH','B-SOCIAL']`
const DEPTS = `array['市场监督管理局','民政局','住房和城乡建设局','卫生健康委员会','人力资源和社会保障局']`

// Bulk loads run with triggers off (session_replication_role = replica) on one owner connection: the
// audit chain and the event roll-up trigger are not what these scenarios measure.
async function bulk(db: Database, text: string, params: unknown[]) {
  await db.owner(async (k) => {
    await k.executeQuery(CompiledQuery.raw('set session_replication_role = replica'))
    try { await k.executeQuery(CompiledQuery.raw(text, params)) } finally { await k.executeQuery(CompiledQuery.raw('set session_replication_role = origin')) }
  })
}

async function generateCases(db: Database, p: Params, tag: string, n: number, from: string, days: number, open: boolean) {
  await bulk(db, `
    with u as (select array_agg(code order by code) as a from units where code like $1 and level in ('city', 'county', 'township'))
    insert into cases (unit_code, intake_unit_code, matter_code, matter_name, catalog_unit_code, catalog_version, matter, channel,
      applicant_kind, applicant_id_number, applicant_id_masked, applicant_name, applicant_name_masked, applicant_phone,
      applicant_phone_masked, receipt_no, query_code_hash, status, received_at, received_day, acceptance_deadline,
      accepted_at, accepted_day, clock_start, limit_days, due_date, decision, decided_day)
    select x.unit, x.unit, x.matter, '基准测试事项', x.unit, 1,
      jsonb_build_object('department', x.dept, 'statutoryLimit', jsonb_build_object('days', 20)),
      case when g % 3 = 0 then 'online' else 'window' end,
      'person', '341502199003071235', '3415**********1235', '张三', '张*', '13812345678', '138****5678',
      $2 || '-' || g, 'x', case when $5 then 'accepted' else 'delivered' end,
      x.day::timestamp at time zone 'Asia/Shanghai' + interval '2 hours', x.day, x.day + 7,
      x.day::timestamp at time zone 'Asia/Shanghai' + interval '2 hours', x.day, x.day, 10,
      case when $5 then current_date + (g % 12) - 4 else x.day + 14 end,
      case when $5 then null else 'approve' end,
      case when $5 then null else x.day + (g % 20) end
    from generate_series(1, $3::int) g, u
    -- Unit, matter and day drawn independently (random()), so the roll-up fills like real traffic.
    cross join lateral (select u.a[1 + floor(random() * cardinality(u.a) + g * 0)::int] as unit, 1 + floor(random() * 5 + g * 0)::int as m,
                               $4::date + floor(random() * $6::int + g * 0)::int as day) r
    cross join lateral (select r.unit, (${MATTERS})[r.m] as matter, (${DEPTS})[r.m] as dept, r.day) x`,
    [`${p.city.slice(0, 4)}%`, tag, n, from, open, days])
  if (open) return
  await db.query(`
    insert into case_daily_stats as s (unit_code, day, matter_code, department, received, accepted, completed, on_time, overdue,
      same_day, statutory_days, promised_days, actual_days, zero_visit, one_visit)
    select unit_code, received_day, matter_code, matter ->> 'department', count(*), count(*), count(*),
      count(*) filter (where decided_day <= due_date), count(*) filter (where decided_day > due_date),
      count(*) filter (where decided_day = accepted_day), 20 * count(*), sum(limit_days), sum(decided_day - clock_start),
      count(*) filter (where channel = 'online'), count(*) filter (where channel <> 'online')
    from cases where receipt_no like $1 group by 1, 2, 3, 4
    on conflict (unit_code, day, matter_code, department) do update set received = s.received + excluded.received,
      accepted = s.accepted + excluded.accepted, completed = s.completed + excluded.completed`, [`${tag}-%`])
}

async function rollupRows(db: Database, from: string, to: string) {
  const [r] = await db.query(`select count(*)::int as n from case_daily_stats where day between $1 and $2`, [from, to])
  return r.n as number
}

export const FIGURES_PERIODS = { big: ['2026-07-01', '2026-09-29'], small: ['2026-04-01', '2026-06-29'] } as const

setups['figures-1m'] = async (db, p) => {
  const t0 = performance.now()
  const big = Math.round(1_000_000 * SCALE), small = Math.round(100_000 * SCALE)
  await generateCases(db, p, 'B1M', big, FIGURES_PERIODS.big[0], 91, false)
  await generateCases(db, p, 'B100K', small, FIGURES_PERIODS.small[0], 91, false)
  await db.query('analyze cases; analyze case_daily_stats')
  return `${big.toLocaleString()} + ${small.toLocaleString()} 件已办结办件（各 91 天），统计汇总行 ${
    (await rollupRows(db, ...FIGURES_PERIODS.big)).toLocaleString()} / ${(await rollupRows(db, ...FIGURES_PERIODS.small)).toLocaleString()}，用时 ${((performance.now() - t0) / 1000).toFixed(1)}s`
}

setups['warnings-sweep'] = async (db, p) => {
  const n = Math.round(100_000 * SCALE)
  await generateCases(db, p, 'BOPEN', n, new Date().toISOString().slice(0, 10), 1, true)
  await db.query('analyze cases')
  return `${n.toLocaleString()} 件在办办件（到期日分布在今天前后）`
}

/**
 * n cases at a county and its townships (round robin over their codes), the matter snapshot of a
 * real catalog item (~1.2 KB of jsonb) in each, 70 % accepted, received over 300 days. Returns the
 * county's case count afterwards.
 */
async function countyCases(db: Database, p: Params, county: string, n: number, tag: string): Promise<number> {
  const [m] = await db.query(`select data from catalog_version_items where matter_code = $1 limit 1`, ['3415-SCJG-XK-0001'])
  await bulk(db, `
    with u as (select array_agg(code order by code) as a from units where code like $1 and level in ('county', 'township'))
    insert into cases (unit_code, intake_unit_code, matter_code, matter_name, catalog_unit_code, catalog_version, matter, channel,
      applicant_kind, applicant_id_number, applicant_id_masked, applicant_name, applicant_name_masked, applicant_phone,
      applicant_phone_masked, receipt_no, query_code_hash, status, received_at, received_day, acceptance_deadline,
      accepted_at, accepted_day, clock_start, limit_days, due_date)
    select u.a[1 + g % cardinality(u.a)], u.a[1 + g % cardinality(u.a)], '3415-SCJG-XK-0001', '食品经营许可', $2, 1, $3::text::jsonb, 'window',
      'person', '341502199003071235', '3415**********1235', '张三', '张*', '13812345678', '138****5678',
      $4 || '-' || g, repeat('0', 64), case when g % 10 < 7 then 'accepted' when g % 10 < 9 then 'delivered' else 'submitted' end,
      timestamptz '2026-01-01 09:00+08' + (g % 300) * interval '1 day' + (g % 480) * interval '1 minute',
      date '2026-01-01' + (g % 300), date '2026-01-08' + (g % 300),
      timestamptz '2026-01-01 10:00+08' + (g % 300) * interval '1 day', date '2026-01-01' + (g % 300), date '2026-01-01' + (g % 300),
      20, date '2026-01-29' + (g % 300)
    from generate_series(1, $5::int) g, u`, [`${county.slice(0, 6)}%`, p.city, JSON.stringify(m?.data ?? {}), tag, n])
  await db.query('analyze cases')
  const [c] = await db.query(`select count(*)::int as n from cases where unit_code like $1`, [`${county.slice(0, 6)}%`])
  return c.n
}

// Scenarios that read another one's data load it once.
const loaded = new Map<string, Promise<string>>()
const once = (name: string, db: Database, p: Params) => {
  if (!loaded.has(name)) loaded.set(name, original[name]!(db, p))
  return loaded.get(name)!
}
const original = { ...setups }
for (const name of Object.keys(original)) setups[name] = (db, p) => once(name, db, p)

// The same list in a county with 1,300,000 cases (13× 金安区's); its supervisor logs in like 金安区's.
setups['cases-list-1m'] = async (db, p) => {
  await once('cases-open-list', db, p)
  const n = Math.round(1_300_000 * SCALE)
  const total = await countyCases(db, p, p.bigCounty, n, 'BIG')
  await db.query('vacuum (analyze) cases')
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    await sql`insert into users (unit_code, username, display_name, password_hash, roles, created_by)
      values (${p.bigCounty}, ${`${p.bigCounty}-supervisor`}, '基准测试监督员', ${await hashPassword(BENCH_PASSWORD)}, ${['supervisor']}, null)
      on conflict do nothing`.execute(tx)
  })
  const [small] = await db.query(`select count(*)::int as n from cases where unit_code like $1`, [`${p.county.slice(0, 6)}%`])
  return `${p.bigCounty} ${total.toLocaleString()} 件，${p.county} ${small.n.toLocaleString()} 件`
}
setups['workqueue'] = (db, p) => once('cases-open-list', db, p).then((s) => `与 cases-open-list 同一数据（${s}，其中一成待受理）`)
setups['cases-page-100'] = (db, p) => once('cases-open-list', db, p).then((s) => `与 cases-open-list 同一数据（${s}）`)
setups['figures-city-owner'] = (db, p) => once('figures-1m', db, p).then((s) => `与 figures-1m 同一数据（${s}）`)

/**
 * queue-call-next: a branch hall of 金安区 with 20 windows serving one group, and `n` waiting
 * tickets of today (Asia/Shanghai) so that no window runs dry while measured.
 */
export async function hallQueue(db: Database, unit: string, day: string, n: number) {
  const [hall] = await db.query<{ id: string }>(`insert into halls (unit_code, kind, name, address, hours, phone)
    values ($1, 'branch', '基准测试分中心', '基准测试路 1 号', '09:00-17:00', '0564-0000000') returning id`, [unit])
  const [group] = await db.query<{ id: string }>(`insert into service_groups (unit_code, hall_id, prefix, name, matter_codes)
    values ($1, $2, 'Q', '基准测试叫号', '{}') returning id`, [unit, hall.id])
  const windows = await db.query<{ id: string; number: string }>(`insert into windows (unit_code, number, name, hall_id)
    select $1, 'Q' || lpad(g::text, 2, '0'), '基准测试窗口 ' || g, $2 from generate_series(1, 20) g returning id, number`, [unit, hall.id])
  await db.query(`insert into window_groups (window_id, group_id, unit_code) select w.id, $2, $1 from windows w where w.hall_id = $3`, [unit, group.id, hall.id])
  await bulk(db, `insert into queue_tickets (unit_code, hall_id, group_id, day, number, channel, taken_at)
    select $1, $2, $3, $4::date, 'Q' || g, 'kiosk', $4::date + interval '1 second' * g from generate_series(1, $5::int) g`, [unit, hall.id, group.id, day, n])
  await db.query('analyze queue_tickets')
  return { hallId: hall.id, groupId: group.id, windows }
}

/**
 * appointments-book: a branch hall of 金安区 with two booking groups (one booked through the API,
 * one by the bare SQL), each with `slotsPerDay` slots of 1,000 seats on the next five working days.
 */
export async function hallBooking(db: Database, unit: string, days: string[], slotsPerDay: number) {
  const [hall] = await db.query<{ id: string }>(`insert into halls (unit_code, kind, name) values ($1, 'branch', '基准测试预约分中心') returning id`, [unit])
  const slots: Record<'api' | 'direct', string[]> = { api: [], direct: [] }
  for (const [side, prefix] of [['api', 'A'], ['direct', 'D']] as const) {
    const [group] = await db.query<{ id: string }>(`insert into service_groups (unit_code, hall_id, prefix, name, matter_codes)
      values ($1, $2, $3, '基准测试预约', '{}') returning id`, [unit, hall.id, prefix])
    const rows = await db.query<{ id: string }>(`insert into appointment_slots (unit_code, hall_id, group_id, day, starts, ends, capacity)
      select $1, $2, $3, d::date, to_char(time '08:00' + interval '10 minutes' * s, 'HH24:MI'), to_char(time '08:10' + interval '10 minutes' * s, 'HH24:MI'), 1000
        from unnest($4::text[]) d, generate_series(0, $5::int - 1) s order by d, s returning id`, [unit, hall.id, group.id, days, slotsPerDay])
    slots[side] = rows.map((r) => r.id)
  }
  await db.query(`insert into hall_settings (unit_code, book_ahead_days) values ($1, 14) on conflict (unit_code) do update set book_ahead_days = 14`, [unit])
  return { hallId: hall.id, slots }
}
