// 好差评 (State Council 2019 No. 51): one evaluation per hall visit (the window clerk issues a
// visit ticket with a 6-digit evaluation code) and, once case handling is wired, one per case
// (receipt number + query code: SupervisionExtensions.caseEvaluation). A 差评 (不满意, 非常不满意) opens a
// rectification the unit answers within N working days; the unit may appeal a malicious or
// mistaken rating, decided by the unit above; an upheld appeal takes the rating out of the figures.
import { keyset } from '../../platform/paging.js'
import { subject } from '@casl/ability'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Action } from '../../platform/abilities.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { Conflict, Invalid, NotFound, recorded } from '../../platform/errors.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkWindowAndStaff } from './complaints.js'
import type { SupervisionExtensions } from './extensions.js'
import { type EvaluationInput, type EvaluationLevel, LEVEL_NAMES, NEGATIVE } from './schemas.js'
import { effectiveSettings } from './settings.js'
import { randomDigits, sha256Sql, unitOfNumber, visitNo } from './tickets.js'

/** What an online case evaluation is about; supplied by case handling. */
export interface CaseTarget {
  unitCode: string; caseRef: string; windowId?: string | null; staffId?: string | null
  /** Not finished yet (neither 办结 nor 不予受理): answered 409 with the status, not 404. */
  unfinished?: { status: string; statusName: string }
}
export interface CaseEvaluationResolver {
  /** The unit whose scope the lookup runs in (from the receipt number), or null if malformed. */
  unitOf(receiptNo: string): string | null
  /** The case when the receipt number and query code match, else null (answered as 404). */
  find(db: Tx, receiptNo: string, queryCode: string): Promise<CaseTarget | null>
}

export async function issueVisit(ctx: Ctx, code: string, input: { windowId?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'issueVisit', id: code })
  mustBeAllowed(ctx, 'issueVisit', 'Visit', { unitCode: code }, code, '只有本单位窗口人员（或中心管理员）可以出具办事凭条')
  await checkWindowAndStaff(ctx.db, code, input.windowId)
  const today = shanghaiDate(ctx.now)
  const evaluationCode = randomDigits(6)
  const no = visitNo(code, today)
  await ctx.db.insertInto('visits').values({
    unit_code: code, visit_no: no, evaluation_code_hash: sha256Sql(evaluationCode), window_id: input.windowId ?? null,
    staff_id: ctx.actor.unitCode === code ? ctx.actor.id : null, visited_on: today, created_by: ctx.actor.id,
  }).execute()
  return { visitNo: no, evaluationCode, unitCode: code, visitedOn: today }
}

/** The unit whose scope a public evaluation runs in. */
export function evaluationUnit(ext: SupervisionExtensions, input: EvaluationInput): string | null {
  if (input.kind === 'visit') return unitOfNumber(input.visitNo) === input.unitCode ? input.unitCode : null
  return ext.caseEvaluation?.unitOf(input.receiptNo) ?? null
}

/** Public: one evaluation per visit (or case); a second one is refused (409). */
export async function submitEvaluation(db: Tx, now: Date, ext: SupervisionExtensions, unitCode: string, input: EvaluationInput) {
  let target: { visitId: string | null; caseRef: string | null; windowId: string | null; staffId: string | null }
  if (input.kind === 'visit') {
    const v = await db.selectFrom('visits').selectAll().where('visit_no', '=', input.visitNo)
      .where('unit_code', '=', unitCode).where('evaluation_code_hash', '=', sha256Sql(input.evaluationCode)).executeTakeFirst()
    if (!v) throw new NotFound('未找到该办事凭条，或评价码不正确')
    await checkWindowAndStaff(db, unitCode, input.windowId, input.staffId)
    target = { visitId: v.id, caseRef: null, windowId: input.windowId ?? v.window_id, staffId: input.staffId ?? v.staff_id }
    if (await db.selectFrom('evaluations').select('id').where('visit_id', '=', v.id).executeTakeFirst()) throw new Conflict('该次办事已评价过')
  } else {
    const c = ext.caseEvaluation ? await ext.caseEvaluation.find(db, input.receiptNo, input.queryCode) : null
    if (!c || c.unitCode !== unitCode) throw new NotFound('未找到该办件，或查询码不正确')
    if (c.unfinished) throw new Conflict('办件尚未办结，办结后方可评价', { currentStatus: c.unfinished.status, statusName: c.unfinished.statusName })
    target = { visitId: null, caseRef: c.caseRef, windowId: c.windowId ?? null, staffId: c.staffId ?? null }
    if (await db.selectFrom('evaluations').select('id').where('case_ref', '=', c.caseRef).executeTakeFirst()) throw new Conflict('该办件已评价过')
  }
  const today = shanghaiDate(now)
  const negative = NEGATIVE.includes(input.level)
  const due = negative
    ? addWorkingDays(await loadCalendar(db, unitCode), today, (await effectiveSettings(db, unitCode)).negativeRectificationDays)
    : null
  await db.insertInto('evaluations').values({
    unit_code: unitCode, kind: input.kind, visit_id: target.visitId, case_ref: target.caseRef, window_id: target.windowId,
    staff_id: target.staffId, level: input.level, negative, comment: input.comment ?? '', evaluated_on: today,
    rectification_status: negative ? 'open' : 'none', rectification_due_on: due, indicators: jsonb(input.indicators ?? {}),
  }).execute()
  return { received: true, level: input.level, levelName: LEVEL_NAMES[input.level], negative }
}

