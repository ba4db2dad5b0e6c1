// Limits in working days per unit: the nearest of the unit and its ancestors that sets one
// wins (a city sets them for all its counties, a county may set its own); defaults below.
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { ancestorsOf } from '../units/index.js'
import { findUnit } from '../units/index.js'

export const DEFAULT_SETTINGS = { complaintAnswerDays: 10, negativeRectificationDays: 15 }
export type Settings = typeof DEFAULT_SETTINGS

/** Read through RLS: the unit's own row and its ancestors' (ancestors_read policy). */
export async function effectiveSettings(db: Tx, code: string): Promise<Settings & { sources: Record<keyof Settings, string | null> }> {
  const rows = await db.selectFrom('supervision_settings').selectAll()
    .where('unit_code', 'in', [code, ...ancestorsOf(code)]).execute()
  // Nearest first: a descendant's code sorts after its ancestors'.
  rows.sort((a, b) => b.unit_code.localeCompare(a.unit_code))
  const pick = (k: 'complaint_answer_days' | 'negative_rectification_days') => rows.find((r) => r[k] !== null)
  const c = pick('complaint_answer_days'), n = pick('negative_rectification_days')
  return {
    complaintAnswerDays: c?.complaint_answer_days ?? DEFAULT_SETTINGS.complaintAnswerDays,
    negativeRectificationDays: n?.negative_rectification_days ?? DEFAULT_SETTINGS.negativeRectificationDays,
    sources: { complaintAnswerDays: c?.unit_code ?? null, negativeRectificationDays: n?.unit_code ?? null },
  }
}

export async function getSettings(ctx: Ctx, code: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'SupervisionSettings', { unitCode: code }, code, '只能查看本辖区的监察设置')
  return { unitCode: code, ...(await effectiveSettings(ctx.db, code)) }
}

export async function putSettings(ctx: Ctx, code: string, input: { complaintAnswerDays?: number | null; negativeRectificationDays?: number | null }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'configure', id: code })
  mustBeAllowed(ctx, 'configure', 'SupervisionSettings', { unitCode: code }, code, '只有本级或上级中心管理员可以设置时限')
  const values = {
    complaint_answer_days: input.complaintAnswerDays ?? null,
    negative_rectification_days: input.negativeRectificationDays ?? null,
  }
  await ctx.db.insertInto('supervision_settings').values({ unit_code: code, ...values, updated_by: ctx.actor.id })
    .onConflict((oc) => oc.column('unit_code').doUpdateSet({ ...values, updated_by: ctx.actor.id, updated_at: sql`now()` })).execute()
  return getSettings(ctx, code)
}
