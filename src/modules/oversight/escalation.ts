// Escalating a red warning by hand (升级督办): a supervisor of a unit above the handling unit
// raises it to the next unit up without waiting for the answer deadline, with a reason. It is
// the sweep's escalation (sweep.ts) brought forward: the same escalated_to and the same notice
// to the supervisors there, once per red warning; the record adds who and why. As with
// complaints (supervision/complaints.ts): out of sight is 404 (recorded), the wrong role 403,
// the wrong state 409, and a conditional UPDATE makes two at once escalate once.
import { subject } from '../../platform/abilities.js'
import { mustBeAllowed } from '../../platform/authorize.js'
import { expectedParent } from '../../platform/codes.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb } from '../../platform/db/database.js'
import { Conflict, NotFound, recorded } from '../../platform/errors.js'

export async function escalateWarning(ctx: Ctx, id: string, input: { reason: string }) {
  const w = await ctx.db.selectFrom('case_warnings').selectAll().where('id', '=', id).executeTakeFirst()
  const handling = w?.handling_unit_code.trim()
  // Seen through RLS (the intake unit's subtree) and the oversight of the handling unit.
  if (!w || !ctx.ability.can('read', subject('Oversight', { unitCode: handling }))) {
    throw recorded(new NotFound('未找到该预警'), { action: 'escalate', subjectType: 'Warning', subjectId: id })
  }
  mustBeAllowed(ctx, 'escalate', 'Warning', { unitCode: handling }, id, '只有办理单位上级的监察人员可以升级督办')
  if (w.level !== 'red') throw new Conflict('只有红色预警可以升级督办', { level: w.level })
  if (w.escalated_at) throw new Conflict(`该预警已于 ${new Date(w.escalated_at).toISOString().slice(0, 10)} 升级至上级单位`, { escalatedTo: w.escalated_to?.trim() ?? null })
  const to = expectedParent(handling!)
  if (!to) throw new Conflict('办理单位没有上级单位，无法升级')
  const res = await ctx.db.updateTable('case_warnings').set({
    escalated_to: to, escalated_at: ctx.now, escalated_by: ctx.actor.id, escalated_by_name: ctx.actor.displayName,
    escalated_by_unit: ctx.actor.unitCode, escalation_reason: input.reason,
  }).where('id', '=', id).where('level', '=', 'red').where('escalated_at', 'is', null).executeTakeFirst()
  if (!Number(res.numUpdatedRows)) throw new Conflict('该预警已升级至上级单位')
  await ctx.db.insertInto('warning_events').values({
    unit_code: w.unit_code, warning_id: id, case_id: w.case_id, type: 'escalated', from_level: 'red', to_level: 'red',
    payload: jsonb({ from: handling, to, answerDue: w.answer_due, by: ctx.actor.id, reason: input.reason }), at: ctx.now,
  }).execute()
  const c = await ctx.db.selectFrom('cases as c').innerJoin('units as u', 'u.code', 'c.unit_code')
    .select(['c.receipt_no', 'c.matter_name', 'u.name']).where('c.id', '=', w.case_id).executeTakeFirstOrThrow()
  await ctx.db.insertInto('staff_notifications').values({
    unit_code: to, audience: 'supervisors', case_id: w.case_id, warning_id: id, kind: 'warning_escalated', created_at: ctx.now,
    text: `红色预警升级：${ctx.actor.displayName}将${c.name}办件 ${c.receipt_no}（${c.matter_name}）升级督办，理由：${input.reason}`,
  }).execute()
  return {
    warningId: id, caseId: w.case_id, escalatedTo: to, escalatedAt: ctx.now.toISOString(),
    escalatedBy: { id: ctx.actor.id, name: ctx.actor.displayName, unitCode: ctx.actor.unitCode }, reason: input.reason,
  }
}
