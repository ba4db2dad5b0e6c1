// Pure rules of the checklists down the tree: merging the published versions of a unit's
// chain into the checklist in force, and what a lower tier may change.
import type { FieldIssue } from '../../platform/errors.js'
import { BASICS, type Grading, type Targets, type TemplateBody, type TemplateItem, type Tier } from './schemas.js'

export const DEFAULT_TARGETS: Record<Tier, Targets> = { township: { standardisedRate: 90 }, village: { builtRate: 80 } }
export const DEFAULT_RECTIFICATION_DAYS = 20

export interface PublishedVersion { unitCode: string; version: number; body: TemplateBody }
export interface EffectiveItem extends TemplateItem { source: string; depth: number }
export interface EffectiveTemplate {
  sources: { unitCode: string; version: number }[]
  items: EffectiveItem[]
  grading: Grading
  targets: Targets
  rectificationDays: number
}

const maxOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b))
const minOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b))

/**
 * The checklist in force for a unit: the published versions of its chain, top down. The top
 * one (the city's) is the base; each lower one adds items or tightens the base's: a
 * threshold only rises, a critical item stays critical, a deadline only shortens. Everything
 * else of an inherited item (label, weight, kind, basic) stays the upper tier's, so a later
 * change above is never masked by an older copy below.
 */
export function mergeChain(versions: PublishedVersion[]): EffectiveTemplate | null {
  const base = versions.find((v) => v.body.grading)
  if (!base) return null
  const items = new Map<string, EffectiveItem>()
  let grading: Grading = { demonstration: 0, standard: 0, simple: 0 }
  let targets: Targets = {}
  let days: number | undefined
  versions.forEach((v, depth) => {
    const b = v.body
    if (b.grading) grading = { demonstration: Math.max(grading.demonstration, b.grading.demonstration),
      standard: Math.max(grading.standard, b.grading.standard), simple: Math.max(grading.simple, b.grading.simple) }
    if (b.targets) targets = { builtRate: maxOf(targets.builtRate, b.targets.builtRate), standardisedRate: maxOf(targets.standardisedRate, b.targets.standardisedRate) }
    days = minOf(days, b.rectificationDays)
    for (const item of b.items) {
      const up = items.get(item.key)
      if (!up) { items.set(item.key, { ...item, source: v.unitCode, depth }); continue }
      if (up.kind !== item.kind) continue // the upper tier changed the item since: its version stands
      items.set(item.key, { ...up, min: maxOf(up.min, item.min), minFiles: maxOf(up.minFiles, item.minFiles),
        critical: up.critical || item.critical, rectifyDays: minOf(up.rectifyDays, item.rectifyDays) })
    }
  })
  return {
    sources: versions.map((v) => ({ unitCode: v.unitCode, version: v.version })),
    items: [...items.values()], grading, targets, rectificationDays: days ?? DEFAULT_RECTIFICATION_DAYS,
  }
}

/** Every issue of a template body, alone and against the tier above (null: it is the base). */
export function checkTemplate(body: TemplateBody, upper: EffectiveTemplate | null, upperName = '上级'): FieldIssue[] {
  const issues: FieldIssue[] = []
  const add = (field: string, message: string) => issues.push({ field, message })
  const seen = new Set<string>()
  body.items.forEach((item, i) => {
    const at = `items[${i}]`
    if (seen.has(item.key)) add(`${at}.key`, `项目编码 ${item.key} 重复`)
    seen.add(item.key)
    if (item.kind === 'number' && item.min === undefined) add(`${at}.min`, '数值项须设定最低值 min')
    if (item.kind !== 'number' && item.min !== undefined) add(`${at}.min`, '只有数值项可以设定 min')
    if (item.kind !== 'text' && item.match !== undefined) add(`${at}.match`, '只有文字项可以设定 match')
    if (item.kind !== 'evidence' && item.minFiles !== undefined) add(`${at}.minFiles`, '只有证明材料项可以设定 minFiles')
    const up = upper?.items.find((u) => u.key === item.key)
    if (!up) return
    // A lower tier restates an inherited item only to raise its bar, never to lower or reshape it.
    if (up.kind !== item.kind) return add(`${at}.kind`, `不能改变${upperName}清单项“${up.label}”的类型`)
    for (const f of ['label', 'weight', 'basic', 'match', 'unit'] as const) {
      if (item[f] !== undefined && item[f] !== up[f]) add(`${at}.${f}`, `不能修改${upperName}清单项“${up.label}”的${FIELD_NAMES[f]}，只能提高要求`)
    }
    if (up.min !== undefined && (item.min ?? 0) < up.min) add(`${at}.min`, `不能低于${upperName}设定的 ${up.min}`)
    if ((item.minFiles ?? 1) < (up.minFiles ?? 1)) add(`${at}.minFiles`, `不能少于${upperName}设定的 ${up.minFiles} 个文件`)
    if (up.critical && !item.critical) add(`${at}.critical`, `不能取消${upperName}设定的关键项`)
    if (up.rectifyDays !== undefined && item.rectifyDays !== undefined && item.rectifyDays > up.rectifyDays) {
      add(`${at}.rectifyDays`, `整改时限不能长于${upperName}设定的 ${up.rectifyDays} 个工作日`)
    }
  })
  const g = body.grading
  if (g && !(g.demonstration > g.standard && g.standard > g.simple)) add('grading', '分档线须为 示范型 > 标准型 > 简易型')
  if (upper) {
    for (const k of ['demonstration', 'standard', 'simple'] as const) {
      if (g && g[k] < upper.grading[k]) add(`grading.${k}`, `不能低于${upperName}设定的 ${upper.grading[k]} 分`)
    }
    for (const k of ['builtRate', 'standardisedRate'] as const) {
      const t = body.targets?.[k], u = upper.targets[k]
      if (t !== undefined && u !== undefined && t < u) add(`targets.${k}`, `目标不能低于${upperName}设定的 ${u}%`)
    }
    if (body.rectificationDays !== undefined && body.rectificationDays > upper.rectificationDays) {
      add('rectificationDays', `整改时限不能长于${upperName}设定的 ${upper.rectificationDays} 个工作日`)
    }
  } else {
    if (!g) add('grading', '市级清单须设定分档线（示范型、标准型、简易型）')
    if (!body.items.length) add('items', '清单至少一项')
    if (body.items.length && body.items.reduce((s, i) => s + i.weight, 0) <= 0) add('items', '权重合计须大于 0')
    const missing = BASICS.filter((b) => !body.items.some((i) => i.basic === b))
    if (missing.length) add('items', `清单须标明四项基本条件（牌子、场所、设备、人员），缺：${missing.join(', ')}`)
  }
  return issues
}
const FIELD_NAMES = { label: '名称', weight: '权重', basic: '基本条件', match: '文字规则', unit: '计量单位' }
