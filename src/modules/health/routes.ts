import { createRoute } from '@hono/zod-openapi'
import { json, router, z } from '../../platform/openapi.js'

export const health = router().openapi(createRoute({
  method: 'get', path: '/healthz', tags: ['运维'], summary: '健康检查（含数据库）', security: [],
  responses: { 200: json(z.object({ status: z.literal('ok'), database: z.string() }), '正常'),
    503: json(z.object({ status: z.literal('error'), database: z.string() }), '数据库不可用') },
}), async (c) => {
  const db = c.get('db')
  try {
    await db.query('select 1')
    return c.json({ status: 'ok' as const, database: db.kind }, 200)
  } catch {
    return c.json({ status: 'error' as const, database: db.kind }, 503)
  }
})
