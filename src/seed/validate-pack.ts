// Checks a tenant pack before anything is applied: every file against the API's own schemas,
// then the cross-references the verbs would refuse one by one (matter codes, unit codes and
// tiers, tightening only, grants only into the subtree by a holder, art. 24, agent rights for
// villages, reserved matters for pilot towns, window rights within the unit's). Problems name
// the file and the JSON path; nothing touches a database.
import type { z } from '../platform/openapi.js'
import { checkMatter, checkTightening, type MatterElements } from '../modules/catalog/index.js'
import { RIGHT_NAMES, RIGHTS, type Right } from '../modules/powers/index.js'
import { ancestorsOf, expectedParent, LEVEL_NAMES, LEVELS, levelOf, type Level } from '../modules/units/index.js'
import { type CatalogFile, expandGrantees, type GrantsFile, PACK_FILES, type PackFileName, type RawPack, type UnitsFile } from './pack-files.js'

export interface PackProblem { file: PackFileName; path: string; message: string }

export const formatProblem = (p: PackProblem) => `${p.file} › ${p.path || '(根)'}：${p.message}`

const VILLAGE_RIGHTS: Right[] = ['accept', 'deliver']
const FROM_ABOVE = ['上级下放', '上级委托', '上级授权']
const KIND_LEVELS: Record<string, Level[]> = { base: ['city'], implementation: ['county'], township: ['county', 'township'], village: ['county'] }
const KIND_NAMES: Record<string, string> = { base: '基本目录', implementation: '实施清单', township: '乡镇为民服务事项目录', village: '村(社区)为民服务事项指导目录' }
type Matter = MatterElements & { code: string }

