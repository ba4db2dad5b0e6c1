// 明查暗访 findings against a unit, a window or a staff member, recorded by an inspector or
// center admin of an ancestor; and the supervision view of findings, which merges sources:
// inspection findings, refusals of the authorisation layer ("decision attempted without the
// right"); case anomalies have their own list (supervision/anomalies).
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkWindowAndStaff } from './complaints.js'
import { SEVERITY_NAMES } from './schemas.js'

/**
 * One page of the supervision view: inspection findings and refusals of the authorisation layer
 * in one statement, newest day first, then by source (refusal before inspection) and the record
 * (keyset on (day, source, sort key) descending; a refusal's id is zero-padded so that its text
 * sorts as its number). The day boundaries are Asia/Shanghai days.
 */
export async function listFindings(ctx: Ctx, code: string, q: { from?: string; to?: string; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Finding', { unitCode: code }, code, '只能查看本辖区的监察发现')
  const { lo, hi } = subtreeRange(code)
  const ks = keyset([{ ref: 'f.day', type: 'date' }, { ref: 'f.source', type: 'text' }, { ref: 'f.sort_ref', type: 'text' }], q, true)
  const day = sql`(r.at at time zone 'Asia/Shanghai')::date`
  const { rows } = await sql<any>`
    select f.*, ${ks.select} from (
      select 'inspection' as source, i.mode as kind, i.unit_code, i.found_on as day, i.severity, i.body as text, i.id::text as ref,
             i.id::text as sort_ref, i.window_id, i.staff_id
        from inspection_findings i
       where i.unit_code between ${lo} and ${hi} and ${abilityWhere(ctx.ability, 'read', 'Finding', { unitCode: 'unit_code' }, 'i')}
         ${q.from ? sql`and i.found_on >= ${q.from}::date` : sql``} ${q.to ? sql`and i.found_on <= ${q.to}::date` : sql``}
      union all
      select 'refusal', 'unauthorised_attempt', r.unit_code, ${day}, null,
             r.action || ' ' || r.subject_type || coalesce(' ' || r.subject_id, '') || '：' || r.reason, r.id::text,
             lpad(r.id::text, 19, '0'), null, r.actor_id
        from refusals r
       where r.unit_code between ${lo} and ${hi} and ${abilityWhere(ctx.ability, 'read', 'Refusal', { unitCode: 'unit_code' }, 'r')}
         ${q.from ? sql`and r.at >= ${new Date(`${q.from}T00:00:00+08:00`)}` : sql``}
         ${q.to ? sql`and r.at < ${new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)}` : sql``}
    ) f where ${ks.where} order by ${ks.orderBy} limit ${ks.limit}`.execute(ctx.db)
  return ks.page(rows, (f) => ({
    source: f.source, kind: f.kind, kindName: f.source === 'refusal' ? '无权限操作（越权尝试）' : f.kind === 'open' ? '明查' : '暗访',
    unitCode: f.unit_code.trim(), on: typeof f.day === 'string' ? f.day : shanghaiDate(new Date(f.day)), severity: f.severity, text: f.text, ref: f.ref,
    ...(f.source === 'inspection' ? { windowId: f.window_id } : {}), staffId: f.staff_id,
  }))
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
