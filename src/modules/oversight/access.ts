// Who reads supervision over cases: supervisors (监察, read-only) and center admins of a unit
// whose subtree holds the code; everyone else gets 404 outside its subtree, 403 inside it.
import { subject } from '../../platform/abilities.js'
import { mustSee, refuse } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { findUnit } from '../units/index.js'

/** Whether the actor reads the oversight of `code` (CASL subject Oversight, abilities.ts). */
export const seesOversight = (ctx: Ctx, code: string) => ctx.ability.can('read', subject('Oversight', { unitCode: code }))

export async function supervisedUnit(ctx: Ctx, code: string) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  if (!seesOversight(ctx, code)) {
    refuse('read', 'Unit', code, '只有本级或上级的监察人员、中心管理员可以查看本辖区的办件监察信息')
  }
  return unit
}

/** City settings (thresholds, anomaly rules) are the city center admin's. */
export async function cityAdminUnit(ctx: Ctx, code: string) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'update', id: code })
  if (unit.level !== 'city') refuse('update', 'Unit', code, '监察参数与异常规则由市级设置')
  if (!ctx.ability.can('configure', subject('OversightSettings', { unitCode: code }))) {
    refuse('update', 'Unit', code, '只有市政务服务中心管理员可以设置监察参数')
  }
  return unit
}

/** Parent of a unit code in SQL (null for a city). */
export const PARENT_SQL = (u: string) => `case when substr(${u}, 10, 3) <> '000' then rpad(substr(${u}, 1, 9), 12, '0')
  when substr(${u}, 7, 3) <> '000' then rpad(substr(${u}, 1, 6), 12, '0')
  when substr(${u}, 5, 2) <> '00' then rpad(substr(${u}, 1, 4), 12, '0') end`

/** The calendar a unit's clock runs on, as of `day` (see the oversight migration). */
export const CAL_OF = (u: string, day: string) => `(select max(w.cal_code) from work_days w where w.day = ${day} and w.cal_code in
  ('000000000000', rpad(substr(${u}, 1, 4), 12, '0'), rpad(substr(${u}, 1, 6), 12, '0'), rpad(substr(${u}, 1, 9), 12, '0'), ${u}))`