function toView(r: any, today: string) {
  return {
    id: r.id, unitCode: r.unit_code, kind: r.kind, windowId: r.window_id, staffId: r.staff_id,
    level: r.level as EvaluationLevel, levelName: LEVEL_NAMES[r.level as EvaluationLevel], negative: r.negative,
    comment: r.comment, evaluatedOn: r.evaluated_on,
    rectification: r.rectification_status === 'none' ? null : {
      status: r.rectification_status, dueOn: r.rectification_due_on, answer: r.rectification_answer, answeredOn: r.rectified_on,
      overdue: r.rectification_status === 'open' && r.rectification_due_on < today,
    },
    appeal: r.appeal_status === 'none' ? null : {
      status: r.appeal_status, reason: r.appeal_reason, appealedOn: r.appealed_on, decisionNote: r.appeal_decision_note,
      decidedByUnit: r.appeal_decided_by_unit, decidedOn: r.appeal_decided_on,
    },
    counted: r.appeal_status !== 'upheld',
  }
}

/** Newest first: (evaluated_on, created_at, id) descending, served by evaluations_evaluated_idx. */
export async function listEvaluations(ctx: Ctx, code: string, q: { negative?: boolean; appealPending?: boolean; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Evaluation', { unitCode: code }, code, '只能查看本辖区的评价')
  const { lo, hi } = subtreeRange(code)
  const ks = keyset([{ ref: 'evaluated_on', type: 'date' }, { ref: 'created_at', type: 'timestamptz' }, { ref: 'id', type: 'uuid' }], q, true)
  let query = ctx.db.selectFrom('evaluations').selectAll().select(ks.selections).where('unit_code', '>=', lo).where('unit_code', '<=', hi)
    .where(abilityWhere(ctx.ability, 'read', 'Evaluation', { unitCode: 'unit_code' }))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit)
  if (q.negative !== undefined) query = query.where('negative', '=', q.negative)
  if (q.appealPending) query = query.where('appeal_status', '=', 'pending')
  const today = shanghaiDate(ctx.now)
  return ks.page(await query.execute(), (r) => toView(r, today))
}

async function findEvaluation(ctx: Ctx, id: string, action: Action, detail: string) {
  const r = await ctx.db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r || !ctx.ability.can('read', subject('Evaluation', { unitCode: r.unit_code }))) {
    throw recorded(new NotFound(), { action, subjectType: 'Evaluation', subjectId: id })
  }
  mustBeAllowed(ctx, action, 'Evaluation', { unitCode: r.unit_code }, id, detail)
  return r
}

async function update(ctx: Ctx, id: string, where: Record<string, string>, set: Record<string, unknown>) {
  let q = ctx.db.updateTable('evaluations').set(set as any).where('id', '=', id)
  for (const [k, v] of Object.entries(where)) q = q.where(k as any, '=', v)
  if (!Number((await q.executeTakeFirst()).numUpdatedRows)) throw new Conflict('评价状态已变化，请刷新后重试')
  return toView(await ctx.db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), shanghaiDate(ctx.now))
}

export async function appealEvaluation(ctx: Ctx, id: string, reason: string) {
  const r = await findEvaluation(ctx, id, 'appeal', '只有被评价单位（或其上级）的中心管理员可以申诉')
  if (!r.negative) throw new Conflict('只能对差评（不满意、非常不满意）申诉')
  if (r.appeal_status !== 'none') throw new Conflict('该评价已申诉过')
  return update(ctx, id, { appeal_status: 'none' }, { appeal_status: 'pending', appeal_reason: reason, appealed_on: shanghaiDate(ctx.now) })
}

export async function decideAppeal(ctx: Ctx, id: string, input: { upheld: boolean; note: string }) {
  const r = await findEvaluation(ctx, id, 'decideAppeal', '申诉由被评价单位的上级单位中心管理员裁定')
  if (r.appeal_status !== 'pending') throw new Conflict(r.appeal_status === 'none' ? '该评价没有待处理的申诉' : '该申诉已裁定')
  return update(ctx, id, { appeal_status: 'pending' }, {
    appeal_status: input.upheld ? 'upheld' : 'rejected', appeal_decision_note: input.note, appeal_decided_by: ctx.actor.id,
    appeal_decided_by_unit: ctx.actor.unitCode, appeal_decided_on: shanghaiDate(ctx.now),
    // A malicious or mistaken rating needs no rectification.
    ...(input.upheld && r.rectification_status === 'open' ? { rectification_status: 'none' } : {}),
  })
}

export async function answerRectification(ctx: Ctx, id: string, answer: string) {
  const r = await findEvaluation(ctx, id, 'rectify', '只有被评价单位（或其上级）的中心管理员可以答复整改')
  if (r.rectification_status !== 'open') {
    throw r.rectification_status === 'answered' ? new Conflict('已答复整改') : new Invalid('该评价不需要整改', [{ field: 'id', message: '不是待整改的差评' }])
  }
  return update(ctx, id, { rectification_status: 'open' }, { rectification_status: 'answered', rectification_answer: answer, rectified_on: shanghaiDate(ctx.now) })
}
