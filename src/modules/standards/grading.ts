// Scoring one filled checklist: score, grade, built (建成), standardised (规范化) and the
// "一有三无" flag; and checking the filled checklist against the items.
import type { FieldIssue } from '../../platform/errors.js'
import type { Level } from '../units/index.js'
import { BASICS, type Basic, type Grade, type ItemResult, type TemplateItem } from './schemas.js'
import type { EffectiveTemplate } from './template-rules.js'

/** The signboard a unit must hang (统一悬挂): "<name>为民服务中心" / "<name>为民服务工作站". */
export function signboardOf(level: Level, name: string): string {
  // The statistical names of villages are those of their committees: the station's sign names
  // the village or the community (大桥村委会 → 大桥村, 迎宾居委会 → 迎宾社区).
  const short = name.replace(/(村民委员会|村委会)$/, '村').replace(/社区(居民委员会|居委会)$/, '社区')
    .replace(/(居民委员会|居委会)$/, '社区').replace(/办事处$/, '')
  return `${short}${level === 'village' ? '为民服务工作站' : '为民服务中心'}`
}

export interface ItemOutcome {
  key: string; label: string; kind: TemplateItem['kind']; weight: number; critical: boolean; basic?: Basic
  value: boolean | number | string | null; expected?: string | number; evidence: string[]; note: string
  passed: boolean; present: boolean; source: string
}
export interface Evaluation {
  items: ItemOutcome[]; score: number; grade: Grade; built: boolean; standardised: boolean
  yiYouSanWu: boolean; basics: Record<Basic, boolean>; criticalFailed: string[]
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** Scores one filled checklist. `results` must already be checked against the items. */
/**
 * The signboards that pass: the official pattern from the unit's name, and the service-point name
 * the system holds for it (what the unit itself is called in the catalog and the guides).
 */
export function signboardsOf(unit: { level: Level; name: string; service_point_name?: string | null }): string[] {
  const own = unit.service_point_name?.trim()
  return [...new Set([signboardOf(unit.level, unit.name), ...(own ? [own] : [])])]
}

export function evaluate(t: EffectiveTemplate, unit: { level: Level; name: string; service_point_name?: string | null }, results: Map<string, ItemResult>): Evaluation {
  const items: ItemOutcome[] = t.items.map((item) => {
    const r = results.get(item.key)!
    const value = r.value ?? null
    const evidence = r.evidence ?? []
    let passed = false, present = false, expected: string | number | undefined
    switch (item.kind) {
      case 'boolean': passed = present = value === true; break
      case 'number': expected = item.min; present = typeof value === 'number' && value > 0; passed = typeof value === 'number' && value >= item.min!; break
      case 'text': {
        const text = typeof value === 'string' ? value.trim() : ''
        present = text.length > 0
        if (item.match === 'signboard') {
          const ok = signboardsOf(unit)
          expected = ok.includes(text) ? text : ok[0]
          passed = ok.includes(text)
        } else passed = present
        break
      }
      case 'evidence': expected = item.minFiles ?? 1; present = evidence.length > 0; passed = evidence.length >= (item.minFiles ?? 1); break
    }
    return { key: item.key, label: item.label, kind: item.kind, weight: item.weight, critical: item.critical, basic: item.basic,
      value, expected, evidence, note: r.note ?? '', passed, present, source: item.source }
  })
  // Items added below can only lower a score, never raise it: the score is the lowest of the
  // scores over the city's items, over those plus the county's, and so on down the chain.
  const depths = [...new Set(t.items.map((i) => i.depth))].sort((a, b) => a - b)
  const scores = depths.map((d) => {
    const upTo = items.filter((_, i) => t.items[i].depth <= d)
    const total = upTo.reduce((s, i) => s + i.weight, 0)
    return total > 0 ? (100 * upTo.filter((i) => i.passed).reduce((s, i) => s + i.weight, 0)) / total : 100
  })
  const score = round1(Math.min(...scores))
  const basics = Object.fromEntries(BASICS.map((b) => [b, items.some((i) => i.basic === b && i.present)])) as Record<Basic, boolean>
  // 一有三无: a signboard but no site, no equipment, no staff — not built, whatever else it claims.
  const yiYouSanWu = basics.signboard && !basics.site && !basics.equipment && !basics.staff
  const built = !yiYouSanWu && BASICS.every((b) => basics[b])
  const criticalFailed = items.filter((i) => i.critical && !i.passed).map((i) => i.key)
  const g = t.grading
  const grade: Grade = yiYouSanWu || criticalFailed.length ? 'substandard'
    : score >= g.demonstration ? 'demonstration' : score >= g.standard ? 'standard' : score >= g.simple ? 'simple' : 'substandard'
  return { items, score, grade, built, standardised: built && grade !== 'substandard', yiYouSanWu, basics, criticalFailed }
}

/** Checks a filled checklist against the template: every item once, values of the right kind. */
export function checkResults(t: EffectiveTemplate, results: ItemResult[]): { map: Map<string, ItemResult>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  const map = new Map<string, ItemResult>()
  const byKey = new Map(t.items.map((i) => [i.key, i]))
  results.forEach((r, i) => {
    const item = byKey.get(r.key)
    if (!item) return issues.push({ field: `results[${i}].key`, message: `清单中没有项目 ${r.key}` })
    if (map.has(r.key)) return issues.push({ field: `results[${i}].key`, message: `项目 ${r.key} 重复填写` })
    map.set(r.key, r)
    const v = r.value
    const bad = item.kind === 'boolean' ? typeof v !== 'boolean'
      : item.kind === 'number' ? typeof v !== 'number' || !Number.isFinite(v) || v < 0
        : item.kind === 'text' ? typeof v !== 'string' : v !== undefined && v !== null
    if (bad) issues.push({ field: `results[${i}].value`, message: KIND_HINT[item.kind] })
  })
  for (const item of t.items) {
    if (!map.has(item.key)) issues.push({ field: 'results', message: `未填写“${item.label}”（${item.key}）` })
  }
  return { map, issues }
}
const KIND_HINT = {
  boolean: '应填 true（有）或 false（无）', number: '应填不小于 0 的数值', text: '应填文字（无则填空字符串）',
  evidence: '证明材料项请在 evidence 中填文件编号，不填 value',
}
