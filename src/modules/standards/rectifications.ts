// Rectification tasks (整改): opened by an inspection's failed items (or by hand from above),
// fixed and reported by the station with evidence, verified or reopened by the inspecting
// side. States: open → reported → verified, reported → open (reopened). The inspector may
// also verify an open task on a follow-up visit (现场复核), with a note saying so.
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, NotFound, recorded } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkEvidence } from './evidence.js'

type Action = 'opened' | 'reported' | 'reopened' | 'verified' | 'still_failing'
const COLUMNS = { unitCode: 'unit_code', inspectorUnitCode: 'inspector_unit_code' }
const STATUS_NAMES = { open: '待整改', reported: '已上报待核验', verified: '已核验' }

export async function recordEvent(ctx: Ctx, id: string, unitCode: string, action: Action, note: string, evidence: string[], fixedOn: string | null = null) {
  await ctx.db.insertInto('standard_rectification_events').values({
    rectification_id: id, unit_code: unitCode, action, note, evidence, actor_id: ctx.actor.id,
    actor_name: ctx.actor.displayName, on_day: shanghaiDate(ctx.now), fixed_on: fixedOn,
  }).execute()
}

/** A task row with its history, `overdue` judged on `today` (Asia/Shanghai). */
const withHistory = (ctx: Ctx) => ctx.db.selectFrom('standard_rectifications as r').selectAll('r')
  .select(sql<any[]>`coalesce((select json_agg(json_build_object('action', e.action, 'note', e.note, 'evidence', e.evidence,
      'actorName', e.actor_name, 'onDay', e.on_day, 'fixedOn', e.fixed_on, 'at', e.at) order by e.id)
    from standard_rectification_events e where e.rectification_id = r.id), '[]')`.as('history'))

const toTask = (r: any, today: string) => ({
  id: r.id, unitCode: r.unit_code, inspectorUnitCode: r.inspector_unit_code, inspectionId: r.inspection_id, itemKey: r.item_key,
  title: r.title, detail: r.detail, status: r.status, statusName: STATUS_NAMES[r.status as keyof typeof STATUS_NAMES],
  openedOn: r.opened_on, dueOn: r.due_on, reportedOn: r.reported_on, fixedOn: r.fixed_on ?? null, verifiedOn: r.verified_on, reopened: r.reopened,
  overdue: r.status === 'open' && r.due_on < today, history: r.history ?? [],
})

/** One page of tasks, by deadline, then unit, then task id (keyset on (due_on, unit_code, id): standard_rectifications_due_unit_id_idx, migration 024). */
export async function listRectifications(ctx: Ctx, code: string,
  q: { status?: string; overdue?: boolean; subtree?: boolean; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Rectification', { unitCode: code }, code, '只能查看本辖区的整改任务')
  const today = shanghaiDate(ctx.now)
  const ks = keyset([{ ref: 'r.due_on', type: 'date' }, { ref: 'r.unit_code', type: 'bpchar' }, { ref: 'r.id', type: 'uuid' }], q)
  let query = withHistory(ctx).select(ks.selections).where(abilityWhere(ctx.ability, 'read', 'Rectification', COLUMNS, 'r'))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit)
  if (q.subtree === false) query = query.where('r.unit_code', '=', code)
  else {
    const { lo, hi } = subtreeRange(code)
    query = query.where('r.unit_code', '>=', lo).where('r.unit_code', '<=', hi)
  }
  if (q.status) query = query.where('r.status', '=', q.status as any)
  // Overdue (逾期): still open after its deadline. A fix reported in time waits on the inspector, not the station.
  if (q.overdue) query = query.where('r.status', '=', 'open').where('r.due_on', '<', today)
  return ks.page(await query.execute(), (r) => toTask(r, today))
}

/** A task opened by hand from above (e.g. after a spot check, 暗访), deadline in working days from today. */
export async function openRectification(ctx: Ctx, code: string, input: { title: string; detail?: string; dueInWorkingDays: number }) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'create', id: code })
  mustBeAllowed(ctx, 'create', 'Rectification', { unitCode: code, inspectorUnitCode: ctx.actor.unitCode }, code,
    '只有上级单位的检查人员或中心管理员可以下达整改任务')
  if (unit.level !== 'township' && unit.level !== 'village') throw new Invalid('整改任务只下达给乡镇中心和村工作站', [{ field: 'code', message: '层级不适用' }])
  const today = shanghaiDate(ctx.now)
  const due = addWorkingDays(await loadCalendar(ctx.db, code), today, input.dueInWorkingDays)
  const row = await ctx.db.insertInto('standard_rectifications').values({
    unit_code: code, inspector_unit_code: ctx.actor.unitCode, inspection_id: null, item_key: null, title: input.title,
    detail: input.detail ?? '', status: 'open', opened_on: today, due_on: due, created_by: ctx.actor.id,
  }).returning('id').executeTakeFirstOrThrow()
  await recordEvent(ctx, row.id, code, 'opened', input.detail ?? input.title, [])
  return getTask(ctx, row.id)
}

