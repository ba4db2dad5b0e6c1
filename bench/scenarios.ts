// Benchmark scenarios: each compares a route through the whole API (session check, CASL ability,
// RLS transaction, JSON) with a baseline served by a bare Node HTTP server that issues the same
// SQL directly with postgres.js (no transaction, no RLS), or with another API route.
import { createHash } from 'node:crypto'
import type postgres from 'postgres'
import { type Kysely, sql } from 'kysely'
import { resolveCatalog } from '../src/modules/catalog/queries.js'
import { LIST_COLUMNS } from '../src/modules/cases/queries.js'
import { scopeOf } from '../src/platform/scope.js'
import { WORKING_DAYS_LEFT_SQL, workingDaysLeftJoinsSql } from '../src/platform/work-days.js'
import type { DB } from '../db/types.js'
import type { Database } from '../src/platform/db/database.js'

export interface Params {
  county: string; township: string; village: string; city: string
  /** A second county of the city, loaded with 1,300,000 cases for cases-list-1m (its own supervisor account). */
  bigCounty: string
}

export interface Request {
  /** Path on the API server. */
  path: string
  /** Login used for the API request (null: public, no login). */
  username: string | null
  /** A later page: before measuring, run.ts follows `next` this many times from `path` and measures the page it reaches. */
  follow?: number
}

export interface Scenario {
  name: string
  title: string
  api: Request
  /** Baseline: either the same SQL on the bare server, or another API request. */
  baseline: { direct: (sql: postgres.Sql, db: Kysely<DB>, p: Params) => Promise<unknown>; label: string } | { api: Request; label: string }
  /** What the printed ratio means and the aim from the issue. */
  aim: string
  /**
   * Optional third measurement on the bare server: the baseline's SQL inside the app's own read-only
   * RLS transaction (Database.scoped, the actor's scope), no framework. It splits the API's cost into
   * the transaction and everything else. It must answer the same body as the baseline (run.ts checks).
   */
  floor?: { label: string; direct: (db: Database, p: Params) => Promise<unknown> }
}

/** A write flow measured as completed iterations per second (CONNECTIONS loops in parallel). */
export interface FlowScenario {
  name: string
  title: string
  aim: string
  /** One iteration through the API (throws on any unexpected status); `loop` is the index of the parallel loop. */
  api: (x: { base: string; headers: (username: string) => Promise<Record<string, string>> }, loop: number) => Promise<void>
  /** One iteration of the same writes directly in one transaction. */
  direct: (sql: postgres.Sql, loop: number) => Promise<void>
  baselineLabel: string
  /** Parallel loops (default BENCH_CONNECTIONS). */
  concurrency?: number
}

