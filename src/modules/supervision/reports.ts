// Monthly statistical reports (统计报表): filled from the subtree's figures for the month plus
// a few manual fields, submitted to the parent, approved or returned; exported as CSV or XLSX.
// A draft or returned report is refreshed by posting it again; a submitted or approved one is frozen.
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import type { Action } from '../../platform/abilities.js'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb } from '../../platform/db/database.js'
import { Conflict, NotFound, recorded } from '../../platform/errors.js'
import { decodeCursor, forgedCursor, toPage } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { periodRange } from './assessments.js'
import { type Cell, csv, xlsx } from './xlsx.js'
import type { SupervisionExtensions } from './extensions.js'
import { figureSources, subtreeFigures } from './figures.js'

const STATUS_NAMES = { draft: '草稿', submitted: '已上报', approved: '已审核通过', returned: '已退回' } as const

function toView(r: any) {
  return {
    id: r.id, unitCode: r.unit_code, period: r.period, status: r.status, statusName: STATUS_NAMES[r.status as keyof typeof STATUS_NAMES],
    figures: r.figures, manual: r.manual, submittedOn: r.submitted_on, decidedByUnit: r.decided_by_unit, decidedOn: r.decided_on,
    decisionNote: r.decision_note, updatedAt: new Date(r.updated_at).toISOString(),
  }
}

export async function saveReport(ctx: Ctx, ext: SupervisionExtensions, code: string, input: { period: string; manual: Record<string, string | number> }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'create', id: code })
  mustBeAllowed(ctx, 'create', 'Report', { unitCode: code }, code, '只有本单位（或上级）的中心管理员可以填报统计报表')
  const today = shanghaiDate(ctx.now)
  const { from, to } = periodRange(input.period)
  const existing = await ctx.db.selectFrom('statistical_reports').select(['id', 'status']).where('unit_code', '=', code)
    .where('period', '=', input.period).executeTakeFirst()
  if (existing && (existing.status === 'submitted' || existing.status === 'approved')) {
    throw new Conflict(`${input.period} 的报表已${STATUS_NAMES[existing.status]}，不能再修改`)
  }
  const f = await subtreeFigures(ctx.db, figureSources(ext), code, from, to, today)
  const figures = { from, to, asOf: today, total: f.total, own: f.own }
  const row = existing
    ? await ctx.db.updateTable('statistical_reports').set({ figures: jsonb(figures), manual: jsonb(input.manual), status: 'draft', updated_at: sql`now()` })
      .where('id', '=', existing.id).where('status', 'in', ['draft', 'returned']).returningAll().executeTakeFirst()
    : await ctx.db.insertInto('statistical_reports').values({
      unit_code: code, period: input.period, figures: jsonb(figures), manual: jsonb(input.manual), status: 'draft', created_by: ctx.actor.id,
    }).returningAll().executeTakeFirst()
  if (!row) throw new Conflict('报表状态已变化，请刷新后重试')
  return { created: !existing, report: toView(row) }
}

/**
 * One page of the unit's own reports and its direct children's, newest period first, then by unit
 * code: a keyset of mixed directions, so the cursor's comparison is spelled out.
 */
