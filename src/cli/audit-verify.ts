// `npm run audit:verify [city code]`: verify the audit chains of DATABASE_URL (or the embedded
// database under DATA_DIR). Exit code 1 when a chain is broken, 2 when it could not run.
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../platform/db/open.js'
import { verifyAudit } from '../modules/supervision/index.js'

const city = process.argv[2] ?? null
if (city && !/^[0-9]{4}00000000$/.test(city)) {
  console.error(`不是市级区划代码：${city}`)
  process.exit(2)
}
try {
  const db = await openDatabase(loadConfig(process.env), { max: 1 })
  const checks = await verifyAudit(db, city)
  await db.close()
  if (!checks.length) console.log('审计日志为空')
  for (const c of checks) {
    console.log(c.ok ? `✓ ${c.cityCode}：${c.checked} 条记录，哈希链完整`
      : `✗ ${c.cityCode}：共 ${c.checked} 条，第 ${c.broken!.id} 条起断裂（单位 ${c.broken!.unitCode ?? '—'}）：${c.broken!.reasonName}`)
  }
  process.exit(checks.every((c) => c.ok) ? 0 : 1)
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `校验失败：${(e as Error).message}`)
  process.exit(2)
}