async function getTask(ctx: Ctx, id: string) {
  return toTask(await withHistory(ctx).where('r.id', '=', id).executeTakeFirstOrThrow(), shanghaiDate(ctx.now))
}

async function findTask(ctx: Ctx, id: string, action: 'report' | 'verify' | 'reopen') {
  const r = await ctx.db.selectFrom('standard_rectifications').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r || !ctx.ability.can('read', subject('Rectification', { unitCode: r.unit_code }))) {
    throw recorded(new NotFound(), { action, subjectType: 'Rectification', subjectId: id })
  }
  mustBeAllowed(ctx, action, 'Rectification', { unitCode: r.unit_code, inspectorUnitCode: r.inspector_unit_code }, id,
    action === 'report' ? '只有整改单位（或其上级、下达单位以下）的中心管理员可以上报整改情况；下达任务的单位只核验或退回' : '只有检查单位（或其上级）的检查人员或中心管理员可以核验或退回整改')
  return r
}

const move = async (ctx: Ctx, id: string, from: string[], set: Record<string, unknown>) => {
  const r = await ctx.db.updateTable('standard_rectifications').set({ ...set, updated_at: sql`now()` } as any)
    .where('id', '=', id).where('status', 'in', from as any).executeTakeFirst()
  // Lost a race with another action on the same task.
  if (!Number(r.numUpdatedRows)) throw new Conflict('整改任务状态已变化，请刷新后重试')
}

/** The station's answer (整改情况): what was done, photos if any, and the day it was done (default today). */
export async function reportFix(ctx: Ctx, id: string, input: { note: string; evidence: string[]; fixedOn?: string }) {
  const r = await findTask(ctx, id, 'report')
  if (r.status !== 'open') throw new Conflict(r.status === 'reported' ? '已上报，等待核验' : '该整改任务已核验完成')
  const today = shanghaiDate(ctx.now)
  const fixedOn = input.fixedOn ?? today
  if (fixedOn > today) throw new Invalid('整改完成日期不能晚于今天', [{ field: 'fixedOn', message: `整改完成日期：不能晚于今天（${today}）` }])
  if (fixedOn < r.opened_on) throw new Invalid('整改完成日期不能早于任务下达日', [{ field: 'fixedOn', message: `整改完成日期：不能早于任务下达日（${r.opened_on}）` }])
  await checkEvidence(ctx, r.unit_code, [{ field: 'evidence', ids: input.evidence }])
  await move(ctx, id, ['open'], { status: 'reported', reported_on: today, fixed_on: fixedOn })
  await recordEvent(ctx, id, r.unit_code, 'reported', input.note, input.evidence, fixedOn)
  return getTask(ctx, id)
}

export async function reopenTask(ctx: Ctx, id: string, input: { note: string; dueInWorkingDays?: number }) {
  const r = await findTask(ctx, id, 'reopen')
  if (r.status !== 'reported') throw new Conflict(r.status === 'open' ? '任务尚未上报整改，无需退回' : '该整改任务已核验完成')
  const today = shanghaiDate(ctx.now)
  const due = input.dueInWorkingDays ? addWorkingDays(await loadCalendar(ctx.db, r.unit_code), today, input.dueInWorkingDays) : r.due_on
  await move(ctx, id, ['reported'], { status: 'open', reported_on: null, fixed_on: null, due_on: due, reopened: sql`reopened + 1` })
  await recordEvent(ctx, id, r.unit_code, 'reopened', input.note, [])
  return getTask(ctx, id)
}

export async function verifyTask(ctx: Ctx, id: string, input: { note?: string; evidence?: string[] }) {
  const r = await findTask(ctx, id, 'verify')
  if (r.status === 'verified') throw new Conflict('该整改任务已核验完成')
  if (r.status === 'open' && !input.note?.trim()) {
    throw new Invalid('未经上报直接核验（现场复核）须填写核验意见', [{ field: 'note', message: '请填写现场复核情况' }])
  }
  await checkEvidence(ctx, r.unit_code, [{ field: 'evidence', ids: input.evidence ?? [] }])
  await move(ctx, id, ['open', 'reported'], { status: 'verified', verified_on: shanghaiDate(ctx.now) })
  await recordEvent(ctx, id, r.unit_code, 'verified', input.note ?? '', input.evidence ?? [])
  return getTask(ctx, id)
}
