// Refusals recorded by the authorisation layer, readable by admins and supervisors of
// the subtree (electronic supervision builds on these).
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page, pageQuery } from '../../platform/paging.js'
import { listRefusals } from './queries.js'

const Refusal = z.object({
  id: z.number(), unitCode: z.string(), actorId: z.string().nullable(), action: z.string(),
  subjectType: z.string(), subjectId: z.string().nullable(), reason: z.string(), at: z.string(),
}).openapi('Refusal')

export const refusals = router().openapi(createRoute({
  method: 'get', path: '/{code}/refusals', tags: ['监察'], summary: '本辖区被拒绝的操作记录（分页，最新的在前）',
  description: '按记录编号倒序（最新的在前）分页。',
  request: { params: z.object({ code: CodeParam }), query: z.object(pageQuery) },
  responses: { 200: json(page(Refusal, 'RefusalPage'), '拒绝记录（一页）'), ...errorResponses },
}), async (c) => c.json(await asActor(c, (ctx) => listRefusals(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
