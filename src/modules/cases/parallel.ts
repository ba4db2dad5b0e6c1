// Parallel approval (并联审批) and one-stop lines (一条龙): one window accepts a bundle of matters;
// the lead department sends consultation tasks to the co-departments, each with its own deadline
// in working days; each decides its part; the case is decided when every part is (steps.ts) and
// any part's refusal is shown to everyone who sees the case.
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { resolveCatalog } from '../catalog/index.js'
import { caseToHandle, requireStep } from './access.js'
import { commit } from './events.js'
import { ensureState } from './state.js'

export async function openConsultation(ctx: Ctx, id: string, input: { matterCode: string; deadlineDays: number }) {
  const row = await caseToHandle(ctx, id, 'consult')
  // The lead department (牵头部门): whoever reviews the lead matter.
  const windowId = await requireStep(ctx, row, 'review')
  ensureState(row.status, 'consult')
  if (!row.parallel || !row.bundle.includes(input.matterCode)) {
    throw new Invalid('只能就并联办件中的事项征求意见', [{ field: 'matterCode', message: `事项 ${input.matterCode} 不在本办件的并联事项中` }])
  }
  const [m] = await resolveCatalog(ctx.db, row.unit_code, shanghaiDate(ctx.now), input.matterCode)
  const cal = await loadCalendar(ctx.db, row.unit_code)
  const due = addWorkingDays(cal, shanghaiDate(ctx.now), input.deadlineDays)
  const part = await ctx.db.insertInto('case_parts').values({
    case_id: id, unit_code: row.intake_unit_code, matter_code: input.matterCode, matter_name: m?.data.name ?? input.matterCode,
    department: m?.data.department ?? '', due_date: due,
  }).onConflict((oc) => oc.columns(['case_id', 'matter_code']).doNothing()).returning('id').executeTakeFirst()
  if (!part) throw new Conflict(`已就事项 ${input.matterCode} 发出征求意见`, { currentStatus: row.status })
  await commit(ctx, row, { type: 'consultation_opened', windowId, payload: { partId: part.id, matterCode: input.matterCode, dueDate: due } })
  return { caseId: id, partId: part.id, matterCode: input.matterCode, department: m?.data.department ?? '', dueDate: due }
}

export async function decidePart(ctx: Ctx, id: string, partId: string, input: { decision: 'approve' | 'deny'; reasons?: string }) {
  const row = await caseToHandle(ctx, id, 'decide-part')
  const part = await ctx.db.selectFrom('case_parts').selectAll().where('id', '=', partId).where('case_id', '=', id).executeTakeFirst()
  if (!part) throw new NotFound('该办件没有这个征求意见任务')
  // The co-department decides its own matter: the decide right on that matter.
  const windowId = await requireStep(ctx, row, 'decide', part.matter_code)
  ensureState(row.status, 'decide-part')
  if (part.decision) throw new Conflict('该部门已作出意见', { currentStatus: row.status, decision: part.decision })
  const r = await ctx.db.updateTable('case_parts').set({ decision: input.decision, reasons: input.reasons ?? '', decided_by: ctx.actor.id, decided_at: ctx.now })
    .where('id', '=', partId).where('decision', 'is', null).executeTakeFirst()
  if (!Number(r.numUpdatedRows)) throw new Conflict('该部门已作出意见', { currentStatus: row.status })
  await commit(ctx, row, { type: 'part_decided', windowId, payload: { partId, matterCode: part.matter_code, decision: input.decision, reasons: input.reasons ?? '' } })
  return { caseId: id, partId, matterCode: part.matter_code, decision: input.decision }
}
