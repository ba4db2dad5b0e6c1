// Warnings of a subtree (computed now, in SQL) with what the sweep recorded about them (the
// warning's id, the answer due, the answer, the escalation), and the answer a unit gives to a
// red warning. Supervisors read; only the handling unit's staff answer.
import { sql } from 'kysely'
import { subject } from '../../platform/abilities.js'
import { refuse } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { customPlan, jsonb } from '../../platform/db/database.js'
import { Conflict, NotFound } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { supervisedUnit } from './access.js'
import { consultationLevels, CONSULTATION_LEVEL_NAMES, currentLevels, KIND_NAMES, type Level, LEVEL_NAMES } from './levels.js'

const RANK = (col: string) => `case ${col} when 'red' then 0 else 1 end`

/**
 * One page of the case warnings of a subtree, red first, then by due date, receipt number, step
 * (keyset on (rank, due, receipt_no, kind, subject) over the levels computed now), with the counts
 * per level of the whole subtree (one aggregate over the same computation).
 */
export async function listWarnings(ctx: Ctx, code: string, q: { level?: Level; limit: number; cursor?: string }) {
  await supervisedUnit(ctx, code)
  const { lo, hi } = subtreeRange(code)
  const today = shanghaiDate(ctx.now)
  const levels = q.level ? [q.level] : ['yellow', 'red']
  const ks = keyset([{ ref: RANK('l.level'), type: 'int' }, { ref: 'l.due', type: 'date' }, { ref: 'l.receipt_no', type: 'text' },
    { ref: 'l.kind', type: 'text' }, { ref: 'l.subject', type: 'text' }], q)
  const { rows } = await sql<any>`
    select l.*, ${ks.select}, w.id as warning_id, w.answer_due, w.answered_at, w.answer_reason, w.escalated_to, w.escalated_at,
           w.escalated_by, w.escalated_by_name, w.escalated_by_unit, w.escalation_reason
      from (${currentLevels(lo, hi, today)}) l
      left join case_warnings w on w.case_id = l.case_id and w.kind = l.kind and w.subject = l.subject
     where l.level in (${sql.join(levels)}) and ${ks.where}
     order by ${ks.orderBy}
     limit ${ks.limit} ${customPlan}`.execute(ctx.db)
  const { rows: counted } = await sql<{ level: Level; n: number }>`
    select l.level, count(*)::int as n from (${currentLevels(lo, hi, today)}) l where l.level in ('red', 'yellow') group by l.level ${customPlan}`.execute(ctx.db)
  const counts = { red: 0, yellow: 0, ...Object.fromEntries(counted.map((r) => [r.level, r.n])) }
  return {
    unitCode: code, asOf: today, counts,
    ...ks.page(rows, (r) => ({
      caseId: r.case_id, receiptNo: r.receipt_no, handlingUnitCode: r.handling.trim(), matterCode: r.matter_code, matterName: r.matter_name,
      kind: r.kind, kindName: KIND_NAMES[r.kind as keyof typeof KIND_NAMES], partId: r.kind === 'part' ? r.subject : null,
      dueDate: r.due, limitDays: r.lim, remainingWorkingDays: r.remaining, level: r.level, levelName: LEVEL_NAMES[r.level as Level],
      warningId: r.warning_id, answerDue: r.answer_due, answeredAt: r.answered_at, answerReason: r.answer_reason,
      escalatedTo: r.escalated_to?.trim() ?? null, escalatedAt: r.escalated_at,
      escalatedBy: r.escalated_by ? { id: r.escalated_by, name: r.escalated_by_name, unitCode: r.escalated_by_unit.trim() } : null,
      escalationReason: r.escalation_reason ?? null,
    })),
  }
}

/** One page of the consultation warnings of a subtree: red first, then by reply deadline, question number. */
export async function listConsultationWarnings(ctx: Ctx, code: string, q: { level?: Level; limit: number; cursor?: string }) {
  await supervisedUnit(ctx, code)
  const { lo, hi } = subtreeRange(code)
  const today = shanghaiDate(ctx.now)
  const levels = q.level ? [q.level] : ['yellow', 'red']
  const ks = keyset([{ ref: RANK('l.level'), type: 'int' }, { ref: 'l.due', type: 'date' }, { ref: 'l.question_no', type: 'text' }], q)
  const { rows } = await sql<any>`
    select l.*, ${ks.select}, w.changed_at, w.level as recorded
      from (${consultationLevels(lo, hi, today)}) l left join consultation_warnings w on w.consultation_id = l.consultation_id
     where l.level in (${sql.join(levels)}) and ${ks.where}
     order by ${ks.orderBy} limit ${ks.limit}`.execute(ctx.db)
  return {
    unitCode: code, asOf: today,
    ...ks.page(rows, (r) => ({
      consultationId: r.consultation_id, questionNo: r.question_no, unitCode: r.unit_code.trim(), matterCode: r.matter_code, matterName: r.matter_name,
      route: r.route, windowId: r.window_id, department: r.department, dueDate: r.due, remainingWorkingDays: r.remaining,
      level: r.level, levelName: CONSULTATION_LEVEL_NAMES[r.level as Level], since: r.recorded === r.level && r.changed_at ? new Date(r.changed_at).toISOString() : null,
    })),
  }
}

export async function answerWarning(ctx: Ctx, id: string, input: { reason: string }) {
  const w = await ctx.db.selectFrom('case_warnings').selectAll().where('id', '=', id).executeTakeFirst()
  if (!w) {
    const e = new NotFound('未找到该预警')
    e.refusal = { action: 'handle', subjectType: 'Case', subjectId: id }
    throw e
  }
  if (!ctx.ability.can('answerWarning', subject('Warning', { unitCode: w.handling_unit_code.trim() }))) {
    refuse('handle', 'Case', w.case_id, '只有办理单位的工作人员可以说明预警原因')
  }
  if (w.level !== 'red') throw new Conflict('只有红色预警需要说明原因', { level: w.level })
  if (w.answered_at) throw new Conflict('该预警已说明原因', { answeredAt: w.answered_at })
  const today = shanghaiDate(ctx.now)
  await ctx.db.updateTable('case_warnings').set({ answered_at: ctx.now, answered_by: ctx.actor.id, answer_reason: input.reason })
    .where('id', '=', id).where('answered_at', 'is', null).execute()
  const late = !!w.answer_due && w.answer_due < today
  await ctx.db.insertInto('warning_events').values({
    unit_code: w.unit_code, warning_id: id, case_id: w.case_id, type: 'answered', from_level: 'red', to_level: 'red',
    payload: jsonb({ reason: input.reason, by: ctx.actor.id, late }), at: ctx.now,
  }).execute()
  return { warningId: id, caseId: w.case_id, answeredAt: ctx.now.toISOString(), reason: input.reason, late, escalatedTo: w.escalated_to?.trim() ?? null }
}