export function validatePack(raw: RawPack): PackProblem[] {
  const problems: PackProblem[] = []
  const add = (file: PackFileName, path: string, message: string) => problems.push({ file, path, message })

  // 1. Each file against its schema.
  const parsed: Partial<Record<PackFileName, unknown>> = {}
  for (const [file, schema] of Object.entries(PACK_FILES) as [PackFileName, z.ZodType][]) {
    if (raw[file] === undefined) continue
    const r = schema.safeParse(raw[file])
    if (r.success) parsed[file] = r.data
    else for (const i of r.error.issues) add(file, i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), i.message)
  }
  if (raw['units.json'] === undefined) add('units.json', '', '缺少 units.json（区划单元）')
  // Cross-references need well-formed files: report the format first, or every reference
  // into a broken file would be reported again as missing.
  if (problems.length) return problems
  const unitsFile = parsed['units.json'] as z.infer<typeof UnitsFile>

  // 2. The division tree.
  const units = new Map(unitsFile.units.map((u) => [u.code, u]))
  const city = unitsFile.city
  if (levelOf(city) !== 'city' || !units.has(city)) add('units.json', 'city', `${city} 不是本包中的市级单位`)
  unitsFile.units.forEach((u, i) => {
    if (levelOf(u.code) !== u.level) add('units.json', `units[${i}].level`, `${u.code} 的层级应为 ${levelOf(u.code) ?? '（无效代码）'}`)
    else if (expectedParent(u.code) !== u.parent) add('units.json', `units[${i}].parent`, `${u.code} 的上级应为 ${expectedParent(u.code)}`)
    else if (u.parent && !units.has(u.parent)) add('units.json', `units[${i}].parent`, `上级 ${u.parent} 不在 units.json 中`)
  })
  const unitName = (c: string) => units.get(c)?.name ?? c
  const level = (c: string) => levelOf(c)!
  const pilots = new Set((parsed['pilot-towns.json'] as string[] | undefined) ?? [])
  ;[...pilots].forEach((c, i) => {
    if (!units.has(c)) add('pilot-towns.json', `[${i}]`, `单位 ${c} 不在 units.json 中`)
    else if (level(c) !== 'township') add('pilot-towns.json', `[${i}]`, `扩权强镇试点只能是乡镇，${unitName(c)}是${LEVEL_NAMES[level(c)]}级`)
  })

  // 3. Catalogs: tiers, rules of each matter, tightening only against the tier above.
  const catalogs = new Map<string, Map<string, Matter>>()
  const catalogFile = parsed['catalog.json'] as z.infer<typeof CatalogFile> | undefined
  if (catalogFile && catalogFile.city !== city) add('catalog.json', 'city', `应为 units.json 的城市 ${city}`)
  const ordered = (catalogFile?.catalogs ?? []).map((c, i) => ({ ...c, i })).sort((a, b) => a.unit.localeCompare(b.unit))
  for (const cat of ordered) {
    const at = `catalogs[${cat.i}]`
    if (!units.has(cat.unit) || !cat.unit.startsWith(city.slice(0, 4))) { add('catalog.json', `${at}.unit`, `单位 ${cat.unit} 不在 units.json 中`); continue }
    const lv = level(cat.unit)
    if (!KIND_LEVELS[cat.kind].includes(lv)) {
      add('catalog.json', `${at}.kind`, `${KIND_NAMES[cat.kind]}应由${KIND_LEVELS[cat.kind].map((l) => LEVEL_NAMES[l]).join('或')}级制定，${unitName(cat.unit)}是${LEVEL_NAMES[lv]}级`)
    }
    const own = catalogs.get(cat.unit) ?? new Map<string, Matter>()
    catalogs.set(cat.unit, own)
    cat.matters.forEach((m, j) => {
      const mp = `${at}.matters[${j}]`
      if (own.has(m.code)) add('catalog.json', `${mp}.code`, `事项 ${m.code} 在${unitName(cat.unit)}的目录中重复`)
      own.set(m.code, m)
      for (const i of checkMatter(m)) add('catalog.json', `${mp}.${i.field}`, i.message)
      if (LEVELS.indexOf(m.exerciseLevel) < LEVELS.indexOf(lv)) add('catalog.json', `${mp}.exerciseLevel`, `行使层级不能高于${unitName(cat.unit)}（${LEVEL_NAMES[lv]}级）`)
      if (cat.kind === 'township' && m.exerciseLevel !== 'township') add('catalog.json', `${mp}.exerciseLevel`, '乡镇为民服务事项目录中的事项应在乡镇行使（township）')
      if (cat.kind === 'township' && lv === 'county' && !['法定本级行使', ...FROM_ABOVE].includes(m.powerSource)) {
        add('catalog.json', `${mp}.powerSource`, '乡镇目录中的事项应为乡镇法定行使或由县级下放、委托、授权')
      }
      if (cat.kind === 'village') {
        if (m.exerciseLevel !== 'village') add('catalog.json', `${mp}.exerciseLevel`, '村(社区)指导目录中的事项应在村级代办（village）')
        if (!m.agentService) add('catalog.json', `${mp}.agentService`, '村(社区)为民服务工作站只办理代办事项，agentService 应为 true')
        if (!FROM_ABOVE.includes(m.powerSource)) add('catalog.json', `${mp}.powerSource`, '村(社区)不是行政机关，代办事项的权力来源应为上级委托、下放或授权')
      }
      const upper = ancestorsOf(cat.unit).map((a) => [a, catalogs.get(a)?.get(m.code)] as const).find(([, u]) => u)
      if (upper) for (const i of checkTightening(m, upper[1]!, unitName(upper[0]))) add('catalog.json', `${mp}.${i.field}`, i.message)
    })
  }
  /** The most specific catalog entry of a matter for a unit (its own, else its county's, else the city's). */
  const resolve = (unit: string, code: string) => {
    for (const u of [unit, ...ancestorsOf(unit)]) {
      const m = catalogs.get(u)?.get(code)
      if (m) return { m, source: u }
    }
    return undefined
  }
  const byLaw = (unit: string, code: string) => {
    const r = resolve(unit, code)
    return !!r && ((r.m.powerSource === '法定本级行使' && r.m.exerciseLevel === level(unit)) ||
      (r.source === unit && FROM_ABOVE.includes(r.m.powerSource) && r.m.exerciseLevel !== level(unit)))
  }

  // 4. Grants, in file order (as they are applied): a holder, into its subtree, within its rights.
  const received = new Map<string, { kind: string; rights: Right[] }[]>()
  const key = (unit: string, code: string) => `${unit}:${code}`
  const seen = new Set<string>()
  const grants = (parsed['grants.json'] as z.infer<typeof GrantsFile> | undefined) ?? []
  grants.forEach((g, i) => {
    const at = `[${i}]`
    if (!units.has(g.grantor)) { add('grants.json', `${at}.grantor`, `授权单位 ${g.grantor} 不在 units.json 中`); return }
    const matter = resolve(g.grantor, g.matterCode)
    if (!matter) { add('grants.json', `${at}.matterCode`, `事项 ${g.matterCode} 不在${unitName(g.grantor)}适用的目录中（catalog.json）`); return }
    if (g.validUntil && g.validUntil < g.validFrom) add('grants.json', `${at}.validUntil`, '截止日期不能早于起始日期')
    const got = received.get(key(g.grantor, g.matterCode)) ?? []
    let usable: Set<Right>
    if (byLaw(g.grantor, g.matterCode)) usable = new Set(RIGHTS)
    else if (!got.length) { add('grants.json', `${at}.matterCode`, `${unitName(g.grantor)}不持有事项 ${g.matterCode} 的权力，不能下放或委托`); return }
    else if (got.every((x) => x.kind === 'entrustment')) { add('grants.json', `${at}.matterCode`, `${unitName(g.grantor)}受委托行使事项 ${g.matterCode}，不得再委托或下放（《行政许可法》第二十四条）`); return }
    else usable = new Set(got.filter((x) => x.kind !== 'entrustment').flatMap((x) => x.rights))
    const missing = g.rights.filter((r) => !usable.has(r))
    if (missing.length) add('grants.json', `${at}.rights`, `${unitName(g.grantor)}不持有：${missing.map((r) => RIGHT_NAMES[r]).join('、')}`)
    const badTowns = (Array.isArray(g.grantees) ? g.grantees : []).map((e, j) => [e.startsWith('villages-of:') ? e.slice(12) : null, j] as const)
      .filter(([t]) => t && !(units.has(t) && level(t) === 'township' && ancestorsOf(t).includes(g.grantor)))
    for (const [t, j] of badTowns) add('grants.json', `${at}.grantees[${j}]`, `${t} 不是${unitName(g.grantor)}辖区内的乡镇`)
    if (badTowns.length) return
    const grantees = expandGrantees([...units.keys()], g.grantor, g.grantees)
    if (!grantees.length) add('grants.json', `${at}.grantees`, `${unitName(g.grantor)}的辖区内没有符合条件的单位`)
    const villages = grantees.filter((c) => units.has(c) && level(c) === 'village')
    const extra = g.rights.filter((r) => !VILLAGE_RIGHTS.includes(r))
    if (villages.length && extra.length) {
      add('grants.json', `${at}.rights`, `村(社区)为民服务工作站（${unitName(villages[0])}${villages.length > 1 ? `等 ${villages.length} 个` : ''}）只能代办（受理转报、送达），不能获得：${extra.map((r) => RIGHT_NAMES[r]).join('、')}`)
    }
    grantees.forEach((c, j) => {
      const gp = Array.isArray(g.grantees) && g.grantees[j] === c ? `${at}.grantees[${j}]` : `${at}.grantees（${c}）`
      if (!units.has(c)) return add('grants.json', gp, `单位 ${c} 不在 units.json 中`)
      if (c === g.grantor || !ancestorsOf(c).includes(g.grantor)) return add('grants.json', gp, `${unitName(c)}不在${unitName(g.grantor)}的辖区内：只能向本单位的下级下放或委托`)
      if (matter.m.reserved && !(level(c) === 'township' && pilots.has(c))) {
        add('grants.json', gp, `事项 ${g.matterCode} 为县级保留事项，只能下放给扩权强镇试点乡镇（pilot-towns.json），${unitName(c)}不是`)
      }
      const dup = `${c}:${g.matterCode}:${g.kind}:${g.validFrom}`
      if (seen.has(dup)) add('grants.json', gp, `重复授权：${unitName(c)}、${g.matterCode}、${g.kind}、${g.validFrom}`)
      seen.add(dup)
      received.set(key(c, g.matterCode), [...(received.get(key(c, g.matterCode)) ?? []), { kind: g.kind, rights: g.rights }])
    })
  })
  const unitRights = (unit: string, code: string) =>
    byLaw(unit, code) ? new Set<Right>(RIGHTS) : new Set((received.get(key(unit, code)) ?? []).flatMap((x) => x.rights))

  // 5. Windows and hall entry of units in the pack, for matters of their catalogs.
  const windows = (parsed['windows.json'] as { unit: string; number: string; rights: { matterCode: string; rights: Right[] }[] }[] | undefined) ?? []
  const numbers = new Set<string>()
  windows.forEach((w, i) => {
    if (!units.has(w.unit)) return add('windows.json', `[${i}].unit`, `单位 ${w.unit} 不在 units.json 中`)
    if (numbers.has(`${w.unit}:${w.number}`)) add('windows.json', `[${i}].number`, `${unitName(w.unit)}的窗口号 ${w.number} 重复`)
    numbers.add(`${w.unit}:${w.number}`)
    w.rights.forEach((r, j) => {
      if (!resolve(w.unit, r.matterCode)) return add('windows.json', `[${i}].rights[${j}].matterCode`, `事项 ${r.matterCode} 不在${unitName(w.unit)}适用的目录中`)
      const has = unitRights(w.unit, r.matterCode)
      const extra = r.rights.filter((x) => !has.has(x))
      if (extra.length) add('windows.json', `[${i}].rights[${j}].rights`, `窗口权限不能超出本单位持有的权限：${unitName(w.unit)}对事项 ${r.matterCode} 不持有${extra.map((x) => RIGHT_NAMES[x]).join('、')}`)
    })
  })
  const hall = (parsed['hall.json'] as { unit: string; matterCode: string; inHall: boolean; [k: string]: unknown }[] | undefined) ?? []
  hall.forEach((e, i) => {
    if (!units.has(e.unit)) return add('hall.json', `[${i}].unit`, `单位 ${e.unit} 不在 units.json 中`)
    if (!['county', 'township'].includes(level(e.unit))) add('hall.json', `[${i}].unit`, '进驻大厅情况只针对县(区)政务服务中心和乡镇(街道)为民服务中心')
    if (!resolve(e.unit, e.matterCode)) add('hall.json', `[${i}].matterCode`, `事项 ${e.matterCode} 不在${unitName(e.unit)}适用的目录中`)
    if (!e.inHall) {
      for (const f of ['office', 'address', 'phone', 'approvalDocument']) {
        if (!String(e[f] ?? '').trim()) add('hall.json', `[${i}].${f}`, '不进驻大厅须公布办理机构、地址、电话并注明县(区)政府批准文件')
      }
    }
  })
  return problems
}
