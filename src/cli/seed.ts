// `npm run db:seed`: migrate DATABASE_URL (or the embedded database under DATA_DIR) and load the
// 六安市 demo tenant with its demo accounts (password DEMO_PASSWORD). Idempotent: a second run
// writes nothing. For local and staging databases only — a real deployment has no demo accounts.
import { ConfigError, loadConfig } from '../config.js'
import { systemClock } from '../platform/clock.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'
import { seedDemo } from '../seed/demo.js'

try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  await migrateToLatest(db)
  const s = await seedDemo(db, config.DEMO_PASSWORD, systemClock.now())
  const p = s.pack
  console.log(s.units.created || s.createdUsers || p.published.length || p.grants || s.standards.published.length
    ? `演示数据已导入：${s.units.created} 个单位，${s.createdUsers} 个账号，发布目录 ${p.published.length} 个，授权 ${p.grants} 项，窗口 ${p.windows} 个`
    : '演示数据已存在，未重复导入')
  console.log(`演示账号 ${s.accounts.length} 个，例如 ${s.accounts.find((a) => a.username.endsWith('-center_admin'))?.username}（密码为 DEMO_PASSWORD）`)
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `导入演示数据失败：${(e as Error).message}`)
  process.exit(1)
}
