// `npm run db:seed`: migrate DATABASE_URL (or the embedded database under DATA_DIR) and load the
// 六安市 demo tenant with its demo accounts (password DEMO_PASSWORD) into an empty database, once,
// like `npm start` does: a second run writes nothing, so administrators' changes made through the
// API since stay (later pack changes: npm run tenant:apply). For local and staging databases only.
import { ConfigError, loadConfig } from '../config.js'
import { systemClock } from '../platform/clock.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'
import { demoAccounts, seedDemoOnce } from '../seed/apply-tenant.js'

try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  await migrateToLatest(db)
  const demo = await seedDemoOnce(db, config.DEMO_PASSWORD, systemClock.now())
  if (demo.loaded) {
    const s = demo.seeded, p = s.pack
    console.log(`演示数据已导入：${s.units.created} 个单位，${s.createdUsers} 个账号，发布目录 ${p.published.length} 个，授权 ${p.grants} 项，窗口 ${p.windows} 个`)
  } else {
    console.log(demo.reason === 'applied' ? `演示数据已于 ${demo.appliedAt} 导入，本次不再写入` : '数据库中已有单位数据，未导入演示数据')
  }
  const accounts = demoAccounts()
  console.log(`演示账号 ${accounts.length} 个，例如 ${accounts.find((a) => a.username.endsWith('-center_admin'))?.username}（密码为 DEMO_PASSWORD）`)
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `导入演示数据失败：${(e as Error).message}`)
  process.exit(1)
}
