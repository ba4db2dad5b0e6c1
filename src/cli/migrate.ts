// `npm run db:migrate`: migrate DATABASE_URL (or the embedded database under DATA_DIR).
import { ConfigError, loadConfig } from '../config.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'

try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  const res = await migrateToLatest(db)
  for (const r of res.results ?? []) console.log(`${r.status === 'Success' ? '已执行' : r.status}: ${r.migrationName}`)
  if (!res.results?.length) console.log('数据库结构已是最新')
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `迁移失败：${(e as Error).message}`)
  process.exit(1)
}
