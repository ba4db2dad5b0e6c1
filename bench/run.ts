// npm run bench: side by side in one run on a real PostgreSQL, each scenario through the API and
// against its baseline (scenarios.ts), alternating rounds; prints throughput and the ratio.
// Env: BENCH_DATABASE_URL (default the local server), BENCH_DURATION (s, default 10),
// BENCH_WARMUP (s, default 3), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 10),
// BENCH_ONLY (comma-separated scenario names), BENCH_KEEP (keep the database to look at plans), BENCH_CPU_PROF (directory for the API server's CPU profile).
import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { createPostgresClient, postgresDatabase } from '../src/platform/db/postgres.js'
import { demoUnits, loadPack, LUAN_DIR, seedDemo } from '../src/seed/demo.js'
import { levelOf } from '../src/modules/units/codes.js'
import { CASE_MATTER, CASE_UNIT, flowScenarios, type HallData, hallFlowScenarios, scenarios, type Params, type Request } from './scenarios.js'
import { createJobs } from '../src/jobs.js'
import { runJob } from '../src/platform/jobs.js'
import { BENCH_PASSWORD, hallBooking, hallQueue, setups } from './setup.js'
import { loadCalendar } from '../src/platform/calendar.js'
import { shanghaiDate } from '../src/platform/time.js'
import { scopeOf } from '../src/platform/scope.js'

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const PROF = process.env.BENCH_CPU_PROF
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean)
const PASSWORD = BENCH_PASSWORD

const withDb = (url: string, name: string) => { const u = new URL(url); u.pathname = `/${name}`; return u.toString() }
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as any).port; s.close(() => resolve(p)) })
})

async function start(file: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    // BENCH_CPU_PROF=<dir>: the API server writes a V8 CPU profile there when the run ends (node --cpu-prof).
    execArgv: ['--import', 'tsx', ...(PROF && file.includes('api-server') ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [])], env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)))
  })
  return { child, port }
}

async function load(url: string, headers: Record<string, string>, duration: number) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers })
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** `n` loops (default CONNECTIONS) run fn back to back for `seconds`; completed iterations per second. */
async function loops(seconds: number, fn: (loop: number) => Promise<void>, n = CONNECTIONS) {
  let done = 0
  const end = Date.now() + seconds * 1000
  await Promise.all(Array.from({ length: n }, async (_, i) => { while (Date.now() < end) { await fn(i); done++ } }))
  return done / seconds
}

