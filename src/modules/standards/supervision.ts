// Supervision roll-ups: built rate (建成率) and standardisation rate (规范化率) of the township
// centers and village stations of a subtree, by their latest inspection, against the targets
// the city sets; the children ranked by how far they lag. Counts come from one SQL
// aggregation, so a county's figures are exactly the sum of its townships'.
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { DEFAULT_TARGETS } from './template-rules.js'
import { effectiveTemplate, emptyCounts, stationRows, subtreeCounts, type TierCounts } from './queries.js'
import { GRADE_NAMES, type Targets, TIERS, type Tier } from './schemas.js'

const rate = (n: number, total: number) => (total ? Math.round((1000 * n) / total) / 10 : null)

function figures(c: TierCounts, t: Targets) {
  const builtRate = rate(c.built, c.total), standardisedRate = rate(c.standardised, c.total)
  const meets = (r: number | null, target?: number) => (r === null || target === undefined ? null : r >= target)
  return { ...c, uninspected: c.total - c.inspected, builtRate, standardisedRate,
    meetsTargets: { builtRate: meets(builtRate, t.builtRate), standardisedRate: meets(standardisedRate, t.standardisedRate) } }
}

const add = (a: TierCounts, b: TierCounts): TierCounts => ({
  total: a.total + b.total, inspected: a.inspected + b.inspected, built: a.built + b.built,
  standardised: a.standardised + b.standardised, yiYouSanWu: a.yiYouSanWu + b.yiYouSanWu,
  grades: { demonstration: a.grades.demonstration + b.grades.demonstration, standard: a.grades.standard + b.grades.standard,
    simple: a.grades.simple + b.grades.simple, substandard: a.grades.substandard + b.grades.substandard },
})

/** Percentage points below target, summed over the tiers and measures that have a target. */
function lagOf(c: Record<Tier, TierCounts>, targets: Record<Tier, Targets>) {
  let lag = 0
  for (const tier of TIERS) {
    for (const m of ['builtRate', 'standardisedRate'] as const) {
      const r = rate(m === 'builtRate' ? c[tier].built : c[tier].standardised, c[tier].total)
      const t = targets[tier][m]
      if (r !== null && t !== undefined) lag += Math.max(0, t - r)
    }
  }
  return Math.round(lag * 10) / 10
}

async function subtreeUnit(ctx: Ctx, code: string) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  // An ancestor's unit is visible by name, not its figures.
  mustBeAllowed(ctx, 'read', 'Inspection', { unitCode: code }, code, '只能查看本辖区的标准化建设情况')
  return unit
}

export async function standardsSummary(ctx: Ctx, code: string) {
  const unit = await subtreeUnit(ctx, code)
  const targets = {} as Record<Tier, Targets>
  for (const tier of TIERS) {
    const t = (await effectiveTemplate(ctx.db, code, tier))?.targets ?? {}
    targets[tier] = { builtRate: t.builtRate ?? DEFAULT_TARGETS[tier].builtRate, standardisedRate: t.standardisedRate ?? DEFAULT_TARGETS[tier].standardisedRate }
  }
  const rows = await subtreeCounts(ctx.db, code)
  const children = await ctx.db.selectFrom('units').select(['code', 'name', 'level'])
    .where('parent_code', '=', code).where('active', '=', true).orderBy('code').execute()
  const byChild = new Map<string, Record<Tier, TierCounts>>([['', { township: emptyCounts(), village: emptyCounts() }],
    ...children.map((c) => [c.code, { township: emptyCounts(), village: emptyCounts() }] as const)])
  const total = { township: emptyCounts(), village: emptyCounts() }
  for (const r of rows) {
    const slot = byChild.get(r.child)
    if (slot) slot[r.tier] = add(slot[r.tier], r.counts)
    total[r.tier] = add(total[r.tier], r.counts)
  }
  const ranked = children.map((c) => {
    const counts = byChild.get(c.code)!
    return { unitCode: c.code, name: c.name, level: c.level, lag: lagOf(counts, targets),
      townships: figures(counts.township, targets.township), villages: figures(counts.village, targets.village) }
  }).sort((a, b) => b.lag - a.lag || a.unitCode.localeCompare(b.unitCode))
  return {
    unitCode: code, name: unit.name, level: unit.level, asOf: shanghaiDate(ctx.now), targets,
    townships: figures(total.township, targets.township), villages: figures(total.village, targets.village),
    children: ranked,
  }
}

/** The township's view of its village stations (a county's: of its township centers). */
export async function listStations(ctx: Ctx, code: string) {
  const unit = await subtreeUnit(ctx, code)
  if (unit.level !== 'county' && unit.level !== 'township') {
    throw new Invalid('站点视图用于县(区)查看乡镇中心、乡镇查看村工作站', [{ field: 'code', message: '请使用县(区)或乡镇(街道)的代码' }])
  }
  const today = shanghaiDate(ctx.now)
  const rows = await stationRows(ctx.db, code, today)
  return {
    unitCode: code, asOf: today,
    stations: rows.map((r) => ({
      unitCode: r.code, name: r.name, level: r.level, servicePointName: r.service_point_name,
      latest: r.inspection_id ? {
        inspectionId: r.inspection_id, inspectedOn: r.inspected_on, score: Number(r.score), grade: r.grade,
        gradeName: GRADE_NAMES[r.grade as keyof typeof GRADE_NAMES], built: r.built, standardised: r.standardised,
        flags: r.yi_you_san_wu ? ['一有三无'] : [],
      } : null,
      lastSelfReportOn: r.self_reported_on,
      rectifications: { open: r.open, overdue: r.overdue },
      staff: r.staff,
      // Cases taken in as agent (代办) in the last 30 days.
      casesAsAgent30d: r.agent_cases,
    })),
  }
}
