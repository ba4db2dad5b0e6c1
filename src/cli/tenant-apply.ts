// `npm run tenant:apply tenants/luan`: apply a tenant pack's division tree (idempotent).
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'
import { applyUnits, loadPack } from '../seed/demo.js'

const dir = process.argv[2]
if (!dir) { console.error('用法：npm run tenant:apply tenants/<城市目录>'); process.exit(2) }
try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  await migrateToLatest(db)
  const pack = loadPack(resolve(dir))
  const r = await applyUnits(db, pack)
  console.log(`${pack.name}：新增 ${r.created} 个单位，更名 ${r.updated} 个，其余 ${pack.units.length - r.created - r.updated} 个未变`)
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `导入失败：${(e as Error).message}`)
  process.exit(1)
}