async function main() {
  const name = `bench_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(BASE, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = withDb(BASE, name)
  const children: ChildProcess[] = []
  try {
    console.log(`数据库 ${name}：迁移并导入六安市演示租户…`)
    const db = postgresDatabase(createPostgresClient(url, { max: 4 }))
    await migrateToLatest(db)
    await seedDemo(db, PASSWORD, new Date())
    const pack = loadPack(LUAN_DIR)
    const [city, county, township, village] = demoUnits(pack)
    const bigCounty = pack.units.map((u) => u.code).filter((c) => levelOf(c) === 'county' && c !== county).sort()[0]!
    const params: Params = { city, county, township, village, bigCounty }
    const chosen = scenarios(params).filter((s) => !ONLY || ONLY.includes(s.name))
    if (!ONLY || ONLY.includes('warnings-sweep')) {
      // First, on open cases alone (other scenarios add theirs after). Not an HTTP scenario: one timed run of the scheduled sweep, then a second that must record nothing.
      process.stdout.write('准备 warnings-sweep… '); console.log(await setups['warnings-sweep']!(db, params))
      for (const label of ['首次', '再次']) {
        const o = await runJob(db, 'supervision:warnings', new Date(), createJobs({ outboxTransport: null }))
        if (o.skipped || o.status !== 'ok') throw new Error(`sweep: ${JSON.stringify(o)}`)
        console.log(`■ 预警扫描（${label}）${o.ms} ms  ${JSON.stringify(o.result)}`)
      }
    }
    const t0 = performance.now()
    for (const s of chosen) {
      const setup = setups[s.name]
      if (!setup) continue
      const t = performance.now()
      process.stdout.write(`准备 ${s.name}… `)
      console.log(`${await setup(db, params)}（${((performance.now() - t) / 1000).toFixed(1)}s）`)
    }
    // The hall-service flows (issue 18): a hall of 20 calling windows with a long queue of today, and slots to book.
    const FLOWS = ['case-intake-accept', 'queue-call-next', 'appointments-book']
    const chosenFlows = ONLY ? FLOWS.filter((n) => ONLY.includes(n)) : FLOWS
    const hallData: HallData = {}
    const today = shanghaiDate(new Date())
    if (chosenFlows.includes('queue-call-next')) {
      process.stdout.write('准备 queue-call-next… ')
      const q = await hallQueue(db, CASE_UNIT, today, Number(process.env.BENCH_TICKETS ?? 300_000))
      hallData.queue = { hallId: q.hallId, windows: q.windows, day: today }
      console.log(`1 个大厅，${q.windows.length} 个窗口，今日候号 ${Number(process.env.BENCH_TICKETS ?? 300_000).toLocaleString()} 张`)
    }
    if (chosenFlows.includes('appointments-book')) {
      process.stdout.write('准备 appointments-book… ')
      const cal = await db.scoped(scopeOf(CASE_UNIT), (tx) => loadCalendar(tx, CASE_UNIT))
      const days: string[] = []
      for (let d = new Date(Date.now() + 86_400_000); days.length < 5; d = new Date(d.getTime() + 86_400_000)) { const x = shanghaiDate(d); if (cal.isWorkingDay(x)) days.push(x) }
      const b = await hallBooking(db, CASE_UNIT, days, 50)
      hallData.booking = { slots: b.slots }
      console.log(`${days.join('、')} 每天 50 个时段，每时段 1000 个名额（API 与直接 SQL 各一组）`)
    }
    console.log(`数据准备共 ${((performance.now() - t0) / 1000).toFixed(1)}s`)
    await db.close()

    const env = { BENCH_DB_URL: url, BENCH_PARAMS: JSON.stringify(params) }
    const api = await start('./api-server.ts', env)
    const bare = await start('./bare-server.ts', env)
    children.push(api.child, bare.child)

    const tokens = new Map<string, string>()
    const headersFor = async (r: Request) => {
      if (!r.username) return {} as Record<string, string>
      if (!tokens.has(r.username)) {
        const res = await fetch(`http://127.0.0.1:${api.port}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: r.username, password: PASSWORD }),
        })
        if (!res.ok) throw new Error(`login ${r.username}: ${res.status} ${await res.text()}`)
        tokens.set(r.username, ((await res.json()) as any).token)
      }
      return { authorization: `Bearer ${tokens.get(r.username)}` }
    }

    console.log(`\n每轮 ${DURATION}s，${CONNECTIONS} 个并发连接，${ROUNDS} 轮交替，取中位数（预热 ${WARMUP}s）\n`)
    const rows: string[][] = []
    // A later page: follow `next` from the first page (the cursor is opaque), then measure that page.
    const pathOf = async (r: Request) => {
      let path = r.path
      for (let i = 0; i < (r.follow ?? 0); i++) {
        const res = await fetch(`http://127.0.0.1:${api.port}${path}`, { headers: await headersFor(r) })
        const next = res.ok ? ((await res.json()) as any).next : null
        if (!next) throw new Error(`${r.path}: no page ${i + 2} (${res.status})`)
        path = `${r.path}${r.path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`
      }
      return path
    }
    for (const s of chosen) {
      const a = { url: `http://127.0.0.1:${api.port}${await pathOf(s.api)}`, headers: await headersFor(s.api) }
      const b = 'direct' in s.baseline
        ? { url: `http://127.0.0.1:${bare.port}/${s.name}`, headers: {} }
        : { url: `http://127.0.0.1:${api.port}${await pathOf(s.baseline.api)}`, headers: await headersFor(s.baseline.api) }
      const f = s.floor ? { url: `http://127.0.0.1:${bare.port}/${s.name}/floor`, headers: {} } : null
      if (f) {
        // The floor must do the baseline's work: same rows, read through RLS as the actor.
        const [x, y] = await Promise.all([b.url, f.url].map(async (u) => (await fetch(u)).text()))
        if (x !== y || x === '[]') throw new Error(`${s.name}: the RLS floor does not answer the baseline's rows`)
      }
      if (WARMUP) { for (const t of [a, b, ...(f ? [f] : [])]) await load(t.url, t.headers, WARMUP) }
      const ra: number[] = [], rb: number[] = [], rf: number[] = [], pa: number[] = [], pb: number[] = [], pf: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        const x = await load(a.url, a.headers, DURATION); ra.push(x.rps); pa.push(x.p99)
        const y = await load(b.url, b.headers, DURATION); rb.push(y.rps); pb.push(y.p99)
        if (f) { const z = await load(f.url, f.headers, DURATION); rf.push(z.rps); pf.push(z.p99) }
      }
      const ratio = median(ra) / median(rb)
      console.log(`■ ${s.title}`)
      console.log(`    API       ${median(ra).toFixed(0).padStart(7)} req/s   p99 ${median(pa)} ms`)
      console.log(`    基线      ${median(rb).toFixed(0).padStart(7)} req/s   p99 ${median(pb)} ms   （${s.baseline.label}）`)
      console.log(`    比值      ${ratio.toFixed(2)}      目标：${s.aim}`)
      if (f) {
        console.log(`    事务下限  ${median(rf).toFixed(0).padStart(7)} req/s   p99 ${median(pf)} ms   （${s.floor!.label}）`)
        console.log(`    分解      事务下限 / 基线 ${(median(rf) / median(rb)).toFixed(2)}；API / 事务下限 ${(median(ra) / median(rf)).toFixed(2)}`)
      }
      console.log('')
      rows.push([s.name, median(ra).toFixed(0), median(rb).toFixed(0), ratio.toFixed(2)])
      if (f) rows.push([`${s.name}:rls-floor`, median(rf).toFixed(0), median(rb).toFixed(0), (median(rf) / median(rb)).toFixed(2)])
    }
    if (chosenFlows.length) {
      const direct = createPostgresClient(url, { max: CONNECTIONS })
      const guide = await (await fetch(`http://127.0.0.1:${api.port}/api/public/units/${CASE_UNIT}/matters/${CASE_MATTER}/guide`)).json() as any
      const [m] = await direct`select data from catalog_version_items where matter_code = ${CASE_MATTER} limit 1`
      const data = { materials: (guide.materials ?? []).map((x: any) => ({ name: x.name })), matter: m?.data ?? {} }
      const headers = (username: string) => headersFor({ path: '', username })
      for (const f of [...flowScenarios(params, data), ...hallFlowScenarios(params, hallData)].filter((x) => chosenFlows.includes(x.name))) {
        const base = `http://127.0.0.1:${api.port}`
        const n = f.concurrency ?? CONNECTIONS
        if (WARMUP) { await loops(WARMUP, (i) => f.api({ base, headers }, i), n); await loops(WARMUP, (i) => f.direct(direct, i), n) }
        const ra: number[] = [], rb: number[] = []
        for (let i = 0; i < ROUNDS; i++) {
          ra.push(await loops(DURATION, (l) => f.api({ base, headers }, l), n))
          rb.push(await loops(DURATION, (l) => f.direct(direct, l), n))
        }
        const ratio = median(ra) / median(rb)
        console.log(`■ ${f.title}（${n} 个并发）`)
        console.log(`    API       ${median(ra).toFixed(0).padStart(7)} 件/s`)
        console.log(`    基线      ${median(rb).toFixed(0).padStart(7)} 件/s   （${f.baselineLabel}）`)
        console.log(`    比值      ${ratio.toFixed(2)}      目标：${f.aim}\n`)
        rows.push([f.name, median(ra).toFixed(0), median(rb).toFixed(0), ratio.toFixed(2)])
      }
      await direct.end()
    }
    console.log('scenario\tapi_rps\tbaseline_rps\tratio')
    for (const r of rows) console.log(r.join('\t'))
  } finally {
    for (const c of children) c.kill()
    if (process.env.BENCH_KEEP) console.log(`保留数据库 ${name}（BENCH_KEEP）：用完请 drop database ${name}`)
    else await admin.unsafe(`drop database if exists ${name} with (force)`).catch((e) => console.error(String(e)))
    await admin.end()
  }
}

main().then(() => process.exit(0), (e) => { console.error('基准测试失败：', e?.message ?? e); process.exit(1) })
