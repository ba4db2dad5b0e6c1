// Node entry: `npm start` (node --import tsx: one process, so the signal npm forwards reaches
// the server itself). Embedded PGlite under DATA_DIR unless DATABASE_URL is set.
import type { Server } from 'node:http'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { clockFrom, systemClock } from './platform/clock.js'
import { migrateToLatest } from './platform/db/migrate.js'
import { openDatabase } from './platform/db/open.js'
import { createLogger } from './platform/logger.js'
import { nodeDocsFiles } from './platform/docs-node.js'
import { directoryStorage } from './platform/storage-local.js'
import { startScheduler } from './platform/jobs.js'
import { demoAccounts, seedDemoOnce } from './seed/apply-tenant.js'
import { wireJobs } from './wiring.js'
import { ensureConsoleBuilt, withConsole } from './console-static.js'

async function main() {
  let config
  try {
    config = loadConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); process.exit(1) }
    throw e
  }
  const t0 = performance.now()
  const log = createLogger(config.LOG_LEVEL)
  // CLOCK_START (tests and demos only): the server's time starts at that instant and runs on.
  const clock = config.CLOCK_START ? clockFrom(config.CLOCK_START) : systemClock
  if (config.CLOCK_START) console.warn(`注意：服务器时钟从 ${config.CLOCK_START} 起走（CLOCK_START，仅供测试和演示）`)
  const db = await openDatabase(config, { max: 20 })
  const migrated = await migrateToLatest(db)
  const applied = migrated.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
  console.log(applied.length ? `数据库已迁移：${applied.join(', ')}` : '数据库结构已是最新')

  // The demo tenant goes into an empty database once; a restart never writes pack data again
  // (administrators' changes made through the API stay). Later pack changes: npm run tenant:apply.
  let accounts: { username: string; role: string; unit: string; windows: string[] }[] = []
  if (config.SEED_DEMO) {
    const demo = await seedDemoOnce(db, config.DEMO_PASSWORD, clock.now())
    accounts = demoAccounts()
    if (demo.loaded) {
      const s = demo.seeded, p = s.pack
      console.log(`演示数据已导入：${s.units.created} 个单位，${s.createdUsers} 个账号，发布目录 ${p.published.length} 个，授权 ${p.grants} 项，窗口 ${p.windows} 个`)
    } else {
      console.log(demo.reason === 'applied'
        ? `演示数据已于 ${demo.appliedAt} 导入，本次启动不再写入（更新租户包请用 npm run tenant:apply tenants/luan）`
        : '数据库中已有单位数据，未导入演示数据（导入租户包请用 npm run tenant:apply tenants/luan）')
    }
  }

  // Evidence files (检查佐证材料) live next to the embedded database, under DATA_DIR/evidence.
  const storage = directoryStorage(join(config.DATA_DIR, 'evidence'))
  const app = createApp({ config, clock, log, db: () => db, storage, docsFiles: nodeDocsFiles() })
  await ensureConsoleBuilt()
  const server = serve({ fetch: withConsole(app), port: config.PORT }, (info) => {
    const url = `http://localhost:${info.port}`
    console.log(`\n四级联动为民服务平台已启动（数据库：${db.kind === 'pglite' ? `内嵌 PGlite，${config.DATA_DIR}` : 'PostgreSQL'}，用时 ${Math.round(performance.now() - t0)} ms）`)
    console.log(`  服务地址  ${url}`)
    console.log(`  工作台    ${url}/console/`)
    console.log(`  接口文档  ${url}/docs   (OpenAPI: ${url}/api/openapi.json)`)
    if (accounts.length) {
      console.log(`\n演示账号（密码均为 DEMO_PASSWORD${config.DEMO_PASSWORD === 'demo-password' ? '，默认 demo-password' : ''}）：`)
      for (const a of accounts) console.log(`  ${a.username.padEnd(28)} ${a.unit} ${a.role}${a.windows.length ? `（${a.windows.join('、')} 号窗口）` : ''}`)
    }
  }) as Server
  // Scheduled jobs (sessions cleanup, …) every JOBS_INTERVAL_SECONDS; several Node processes on
  // one database are fine: the advisory lock in runJob lets one of them do each run.
  const registry = wireJobs(config, log)
  const scheduler = startScheduler({ db, now: () => clock.now(), log, intervalSeconds: config.JOBS_INTERVAL_SECONDS, registry })

  // Clean shutdown: stop taking connections, let requests in flight finish (at most
  // SHUTDOWN_GRACE_SECONDS), stop the job timer (waiting for a running job), close the
  // database (PGlite flushes and closes its files) and exit 0. A second signal exits at once.
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) { console.error('再次收到停止信号，立即退出'); process.exit(1) }
    stopping = true
    console.log(`收到 ${signal}，正在停止：不再接受新请求，等待处理中的请求完成…`)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    // Keep-alive connections that become idle after their last response are closed too.
    const idle = setInterval(() => server.closeIdleConnections(), 100)
    const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), config.SHUTDOWN_GRACE_SECONDS * 1000).unref())
    if (await Promise.race([closed.then(() => 'done' as const), grace]) === 'timeout') {
      console.log(`仍有请求未完成（已等待 ${config.SHUTDOWN_GRACE_SECONDS} 秒），断开其连接`)
      server.closeAllConnections()
      await closed
    }
    clearInterval(idle)
    await scheduler.stop()
    await db.close()
    console.log('已停止')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((e) => { console.error('启动失败：', e?.message ?? e); process.exit(1) })
