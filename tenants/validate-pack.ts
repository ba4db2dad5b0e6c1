// `npm run tenant:validate tenants/luan`: checks every file of a tenant pack against the API's
// schemas and the cross-references (matter codes, unit codes and tiers, grants into the
// subtree, agent rights for villages …) without a database. Exit code 1 on any problem.
import { resolve } from 'node:path'
import { readPack } from '../src/seed/pack-files.js'
import { formatProblem, validatePack } from '../src/seed/validate-pack.js'

const dir = process.argv[2]
if (!dir) { console.error('用法：npm run tenant:validate tenants/<城市目录>'); process.exit(2) }
let problems, pack: any
try {
  pack = readPack(resolve(dir))
  problems = validatePack(pack)
} catch (e) {
  console.error(`无法读取租户包 ${dir}：${(e as Error).message}`)
  process.exit(1)
}
if (problems.length) {
  console.error(`租户包 ${dir} 有 ${problems.length} 处问题：`)
  for (const p of problems) console.error(`  ${formatProblem(p)}`)
  process.exit(1)
}
const catalogs = pack['catalog.json']?.catalogs ?? []
console.log(`租户包 ${dir} 校验通过：单位 ${pack['units.json'].units.length} 个，目录 ${catalogs.length} 个（事项 ${catalogs.reduce((n: number, c: any) => n + c.matters.length, 0)} 条），` +
  `授权 ${pack['grants.json']?.length ?? 0} 条，窗口 ${pack['windows.json']?.length ?? 0} 个，进驻情况 ${pack['hall.json']?.length ?? 0} 条。`)
