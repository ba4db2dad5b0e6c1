// `npm run tenant:apply tenants/luan`: apply a tenant pack (division tree, catalogs, grants,
// windows, hall entry) idempotently; a second run changes nothing, an edited catalog file
// yields a new catalog version.
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { systemClock } from '../platform/clock.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'
import { applyPack } from '../seed/apply-pack.js'
import { applyStandardsPack, loadStandardsPack } from '../modules/standards/pack.js'

const dir = process.argv[2]
if (!dir) { console.error('用法：npm run tenant:apply tenants/<城市目录>'); process.exit(2) }
try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  await migrateToLatest(db)
  const r = await applyPack(db, resolve(dir), systemClock.now())
  console.log(`新增单位 ${r.units.created} 个，更名 ${r.units.updated} 个；发布目录：${r.published.join('、') || '无变化'}；` +
    `新增授权 ${r.grants} 项，新增窗口 ${r.windows} 个，进驻情况变更 ${r.hall} 项`)
  // The building-standards checklists (standards.json), published at the city when changed.
  const std = loadStandardsPack(resolve(dir))
  if (std) {
    const s = await applyStandardsPack(db, std)
    console.log(`建设标准清单：${s.published.length ? `发布 ${s.published.join('、')}` : '无变化'}`)
  }
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `导入失败：${(e as Error).message}`)
  process.exit(1)
}
