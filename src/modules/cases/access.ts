// Who may act on a case: it must be visible (else 404, recorded for writes), the actor must hold
// the role for the step at the handling unit (CASL, platform/abilities.ts; else 403, recorded),
// and the step needs the matter right at that unit through one of the actor's windows
// (matter-ability.ts; 403, recorded). Each refusal names exactly what is missing.
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import type { Action } from '../../platform/abilities.js'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Forbidden } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { holdings, RIGHT_NAMES, rightsOf, type Right } from '../powers/index.js'
import { matterAbility, requireMatterRight } from '../powers/index.js'
import { ROLE_NAMES, type Role } from '../users/index.js'
import type { CaseRow, Organ } from './events.js'

export const caseSubject = (r: { unit_code: string; intake_unit_code: string; channel?: string }) =>
  ({ unitCode: r.unit_code, intakeUnitCode: r.intake_unit_code, channel: r.channel })

/** The steps that need a role of their own (受审分离), who may take them, and what they are called. */
export type CaseStep = 'accept' | 'forward' | 'review' | 'decide' | 'certify' | 'deliver'
export const STEP_ROLES: Record<CaseStep, { name: string; roles: string }> = {
  accept: { name: '受理（含一次性告知、补正、不予受理）', roles: ROLE_NAMES.window_clerk },
  forward: { name: '转报', roles: `${ROLE_NAMES.window_clerk}或${ROLE_NAMES.agent}（代办件）` },
  review: { name: '审核', roles: ROLE_NAMES.reviewer },
  decide: { name: '审批决定', roles: ROLE_NAMES.approver },
  certify: { name: '制证', roles: `${ROLE_NAMES.window_clerk}或${ROLE_NAMES.approver}` },
  deliver: { name: '送达', roles: `${ROLE_NAMES.window_clerk}、${ROLE_NAMES.approver}或${ROLE_NAMES.agent}（代办件）` },
}
const rolesOf = (ctx: Ctx) => ctx.actor.roles.map((r) => ROLE_NAMES[r as Role] ?? r).join('、') || '无'

/**
 * 403 (recorded, with the step as the action) unless the actor's role allows `step` on the case.
 * The refusal says whether the role is missing or the case is handled by another unit.
 */
export function mustStep(ctx: Ctx, row: CaseRow, step: CaseStep) {
  const s = caseSubject(row)
  if (ctx.ability.can(step as Action, subject('Case', { ...s }))) return
  const refusal = { action: step, subjectType: 'Case' as const, subjectId: row.id }
  // The role would do at the actor's own unit: the case is simply handled elsewhere.
  if (ctx.ability.can(step as Action, subject('Case', { ...s, unitCode: ctx.actor.unitCode }))) {
    throw new Forbidden(`该办件现由 ${row.unit_code.trim()} 办理，只有办理单位的工作人员可以${STEP_ROLES[step].name}`, refusal)
  }
  const agentOnly = step === 'deliver' || step === 'forward'
  throw new Forbidden(`${STEP_ROLES[step].name}须由${STEP_ROLES[step].roles}办理；您的角色是：${rolesOf(ctx)}` +
    (agentOnly && ctx.actor.roles.includes('agent') ? '（代办员只办理代办渠道收件的办件）' : ''), refusal)
}

/** Visible, and the actor's role allows the step at the handling unit. */
export async function caseForStep(ctx: Ctx, id: string, step: CaseStep): Promise<CaseRow> {
  const row = await findCase(ctx, id, step)
  mustStep(ctx, row, step)
  return row
}

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
  const ability = await matterAbility(ctx)
  try {
    requireMatterRight(ability, row.unit_code, matterCode, right)
  } catch (e) {
    throw await explainMissingRight(ctx, row.unit_code.trim(), matterCode, right, e as Forbidden)
  }
  return actingWindow(ctx, row.unit_code, matterCode, right)
}

/** Which of the two is missing: the unit's power, or the right on one of the actor's windows. */
export async function explainMissingRight(ctx: Ctx, unit: string, matterCode: string, right: Right, e: Forbidden) {
  const what = `事项 ${matterCode} 的${RIGHT_NAMES[right]}权`
  const held = rightsOf(await holdings(ctx.db, unit, shanghaiDate(ctx.now), matterCode))
  let detail: string
  if (!held.has(right)) detail = `本单位不持有${what}（须有法定职权或有效的下放、委托）`
  else {
    const onWindow = await ctx.db.selectFrom('window_staff as s').innerJoin('windows as w', 'w.id', 's.window_id')
      .select('w.id').where('s.user_id', '=', ctx.actor.id).where('w.unit_code', '=', unit).where('w.active', '=', true).executeTakeFirst()
    detail = onWindow ? `您所在的窗口未获授权行使${what}（窗口授权），请中心管理员调整窗口授权`
      : `您未被安排到本单位的任何窗口，不能行使${what}；请中心管理员安排窗口`
  }
  return new Forbidden(detail, e.refusal ?? { action: right, subjectType: 'Matter', subjectId: `${unit}:${matterCode}` })
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
