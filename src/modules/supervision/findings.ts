// 明查暗访 findings against a unit, a window or a staff member, recorded by an inspector or
// center admin of an ancestor; and the supervision view of findings, which merges sources:
// inspection findings, refusals of the authorisation layer ("decision attempted without the
// right"), and what other modules plug in (SupervisionExtensions.findingSources, e.g. case anomalies).
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkWindowAndStaff } from './complaints.js'
import type { SupervisionExtensions } from './extensions.js'
import { SEVERITY_NAMES } from './schemas.js'

export interface FindingView {
  source: string; kind: string; kindName: string; unitCode: string; on: string
  severity: string | null; text: string; ref: string; windowId?: string | null; staffId?: string | null
}
export type FindingSource = (ctx: Ctx, range: { lo: string; hi: string; from?: string; to?: string }) => Promise<FindingView[]>

async function inspectionFindings(ctx: Ctx, r: { lo: string; hi: string; from?: string; to?: string }): Promise<FindingView[]> {
  let q = ctx.db.selectFrom('inspection_findings').selectAll().where('unit_code', '>=', r.lo).where('unit_code', '<=', r.hi)
    .where(abilityWhere(ctx.ability, 'read', 'Finding', { unitCode: 'unit_code' })).orderBy('found_on', 'desc').limit(500)
  if (r.from) q = q.where('found_on', '>=', r.from)
  if (r.to) q = q.where('found_on', '<=', r.to)
  return (await q.execute()).map((f) => ({
    source: 'inspection', kind: f.mode, kindName: f.mode === 'open' ? '明查' : '暗访', unitCode: f.unit_code, on: f.found_on,
    severity: f.severity, text: f.body, ref: f.id, windowId: f.window_id, staffId: f.staff_id,
  }))
}

async function refusalFindings(ctx: Ctx, r: { lo: string; hi: string; from?: string; to?: string }): Promise<FindingView[]> {
  let q = ctx.db.selectFrom('refusals').selectAll().where('unit_code', '>=', r.lo).where('unit_code', '<=', r.hi)
    .where(abilityWhere(ctx.ability, 'read', 'Refusal', { unitCode: 'unit_code' })).orderBy('id', 'desc').limit(500)
  // The day boundaries are Asia/Shanghai days.
  if (r.from) q = q.where('at', '>=', new Date(`${r.from}T00:00:00+08:00`))
  if (r.to) q = q.where('at', '<', new Date(new Date(`${r.to}T00:00:00+08:00`).getTime() + 86_400_000))
  return (await q.execute()).map((f) => ({
    source: 'refusal', kind: 'unauthorised_attempt', kindName: '无权限操作（越权尝试）', unitCode: f.unit_code,
    on: shanghaiDate(new Date(f.at)), severity: null, text: `${f.action} ${f.subject_type}${f.subject_id ? ` ${f.subject_id}` : ''}：${f.reason}`,
    ref: String(f.id), staffId: f.actor_id,
  }))
}

const OWN: readonly FindingSource[] = [inspectionFindings, refusalFindings]

export async function listFindings(ctx: Ctx, ext: SupervisionExtensions, code: string, q: { from?: string; to?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Finding', { unitCode: code }, code, '只能查看本辖区的监察发现')
  const range = { ...subtreeRange(code), from: q.from, to: q.to }
  const all = (await Promise.all([...OWN, ...ext.findingSources].map((s) => s(ctx, range)))).flat()
  return all.sort((a, b) => b.on.localeCompare(a.on) || a.source.localeCompare(b.source))
}

export async function recordFinding(ctx: Ctx, code: string, input: {
  mode: 'open' | 'secret'; windowId?: string; staffId?: string; severity: 'minor' | 'major' | 'serious'; text: string; date: string
}) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'create', id: code })
  mustBeAllowed(ctx, 'create', 'Finding', { unitCode: code }, code, '明查暗访由上级单位的检查人员或中心管理员记录')
  const today = shanghaiDate(ctx.now)
  if (input.date > today) throw new Invalid('检查日期不能晚于今天', [{ field: 'date', message: '不能是将来的日期' }])
  await checkWindowAndStaff(ctx.db, code, input.windowId, input.staffId)
  const row = await ctx.db.insertInto('inspection_findings').values({
    unit_code: code, inspector_unit_code: ctx.actor.unitCode, mode: input.mode, window_id: input.windowId ?? null,
    staff_id: input.staffId ?? null, severity: input.severity, body: input.text, found_on: input.date, created_by: ctx.actor.id,
  }).returningAll().executeTakeFirstOrThrow()
  return {
    id: row.id, unitCode: row.unit_code, inspectorUnitCode: row.inspector_unit_code, mode: row.mode, windowId: row.window_id,
    staffId: row.staff_id, severity: row.severity, severityName: SEVERITY_NAMES[row.severity], text: row.body, date: row.found_on,
  }
}
