// Refusals recorded by the authorisation layer, readable by admins and supervisors of
// the subtree (electronic supervision builds on these).
import { createRoute } from '@hono/zod-openapi'
import { mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import { asActor } from '../../platform/context.js'
import { CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { subtreeRange } from '../../platform/scope.js'
import { findUnit } from '../units/queries.js'

const Refusal = z.object({
  id: z.number(), unitCode: z.string(), actorId: z.string().nullable(), action: z.string(),
  subjectType: z.string(), subjectId: z.string().nullable(), reason: z.string(), at: z.string(),
}).openapi('Refusal')

export const refusals = router().openapi(createRoute({
  method: 'get', path: '/{code}/refusals', tags: ['监察'], summary: '本辖区被拒绝的操作记录（最近 500 条）',
  request: { params: z.object({ code: CodeParam }) },
  responses: { 200: json(z.array(Refusal), '拒绝记录'), ...errorResponses },
}), async (c) => c.json(await asActor(c, async (ctx) => {
  const code = c.req.valid('param').code
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const { lo, hi } = subtreeRange(code)
  const rows = await ctx.db.selectFrom('refusals').selectAll()
    .where('unit_code', '>=', lo).where('unit_code', '<=', hi)
    .where(abilityWhere(ctx.ability, 'read', 'Refusal', { unitCode: 'unit_code' }))
    .orderBy('id', 'desc').limit(500).execute()
  return rows.map((r) => ({ id: r.id, unitCode: r.unit_code, actorId: r.actor_id, action: r.action,
    subjectType: r.subject_type, subjectId: r.subject_id, reason: r.reason, at: new Date(r.at).toISOString() }))
}), 200))
