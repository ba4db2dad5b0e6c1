// Refusals of a subtree, newest first, paged by id (the primary key serves the order).
import { mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { findUnit } from '../units/index.js'

export async function listRefusals(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const { lo, hi } = subtreeRange(code)
  const ks = keyset([{ ref: 'id', type: 'bigint' }], q, true)
  const rows = await ctx.db.selectFrom('refusals').selectAll().select(ks.selections)
    .where('unit_code', '>=', lo).where('unit_code', '<=', hi)
    .where(abilityWhere(ctx.ability, 'read', 'Refusal', { unitCode: 'unit_code' }))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit).execute()
  return ks.page(rows, (r) => ({ id: r.id, unitCode: r.unit_code, actorId: r.actor_id, action: r.action,
    subjectType: r.subject_type, subjectId: r.subject_id, reason: r.reason, at: new Date(r.at).toISOString() }))
}