export async function listReports(ctx: Ctx, code: string, q: { period?: string; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Report', { unitCode: code }, code, '只能查看本辖区的统计报表')
  const key = decodeCursor(q.cursor, 2)
  if (key && !(/^\d{4}-\d{2}$/.test(String(key[0])) && /^\d{12}$/.test(String(key[1])))) throw forgedCursor()
  const { lo, hi } = subtreeRange(code)
  // The unit's own reports and those of its direct children (the ones it approves).
  let query = ctx.db.selectFrom('statistical_reports as r').innerJoin('units as u', 'u.code', 'r.unit_code').selectAll('r').select('u.name')
    .where('r.unit_code', '>=', lo).where('r.unit_code', '<=', hi)
    .where((eb) => eb.or([eb('r.unit_code', '=', code), eb('u.parent_code', '=', code)]))
    .where(abilityWhere(ctx.ability, 'read', 'Report', { unitCode: 'unit_code' }, 'r'))
    .orderBy('r.period', 'desc').orderBy('r.unit_code').limit(q.limit + 1)
  if (key) query = query.where(sql<boolean>`(r.period < ${String(key[0])} or (r.period = ${String(key[0])} and r.unit_code > ${String(key[1])}))`)
  if (q.period) query = query.where('r.period', '=', q.period)
  return toPage(await query.execute(), q.limit, (r) => [r.period, r.unit_code], (r) => ({ ...toView(r), name: r.name }))
}

async function findReport(ctx: Ctx, id: string, action: Action | null) {
  const r = await ctx.db.selectFrom('statistical_reports').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r || !ctx.ability.can('read', subject('Report', { unitCode: r.unit_code }))) {
    const e = new NotFound()
    throw action ? recorded(e, { action, subjectType: 'Report', subjectId: id }) : e
  }
  if (action) {
    mustBeAllowed(ctx, action, 'Report', { unitCode: r.unit_code }, id,
      action === 'submit' ? '只有本单位（或上级）的中心管理员可以上报报表' : '报表由上级单位的中心管理员审核或退回')
  }
  return r
}

async function move(ctx: Ctx, id: string, from: string[], set: Record<string, unknown>) {
  const row = await ctx.db.updateTable('statistical_reports').set({ ...set, updated_at: sql`now()` } as any)
    .where('id', '=', id).where('status', 'in', from as any).returningAll().executeTakeFirst()
  if (!row) throw new Conflict('报表状态已变化，请刷新后重试')
  return toView(row)
}

export async function submitReport(ctx: Ctx, id: string) {
  const r = await findReport(ctx, id, 'submit')
  if (r.status !== 'draft' && r.status !== 'returned') throw new Conflict(`报表${STATUS_NAMES[r.status]}，不能重复上报`)
  return move(ctx, id, ['draft', 'returned'], { status: 'submitted', submitted_on: shanghaiDate(ctx.now) })
}

export async function decideReport(ctx: Ctx, id: string, action: 'approve' | 'return', note?: string) {
  const r = await findReport(ctx, id, action)
  if (r.status !== 'submitted') throw new Conflict(`报表${STATUS_NAMES[r.status]}，只有已上报的报表可以审核或退回`)
  return move(ctx, id, ['submitted'], {
    status: action === 'approve' ? 'approved' : 'returned', decided_by: ctx.actor.id, decided_by_unit: ctx.actor.unitCode,
    decided_on: shanghaiDate(ctx.now), decision_note: note ?? null,
  })
}

export async function getReport(ctx: Ctx, id: string) {
  const r = await findReport(ctx, id, null)
  const unit = await findUnit(ctx.db, r.unit_code)
  return { ...toView(r), name: unit?.name ?? '' }
}

/** The report as rows: 项目 | 指标 | 本辖区合计 | 本级. */
export function reportRows(r: Awaited<ReturnType<typeof getReport>>, ext: SupervisionExtensions): Cell[][] {
  const rows: Cell[][] = [
    ['单位', `${r.name}（${r.unitCode}）`], ['月份', r.period], ['状态', r.statusName], ['统计截至', r.figures.asOf], [],
    ['项目', '指标', '本辖区合计', '本级'],
  ]
  for (const s of figureSources(ext)) {
    const total = r.figures.total?.[s.key], own = r.figures.own?.[s.key]
    if (!total) continue
    for (const [k, label] of Object.entries(s.labels)) rows.push([s.name, label, total[k] ?? null, own?.[k] ?? null])
  }
  const manual = Object.entries(r.manual ?? {})
  if (manual.length) {
    rows.push([], ['手工填报', '项目', '值'])
    for (const [k, v] of manual) rows.push(['手工填报', k, v as Cell])
  }
  return rows
}

export const reportCsv = (r: Awaited<ReturnType<typeof getReport>>, ext: SupervisionExtensions) => csv(reportRows(r, ext))
export const reportXlsx = (r: Awaited<ReturnType<typeof getReport>>, ext: SupervisionExtensions) => xlsx(`${r.period} 统计报表`, reportRows(r, ext))
