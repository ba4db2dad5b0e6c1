// Node entry: `npm start`. Embedded PGlite under DATA_DIR unless DATABASE_URL is set.
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { systemClock } from './platform/clock.js'
import { migrateToLatest } from './platform/db/migrate.js'
import { openDatabase } from './platform/db/open.js'
import { createLogger } from './platform/logger.js'
import { seedDemo } from './seed/demo.js'
import { join } from 'node:path'
import { nodeDocsFiles } from './platform/docs-node.js'
import { directoryStorage } from './platform/storage-local.js'
import { startScheduler } from './platform/jobs.js'
import { transportFor, useOutboxTransport } from './modules/cases/dispatcher.js'
import './jobs.js'

async function main() {
  let config
  try {
    config = loadConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); process.exit(1) }
    throw e
  }
  const log = createLogger(config.LOG_LEVEL)
  const db = await openDatabase(config, { max: 20 })
  const migrated = await migrateToLatest(db)
  const applied = migrated.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
  console.log(applied.length ? `数据库已迁移：${applied.join(', ')}` : '数据库结构已是最新')

  let accounts: { username: string; role: string; unit: string }[] = []
  if (config.SEED_DEMO) {
    const seeded = await seedDemo(db, config.DEMO_PASSWORD, systemClock.now())
    accounts = seeded.accounts
    const p = seeded.pack
    console.log(seeded.units.created || seeded.createdUsers || p.published.length || p.grants
      ? `演示数据已导入：${seeded.units.created} 个单位，${seeded.createdUsers} 个账号，发布目录 ${p.published.length} 个，授权 ${p.grants} 项，窗口 ${p.windows} 个`
      : '演示数据已存在，未重复导入')
  }

  // Evidence files (检查佐证材料) live next to the embedded database, under DATA_DIR/evidence.
  const storage = directoryStorage(join(config.DATA_DIR, 'evidence'))
  const app = createApp({ config, clock: systemClock, log, db: () => db, storage, docsFiles: nodeDocsFiles() })
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    const url = `http://localhost:${info.port}`
    console.log(`\n四级联动为民服务平台已启动（数据库：${db.kind === 'pglite' ? `内嵌 PGlite，${config.DATA_DIR}` : 'PostgreSQL'}）`)
    console.log(`  服务地址  ${url}`)
    console.log(`  接口文档  ${url}/docs   (OpenAPI: ${url}/api/openapi.json)`)
    if (accounts.length) {
      console.log(`\n演示账号（密码均为 DEMO_PASSWORD${config.DEMO_PASSWORD === 'demo-password' ? '，默认 demo-password' : ''}）：`)
      for (const a of accounts) console.log(`  ${a.username.padEnd(28)} ${a.unit} ${a.role}`)
    }
  })
  // Scheduled jobs (sessions cleanup, …) every JOBS_INTERVAL_SECONDS; several Node processes on
  // one database are fine: the advisory lock in runJob lets one of them do each run.
  useOutboxTransport(transportFor(config, log))
  const scheduler = startScheduler({ db, now: () => systemClock.now(), log, intervalSeconds: config.JOBS_INTERVAL_SECONDS })
  const stop = async () => { server.close(); await scheduler.stop(); await db.close(); process.exit(0) }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => { console.error('启动失败：', e?.message ?? e); process.exit(1) })