/** What the hall-service flows need from their setup (setup.ts hallQueue / hallBooking). */
export interface HallData {
  queue?: { hallId: string; windows: { id: string; number: string }[]; day: string }
  booking?: { slots: Record<'api' | 'direct', string[]> }
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** The k-th distinct valid resident ID number (GB 11643 check character) of a side of the bench. */
const benchId = (side: number, k: number) => {
  const birth = new Date(Date.UTC(1950 + side * 30, 0, 1) + Math.floor(k / 900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
  const base = `341502${birth}${String(100 + (k % 900)).padStart(3, '0')}`
  return base + '10X98765432'[W.reduce((a, w, i) => a + w * Number(base[i]), 0) % 11]
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const SEATS = 1000

export const hallFlowScenarios = (p: Params, data: HallData): FlowScenario[] => {
  const counters = { api: 0, direct: 0 }
  const seat = (side: 'api' | 'direct') => {
    const k = counters[side]++
    const slot = data.booking!.slots[side][Math.floor(k / SEATS)]
    if (!slot) throw new Error('appointments-book: out of seats (more slots in setup)')
    return { k, slot }
  }
  return [
    {
      name: 'queue-call-next',
      title: `20 个窗口同时叫号 POST /api/units/{code}/windows/{id}/call-next（${CASE_UNIT} 一个大厅）`,
      aim: 'API 叫号数 / 直接 SQL 叫号数（issue 18）',
      baselineLabel: '同样的 update … for update skip locked 取号 + 写入叫号记录，直接在一个事务里',
      concurrency: 20,
      api: async ({ base, headers }, loop) => {
        const w = data.queue!.windows[loop % data.queue!.windows.length]!
        const r = await fetch(`${base}/api/units/${CASE_UNIT}/windows/${w.id}/call-next`, { method: 'POST',
          headers: { ...(await headers(`${CASE_UNIT}-center_admin`)), 'content-type': 'application/json' }, body: '{}' })
        if (r.status !== 200) throw new Error(`call-next ${r.status}: ${await r.text()}`)
        const b = (await r.json()) as any
        if (!b.ticket) throw new Error('call-next: the queue ran dry (more tickets in setup)')
      },
      direct: async (sql, loop) => {
        const q = data.queue!
        const w = q.windows[loop % q.windows.length]!
        await sql.begin(async (tx) => {
          const [t] = await tx`update queue_tickets t set status = 'called', window_id = ${w.id}, called_at = now(), call_count = 1
             where t.id = (select q.id from queue_tickets q
                where q.hall_id = ${q.hallId} and q.day = ${q.day}::date and q.status = 'waiting'
                  and q.group_id in (select g.group_id from window_groups g where g.window_id = ${w.id})
                order by q.priority desc, q.taken_at, q.seq limit 1 for update skip locked)
               and t.status = 'waiting'
            returning t.*`
          if (!t) throw new Error('direct call-next: the queue ran dry')
          await tx`insert into queue_calls (unit_code, hall_id, ticket_id, ticket_number, window_number, name_masked, spoken, at)
            values (${t.unit_code}, ${t.hall_id}, ${t.id}, ${t.number}, ${w.number}, ${t.name_masked}, ${`请${t.number}号到${w.number}号窗口`}, now())`
        })
      },
    },
    {
      name: 'appointments-book',
      title: `并发预约 POST /api/public/units/{code}/appointments（${CASE_UNIT}，抢同一时段的名额）`,
      aim: 'API 预约数 / 直接 SQL 预约数（issue 18）',
      baselineLabel: '同样的时段查询、全市爽约查询、占座 update、编号计数器和写入预约，直接在一个事务里',
      api: async ({ base }) => {
        const { k, slot } = seat('api')
        const r = await fetch(`${base}/api/public/units/${CASE_UNIT}/appointments`, { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ slotId: slot, idNumber: benchId(0, k), name: '王小明', phone: '13812341234' }) })
        if (r.status !== 201) throw new Error(`book ${r.status}: ${await r.text()}`)
        await r.arrayBuffer()
      },
      direct: async (sql) => {
        const { k, slot } = seat('direct')
        const id = benchId(1, k)
        const idHash = sha(`id:${id}`)
        await sql.begin(async (tx) => {
          const [s] = await tx`select * from appointment_slots where id = ${slot} and unit_code = ${CASE_UNIT}`
          await tx`select day from appointments where id_hash = ${idHash} and status = 'booked' and day >= current_date - 60 and day < current_date
            and unit_code between ${CASE_UNIT.slice(0, 4) + '00000000'} and ${CASE_UNIT.slice(0, 4) + '99999999'}`
          const [ok] = await tx`update appointment_slots set booked = booked + 1 where id = ${s.id} and booked < capacity returning id`
          if (!ok) throw new Error('direct book: slot full')
          const [{ last }] = await tx`insert into hall_counters (unit_code, kind, day, last) values (${CASE_UNIT}, 'booking', current_date, 1)
            on conflict (unit_code, kind, day) do update set last = hall_counters.last + 1 returning last`
          const no = `${CASE_UNIT}-D-${last}-${k}`
          await tx`insert into appointments (unit_code, hall_id, group_id, slot_id, day, booking_no, query_code_hash, id_hash, id_masked, name_masked, phone_masked, created_at)
            values (${CASE_UNIT}, ${s.hall_id}, ${s.group_id}, ${s.id}, ${s.day}, ${no}, ${sha(no)}, ${idHash}, ${id.slice(0, 6) + '********' + id.slice(-4)}, '王**', '138****1234', now())`
        })
      },
    },
  ]
}

// The intake + acceptance flow: 金安区's window clerk, a food business licence in its hall.
export const CASE_UNIT = '341502000000'
export const CASE_MATTER = '3415-SCJG-XK-0001'
const APPLICANT = { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }

export const flowScenarios = (p: Params, data: { materials: { name: string }[]; matter: unknown }): FlowScenario[] => [
  {
    name: 'case-intake-accept',
    title: `收件并受理 POST /api/cases + POST /api/cases/{id}/accept（${CASE_UNIT}，${CASE_MATTER}）`,
    aim: 'API 完成数 / 直接写入数（issue 4）',
    baselineLabel: '同样的写入（计数器、办件、材料、事件、受理、消息）直接在一个事务里',
    api: async ({ base, headers }) => {
      const h = { ...(await headers(`${CASE_UNIT}-window_clerk`)), 'content-type': 'application/json' }
      const r = await fetch(`${base}/api/cases`, { method: 'POST', headers: h,
        body: JSON.stringify({ unitCode: CASE_UNIT, matterCode: CASE_MATTER, applicant: APPLICANT, materials: data.materials }) })
      if (r.status !== 201) throw new Error(`intake ${r.status}: ${await r.text()}`)
      const id = ((await r.json()) as any).case.id
      const a = await fetch(`${base}/api/cases/${id}/accept`, { method: 'POST', headers: h, body: '{}' })
      if (a.status !== 200) throw new Error(`accept ${a.status}: ${await a.text()}`)
      await a.arrayBuffer()
    },
    direct: async (sql) => {
      await sql.begin(async (tx) => {
        const day = '2026-11-25'
        const [{ last }] = await tx`insert into case_receipt_counters (unit_code, day, last) values (${CASE_UNIT}, ${day}, 1)
          on conflict (unit_code, day) do update set last = case_receipt_counters.last + 1 returning last`
        const receipt = `${CASE_UNIT}-20261125-${String(last).padStart(5, '0')}-d`
        const [c] = await tx`insert into cases (unit_code, intake_unit_code, matter_code, matter_name, catalog_unit_code, catalog_version, matter,
            channel, applicant_kind, applicant_id_number, applicant_id_masked, applicant_name, applicant_name_masked, applicant_phone,
            applicant_phone_masked, receipt_no, query_code_hash, status, received_at, received_day, acceptance_deadline, limit_days)
          values (${CASE_UNIT}, ${CASE_UNIT}, ${CASE_MATTER}, '食品经营许可', ${p.city}, 1, ${tx.json(data.matter as any)}, 'window', 'person',
            ${APPLICANT.idNumber}, '3415**********1235', ${APPLICANT.name}, '张*', ${APPLICANT.phone}, '138****5678', ${receipt},
            ${'0'.repeat(64)}, 'submitted', now(), ${day}, '2026-12-02', 20) returning id`
        await tx`insert into case_materials ${tx(data.materials.map((m) => ({ case_id: c.id, unit_code: CASE_UNIT, name: m.name, required: true, provided: true })))}`
        await tx`insert into case_events (case_id, unit_code, actor_unit_code, type, payload, at) values (${c.id}, ${CASE_UNIT}, ${CASE_UNIT}, 'intake', '{}', now())`
        await tx`update cases set status = 'accepted', accepted_at = now(), accepted_day = ${day}, clock_start = ${day}, due_date = '2026-12-23',
          version = version + 1 where id = ${c.id} and version = 1`
        await tx`insert into case_events (case_id, unit_code, actor_unit_code, type, payload, at) values (${c.id}, ${CASE_UNIT}, ${CASE_UNIT}, 'accept', '{}', now())`
        await tx`insert into outbox (id, unit_code, case_id, kind, payload, created_at, next_attempt_at)
          values (gen_random_uuid(), ${CASE_UNIT}, ${c.id}, 'case_confirmed', '{}', now(), now())`
      })
    },
  },
]

export const scenarios = (p: Params): Scenario[] => [
  {
    name: 'units-children',
    title: `下级单位列表 GET /api/units/${p.township}/children`,
    api: { path: `/api/units/${p.township}/children`, username: `${p.township}-center_admin` },
    baseline: {
      label: '同一 SQL 直连 postgres.js',
      direct: (sql, _db, q) => sql`select *, code::text as _k0 from units where parent_code = ${q.township} and active = true order by code limit 51` // the default page (50) + 1,
    },
    aim: 'API 吞吐 / 直连吞吐 ≥ 0.7（issue 2）',
    floor: {
      label: '同一 SQL 在应用的只读 RLS 事务里（Database.scoped，乡镇管理员的范围），无框架',
      direct: (db, q) => db.scoped(scopeOf(q.township), (tx) =>
        sql<Record<string, unknown>>`select *, code::text as _k0 from units where parent_code = ${q.township} and active = true order by code limit 51`
          .execute(tx).then((r) => r.rows), { readOnly: true }),
    },
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
    name: 'portal-guide',
    title: `门户办事指南页 GET /units/${p.township}/matters/${CASE_MATTER}（HTML）`,
    api: { path: `/units/${p.township}/matters/${CASE_MATTER}`, username: null },
    baseline: { label: '同一指南的公开 JSON GET /api/public/units/{code}/matters/{matterCode}/guide', api: { path: `/api/public/units/${p.township}/matters/${CASE_MATTER}/guide`, username: null } },
    aim: '门户页吞吐 / 公开 JSON 吞吐（issue 17：页面与 API 调用同一 verb，渲染 HTML 的额外开销）',
  },
  {
    name: 'cases-open-list',
    title: `县级在办件列表 GET /api/cases?unit=${p.county}&status=accepted（金安区 100,000 件）`,
    api: { path: `/api/cases?unit=${p.county}&status=accepted`, username: `${p.county}-supervisor` },
    baseline: {
      label: '同一查询（同样的列、剩余工作日、排序与 51 行）不经 RLS、直连 postgres.js',
      direct: (sql, _db, q) => caseListSql(sql, q.county),
    },
    aim: 'RLS 下 API 吞吐 / 无 RLS 直连吞吐 ≥ 0.8（issue 19）',
  },
  {
    // The window clerk's first screen: 待受理 with the working days left on each case (the days are
    // counted in SQL on the unit's calendar, two work_days lookups a row of the page).
    name: 'workqueue',
    title: `窗口工作台首页 GET /api/cases?unit=${p.county}&status=submitted&limit=20（金安区 100,000 件，含剩余工作日）`,
    api: { path: `/api/cases?unit=${p.county}&status=submitted&limit=20`, username: `${p.county}-window_clerk` },
    baseline: {
      label: '同一列表查询（同样的列、排序与 21 行，不算剩余工作日）不经 RLS、直连 postgres.js',
      direct: (sql, _db, q) => caseListSql(sql, q.county, 'submitted', 21, false),
    },
    aim: '工作台首页 API 吞吐 / 无 RLS 直连吞吐（issue 16：10 万件的县，首页服务端耗时见 p50/p99）',
  },
  {
    name: 'cases-list-1m',
    title: `县级在办件列表，1,300,000 件的县 GET /api/cases?unit=${p.bigCounty}&status=accepted`,
    api: { path: `/api/cases?unit=${p.bigCounty}&status=accepted`, username: `${p.bigCounty}-supervisor` },
    baseline: {
      label: `同一请求，100,000 件的县 GET /api/cases?unit=${p.county}&status=accepted`,
      api: { path: `/api/cases?unit=${p.county}&status=accepted`, username: `${p.county}-supervisor` },
    },
    aim: '1,300,000 件的县吞吐 / 100,000 件的县吞吐 ≥ 0.85（issue 19：列表不随表增长变慢）',
  },
  {
    name: 'cases-page-100',
    title: `县级在办件列表第 100 页（游标翻页）GET /api/cases?unit=${p.county}&status=accepted&cursor=…`,
    api: { path: `/api/cases?unit=${p.county}&status=accepted`, username: `${p.county}-supervisor`, follow: 99 },
    baseline: {
      label: `第 1 页 GET /api/cases?unit=${p.county}&status=accepted`,
      api: { path: `/api/cases?unit=${p.county}&status=accepted`, username: `${p.county}-supervisor` },
    },
    aim: '第 100 页吞吐 / 第 1 页吞吐 ≥ 0.8（issue 19：键集翻页，无 OFFSET）',
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
    title: `全市办件统计 GET /api/units/${p.city}/supervision/case-figures?by=child（一个季度 1,000,000 件）`,
    api: { path: `/api/units/${p.city}/supervision/case-figures?from=2026-07-01&to=2026-09-29&by=child`, username: `${p.city}-supervisor` },
    baseline: {
      label: '同一统计，另一季度 100,000 件',
      api: { path: `/api/units/${p.city}/supervision/case-figures?from=2026-04-01&to=2026-06-29&by=child`, username: `${p.city}-supervisor` },
    },
    aim: '1,000,000 件吞吐 / 100,000 件吞吐 ≥ 0.67，即耗时比 ≤ 1.5×（issue 6：统计读日汇总，成本随单位×天×事项而非办件数增长）',
  },
  {
    name: 'figures-city-owner',
    title: `全市办件统计 GET /api/units/${p.city}/supervision/case-figures?by=child（一个季度 1,000,000 件），对照属主直接 SQL`,
    api: { path: `/api/units/${p.city}/supervision/case-figures?from=2026-07-01&to=2026-09-29&by=child`, username: `${p.city}-supervisor` },
    baseline: {
      label: '同样两条语句（按下级汇总 case_daily_stats、下级单位）以属主身份直连，无 RLS',
      direct: async (sql, _db, q) => {
        // The statements of caseFigures (src/modules/oversight/figures.ts) for the city by child, values inlined as parameters.
        const lo = q.city.slice(0, 4) + '00000000', hi = q.city.slice(0, 4) + '99999999'
        const groups = await sql`select case when unit_code = ${q.city} then unit_code else rpad(substr(unit_code, 1, 6), 12, '0') end as key,
          sum(received)::int as received, sum(accepted)::int as accepted, sum(deemed)::int as deemed, sum(rejected)::int as rejected,
          sum(noticed)::int as noticed, sum(renoticed)::int as renoticed, sum(completed)::int as completed, sum(on_time)::int as on_time,
          sum(overdue)::int as overdue, sum(same_day)::int as same_day, sum(statutory_days)::bigint as statutory_days,
          sum(promised_days)::bigint as promised_days, sum(actual_days)::bigint as actual_days, sum(zero_visit)::int as zero_visit,
          sum(one_visit)::int as one_visit
          from case_daily_stats where unit_code between ${lo} and ${hi} and day between '2026-07-01'::date and '2026-09-29'::date group by 1 order by 1`
        const children = await sql`select code, name from units where parent_code = ${q.city} order by code`
        return { groups, children }
      },
    },
    aim: 'API（RLS）吞吐 / 属主直连（无 RLS）吞吐 ≥ 0.8（issue 19）',
  },
]

/** The case list's statement (listCases: the same columns, order and page size) for a county, without RLS. */
// The list the API runs: the same columns, order and LIMIT, and (daysLeft) the same working-days-left
// expression on the unit's calendar that GET /api/cases returns with every row.
function caseListSql(sql: postgres.Sql, county: string, status = 'accepted', limit = 51, daysLeft = true) {
  const lo = county.slice(0, 6) + '000000', hi = county.slice(0, 6) + '999999'
  const page = sql`select ${sql(LIST_COLUMNS.map((k) => `c.${k}`))}, (extract(epoch from c.received_at) * 1000000)::int8::text as received_us
    from cases c where ((c.unit_code >= ${lo} and c.unit_code <= ${hi}) or (c.intake_unit_code >= ${lo} and c.intake_unit_code <= ${hi}))
    and c.status = ${status} order by c.received_at desc, c.id desc limit ${limit}`
  if (!daysLeft) return page
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  return sql`select c.*, ${sql.unsafe(WORKING_DAYS_LEFT_SQL)} as working_days_left from (${page}) as c
    ${sql.unsafe(workingDaysLeftJoinsSql(today))} order by c.received_at desc, c.id desc`
}
