// Self-reports (自评) by a center or station, and inspections (检查) of it by a unit above it:
// the checklist in force, item by item, scored and graded. Each failed item of an inspection
// opens a rectification task (整改) with a deadline in working days on the unit's calendar.
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb } from '../../platform/db/database.js'
import { Conflict, Invalid } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkEvidence } from './evidence.js'
import { checkResults, evaluate } from './grading.js'
import { effectiveTemplate } from './queries.js'
import { recordEvent } from './rectifications.js'
import { GRADE_NAMES, type InspectionInput, TIER_NAMES, type Tier } from './schemas.js'

export const INSPECTION_COLUMNS = { unitCode: 'unit_code' }

export const toInspection = (r: any) => ({
  id: r.id, unitCode: r.unit_code, tier: r.tier, kind: r.kind,
  inspector: { unitCode: r.inspector_unit_code, userId: r.inspector_id, name: r.inspector_name },
  inspectedOn: r.inspected_on, template: r.template, items: r.items,
  score: Number(r.score), grade: r.grade, gradeName: GRADE_NAMES[r.grade as keyof typeof GRADE_NAMES],
  built: r.built, standardised: r.standardised, yiYouSanWu: r.yi_you_san_wu,
  flags: r.yi_you_san_wu ? ['一有三无'] : [], note: r.note, createdAt: new Date(r.created_at).toISOString(),
})

export async function fileInspection(ctx: Ctx, code: string, kind: 'inspection' | 'self_report', input: InspectionInput) {
  const action = kind === 'inspection' ? 'inspect' : 'selfReport'
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action, id: code })
  mustBeAllowed(ctx, action, 'Inspection', { unitCode: code }, code, kind === 'inspection'
    ? '只有上级单位的检查人员或中心管理员可以检查本单位（不能检查自己或辖区外的单位）'
    : '只有本单位或上级单位的中心管理员可以填报自评')
  if (unit.level !== 'township' && unit.level !== 'village') {
    throw new Invalid('标准化检查的对象是乡镇(街道)为民服务中心和村(社区)为民服务工作站', [{ field: 'code', message: '该单位不参加标准化检查' }])
  }
  if (!unit.active) throw new Conflict(`“${unit.name}”已停用`)
  const tier: Tier = unit.level
  const today = shanghaiDate(ctx.now)
  const on = input.inspectedOn ?? today
  if (on > today) throw new Invalid('检查日期不能是将来', [{ field: 'inspectedOn', message: `不晚于 ${today}` }])

  const template = await effectiveTemplate(ctx.db, code, tier)
  if (!template) throw new Conflict(`尚未发布适用于本单位的${TIER_NAMES[tier]}建设标准清单`)
  const { map, issues } = checkResults(template, input.results)
  if (issues.length) throw new Invalid(`检查结果有 ${issues.length} 处错误`, issues)
  await checkEvidence(ctx, code, input.results.map((r, i) => ({ field: `results[${i}].evidence`, ids: r.evidence ?? [] })))
  const e = evaluate(template, unit, map)

  const row = await ctx.db.insertInto('standard_inspections').values({
    unit_code: code, tier, kind, inspector_unit_code: ctx.actor.unitCode, inspector_id: ctx.actor.id,
    inspector_name: ctx.actor.displayName, inspected_on: on, template: jsonb({ sources: template.sources, grading: template.grading }),
    items: jsonb(e.items), score: e.score, grade: e.grade, built: e.built, standardised: e.standardised,
    yi_you_san_wu: e.yiYouSanWu, note: input.note ?? '',
  }).returningAll().executeTakeFirstOrThrow()

  const rectifications = kind === 'inspection' ? await openForFailures(ctx, row.id, code, on, template, e.items) : []
  return { ...toInspection(row), criticalFailed: e.criticalFailed, basics: e.basics, rectifications }
}

/** One task per failed item; an item whose earlier task is still unfinished keeps that task. */
async function openForFailures(ctx: Ctx, inspectionId: string, code: string, on: string,
  template: NonNullable<Awaited<ReturnType<typeof effectiveTemplate>>>, items: ReturnType<typeof evaluate>['items']) {
  const failed = items.filter((i) => !i.passed)
  if (!failed.length) return []
  const calendar = await loadCalendar(ctx.db, code)
  const out: { id: string; itemKey: string; dueOn: string; existing: boolean }[] = []
  for (const item of failed) {
    const days = template.items.find((t) => t.key === item.key)!.rectifyDays ?? template.rectificationDays
    const due = addWorkingDays(calendar, on, days)
    const created = await ctx.db.insertInto('standard_rectifications').values({
      unit_code: code, inspector_unit_code: ctx.actor.unitCode, inspection_id: inspectionId, item_key: item.key,
      title: `整改：${item.label}`, detail: item.note, status: 'open', opened_on: on, due_on: due, created_by: ctx.actor.id,
    }).onConflict((oc) => oc.columns(['unit_code', 'item_key']).where(sql<boolean>`item_key is not null and status <> 'verified'`).doNothing())
      .returning(['id', 'due_on']).executeTakeFirst()
    if (created) {
      await recordEvent(ctx, created.id, code, 'opened', `检查不合格：${item.label}`, [])
      out.push({ id: created.id, itemKey: item.key, dueOn: due, existing: false })
    } else {
      const open = await ctx.db.selectFrom('standard_rectifications').select(['id', 'due_on'])
        .where('unit_code', '=', code).where('item_key', '=', item.key).where('status', '<>', 'verified').executeTakeFirstOrThrow()
      await recordEvent(ctx, open.id, code, 'still_failing', `复查仍不合格：${item.label}`, [])
      out.push({ id: open.id, itemKey: item.key, dueOn: open.due_on, existing: true })
    }
  }
  return out
}

/** One page of records, newest first (keyset on (inspected_on, created_at, id) descending). */
export async function listInspections(ctx: Ctx, code: string,
  q: { kind?: 'inspection' | 'self_report'; subtree?: boolean; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Inspection', { unitCode: code }, code, '只能查看本辖区的检查记录')
  const ks = keyset([{ ref: 'inspected_on', type: 'date' }, { ref: 'created_at', type: 'timestamptz' }, { ref: 'id', type: 'uuid' }], q, true)
  let query = ctx.db.selectFrom('standard_inspections').selectAll().select(ks.selections)
    .where(abilityWhere(ctx.ability, 'read', 'Inspection', INSPECTION_COLUMNS))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit)
  if (q.subtree) {
    const { lo, hi } = subtreeRange(code)
    query = query.where('unit_code', '>=', lo).where('unit_code', '<=', hi)
  } else query = query.where('unit_code', '=', code)
  if (q.kind) query = query.where('kind', '=', q.kind)
  return ks.page(await query.execute(), toInspection)
}
