// The CASL ability of one user on matters at its unit: a right on a matter is allowed only
// if the unit holds it (by law or a live grant) and one of the user's windows holds it too.
// Built from one SQL query; lists use the same rules through abilityWhere-style translation.
import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery, subject } from '@casl/ability'
import { rulesToAST } from '@casl/ability/extra'
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import { Forbidden } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { holdings, RIGHT_NAMES, type Right } from './holdings.js'

export type MatterAbility = MongoAbility<[Right, 'Matter' | (Record<string, any> & { __caslSubjectType__?: 'Matter' })], MongoQuery<Record<string, any>>>

export async function matterAbility(ctx: Ctx, date = shanghaiDate(ctx.now)): Promise<MatterAbility> {
  const unit = ctx.actor.unitCode
  const held = await holdings(ctx.db, unit, date)
  const windows = await sql<{ matter_code: string; rights: Right[] }>`
    select r.matter_code, r.rights from window_rights r
      join window_staff s on s.window_id = r.window_id join windows w on w.id = r.window_id
     where s.user_id = ${ctx.actor.id} and w.unit_code = ${unit} and w.active`.execute(ctx.db)
  const byMatter = new Map<string, Set<Right>>()
  for (const w of windows.rows) for (const r of w.rights) (byMatter.get(w.matter_code) ?? byMatter.set(w.matter_code, new Set()).get(w.matter_code)!).add(r)
  const { can, build } = new AbilityBuilder<MatterAbility>(createMongoAbility)
  for (const h of held) {
    const viaWindow = byMatter.get(h.matterCode)
    const rights = h.rights.filter((r) => viaWindow?.has(r))
    // Under an entrustment the unit acts in the entrusting organ's name (委托).
    if (rights.length) can(rights, 'Matter', { unitCode: unit, matterCode: h.matterCode })
  }
  return build()
}

/** Throws a recorded 403 unless the actor may exercise `right` on `matterCode`. */
export function requireMatterRight(ability: MatterAbility, unitCode: string, matterCode: string, right: Right) {
  if (!ability.can(right, subject('Matter', { unitCode, matterCode }))) {
    throw new Forbidden(`您所在窗口或单位不持有事项 ${matterCode} 的${RIGHT_NAMES[right]}权限`,
      { action: right, subjectType: 'Matter', subjectId: `${unitCode}:${matterCode}` })
  }
}

/** The matter codes on which the actor holds `right`, from the same rules (for SQL lists). */
export function mattersWith(ability: MatterAbility, right: Right): string[] {
  const ast = rulesToAST(ability, right, 'Matter') as any
  if (!ast) return []
  const leaves = ast.operator === 'or' ? ast.value : [ast]
  return leaves.flatMap((n: any) => (n.value as any[]).filter((c) => c.field === 'matterCode').map((c) => c.value))
}
