// `npm run tenant:apply tenants/luan [-- --force]`: apply a tenant pack (division tree,
// catalogs, grants, windows, hall entry, building standards). The only way pack data is written
// after the first load: a restart never writes it. When the apply would overwrite what was
// changed through the API since the last apply, the differences are listed and nothing is
// written (exit code 3) unless --force. Each apply is recorded with a fingerprint.
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { systemClock } from '../platform/clock.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { openDatabase } from '../platform/db/open.js'
import { applyTenantPack } from '../seed/apply-tenant.js'

const args = process.argv.slice(2)
const force = args.includes('--force')
const dir = args.find((a) => !a.startsWith('--'))
if (!dir) { console.error('用法：npm run tenant:apply tenants/<城市目录> [-- --force]'); process.exit(2) }
let code = 0
try {
  const config = loadConfig(process.env)
  const db = await openDatabase(config, { max: 1 })
  await migrateToLatest(db)
  const r = await applyTenantPack(db, resolve(dir), systemClock.now(), { force })
  if (r.differences.length) {
    console.log(`${r.applied ? '已强制覆盖' : '以下'} ${r.differences.length} 项${r.applied ? '' : '自上次导入后已通过接口修改，与租户包不同'}：`)
    for (const d of r.differences.slice(0, 200)) console.log(`  ${d.what}：${d.change}`)
    if (r.differences.length > 200) console.log(`  ……另有 ${r.differences.length - 200} 项`)
  }
  if (!r.applied) {
    console.log('未写入任何数据。确认要以租户包为准覆盖上述修改时，请加 --force：npm run tenant:apply ' + dir + ' -- --force')
    code = 3
  } else {
    const s = r.summary!
    console.log(`新增单位 ${s.units.created} 个，更名 ${s.units.updated} 个；发布目录：${s.published.join('、') || '无变化'}；` +
      `新增授权 ${s.grants} 项，新增窗口 ${s.windows} 个，进驻情况变更 ${s.hall} 项`)
    console.log(`建设标准清单：${r.standards!.length ? `发布 ${r.standards!.join('、')}` : '无变化'}`)
    console.log(`已记录本次导入（指纹 ${r.fingerprint}）`)
  }
  await db.close()
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `导入失败：${(e as Error).message}`)
  code = 1
}
process.exit(code)
