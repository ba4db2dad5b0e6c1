// Who may act on a case: it must be visible (else 404, recorded for writes), the actor must be
// staff of the handling unit (else 403, recorded), and each step needs the matter right at
// that unit through one of the actor's windows (matter-ability.ts; 403, recorded).
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { shanghaiDate } from '../../platform/time.js'
import { holdings, type Right } from '../powers/holdings.js'
import { matterAbility, requireMatterRight } from '../powers/matter-ability.js'
import type { CaseRow, Organ } from './events.js'

export const caseSubject = (r: { unit_code: string; intake_unit_code: string }) => ({ unitCode: r.unit_code, intakeUnitCode: r.intake_unit_code })

export async function findCase(ctx: Ctx, id: string, attempt?: string): Promise<CaseRow> {
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
  mustSee(ctx, 'Case', row && caseSubject(row), attempt ? { action: 'handle', id } : undefined)
  return row!
}

/** Visible and handled by the actor's unit. */
export async function caseToHandle(ctx: Ctx, id: string, action: string): Promise<CaseRow> {
  const row = await findCase(ctx, id, action)
  mustBeAllowed(ctx, 'handle', 'Case', caseSubject(row), id, '只有办理单位的工作人员可以办理该办件')
  return row
}

/** The window through which the actor exercises `right` on the matter (null if none). */
export async function actingWindow(ctx: Ctx, unit: string, matterCode: string, right: Right): Promise<string | null> {
  const r = await sql<{ id: string }>`
    select w.id from windows w join window_staff s on s.window_id = w.id join window_rights r on r.window_id = w.id
     where s.user_id = ${ctx.actor.id} and w.unit_code = ${unit} and w.active and r.matter_code = ${matterCode}
       and ${right} = any(r.rights) order by w.number limit 1`.execute(ctx.db)
  return r.rows[0]?.id ?? null
}

/** 403 (recorded) unless the actor holds `right` on the matter at the handling unit through a window. */
export async function requireStep(ctx: Ctx, row: CaseRow, right: Right, matterCode = row.matter_code) {
  requireMatterRight(await matterAbility(ctx), row.unit_code, matterCode, right)
  return actingWindow(ctx, row.unit_code, matterCode, right)
}

/**
 * In whose name the unit acts on the matter: its own (法定/下放), or under an entrustment (委托)
 * the entrusting organ's — the matter's department at the grantor, named by the grantor's code.
 */
export async function organFor(ctx: Ctx, row: CaseRow): Promise<Organ> {
  const held = await holdings(ctx.db, row.unit_code, shanghaiDate(ctx.now), row.matter_code)
  const own = held.find((h) => h.source !== 'entrustment')
  const department = (row.matter as any).department as string
  if (own?.source === 'statutory') return { code: row.unit_code, name: department }
  const entrusted = held.find((h) => h.source === 'entrustment')
  if (!own && entrusted) return { code: entrusted.grantor!, name: department }
  const unit = await ctx.db.selectFrom('units').select('name').where('code', '=', row.unit_code).executeTakeFirst()
  return { code: row.unit_code, name: unit?.name ?? row.unit_code }
}
