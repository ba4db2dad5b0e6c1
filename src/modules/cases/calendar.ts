// The calendar routes under /api/units/{code}/calendar: the due date N working days from a day
// (for clerks and applicants), and local holidays / make-up workdays a unit adds — which
// recompute the due dates of the open cases handled in its subtree in the same transaction.
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { refreshUnitCalendars } from '../../platform/work-days.js'
import { findUnit } from '../units/index.js'
import { recomputeDueDates } from './clocks.js'

export async function workingDays(ctx: Ctx, code: string, from: string, days: number) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const cal = await loadCalendar(ctx.db, code)
  return { unitCode: code, from, days, due: addWorkingDays(cal, from, days) }
}

export async function setOverride(ctx: Ctx, code: string, day: string, input: { kind: 'holiday' | 'workday'; name: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'editCalendar', id: code })
  mustBeAllowed(ctx, 'editCalendar', 'Unit', { code }, code, '只有本单位或上级的中心管理员可以调整工作日历')
  const row = { unit_code: code, day, kind: input.kind, name: input.name, created_by: ctx.actor.id }
  await ctx.db.insertInto('calendar_overrides').values(row)
    .onConflict((oc) => oc.columns(['unit_code', 'day']).doUpdateSet({ kind: input.kind, name: input.name, created_by: ctx.actor.id })).execute()
  // The SQL calendar (work_days) that warnings and figures count on follows in the same transaction.
  await refreshUnitCalendars(ctx.db as any, code)
  const recomputed = await recomputeDueDates(ctx.db, code)
  return { unitCode: code, day, kind: input.kind, name: input.name, recomputedCases: recomputed }
}
