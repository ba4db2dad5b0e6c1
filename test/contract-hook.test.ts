// The harness's contract hook (test/helpers/contract.ts) itself: a response that drifts from the
// document fails, one that matches passes through untouched.
import { createRoute } from '@hono/zod-openapi'
import { getRequestListener } from '@hono/node-server'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { errorResponses, json, router, z } from '../src/platform/openapi.js'
import { checkedFetch, type Drift } from './helpers/contract.js'

const Thing = z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.string()) })

function app(answer: (kind: string) => { status: number; body: unknown; type?: string }) {
  const a = router()
  const sub = router().openapi(createRoute({
    method: 'get', path: '/{kind}', request: { params: z.object({ kind: z.string() }) },
    responses: { 200: json(Thing, '一件'), ...errorResponses, 204: { description: '无内容' } },
  }), (c) => {
    const r = answer(c.req.valid('param').kind)
    return c.body((r.body === undefined ? null : JSON.stringify(r.body)) as any, r.status as any, { 'content-type': r.type ?? 'application/json' }) as any
  })
  a.route('/api/things', sub)
  const drift: Drift[] = []
  return { drift, http: request(getRequestListener(checkedFetch(a, drift))) }
}

const answers: Record<string, { status: number; body: unknown; type?: string }> = {
  good: { status: 200, body: { id: 1, name: '甲', tags: ['a'] } },
  wrongType: { status: 200, body: { id: '1', name: '甲', tags: ['a'] } },
  missing: { status: 200, body: { id: 1, tags: [] } },
  extra: { status: 200, body: { id: 1, name: '甲', tags: [], secret: 'x' } },
  undeclaredStatus: { status: 202, body: { id: 1, name: '甲', tags: [] } },
  problem: { status: 404, body: { type: '/problems/not-found', title: '未找到', status: 404, detail: '没有' }, type: 'application/problem+json' },
  badProblem: { status: 404, body: { message: 'nope' }, type: 'application/problem+json' },
  wrongMedia: { status: 200, body: { id: 1, name: '甲', tags: [] }, type: 'text/plain' },
  empty: { status: 204, body: undefined },
}

describe('contract hook', () => {
  it('passes a response that matches its operation', async () => {
    const { http, drift } = app((k) => answers[k])
    const res = await http.get('/api/things/good')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(answers.good.body)
    expect((await http.get('/api/things/problem')).status).toBe(404)
    expect((await http.get('/api/things/empty')).status).toBe(204)
    expect(drift).toEqual([])
  })

  it.each([
    ['wrongType', /id/],
    ['missing', /name/],
    ['extra', /secret: 文档中未声明的字段/],
    ['undeclaredStatus', /状态码 202 未在文档中声明/],
    ['badProblem', /type|title/],
    ['wrongMedia', /内容类型 text\/plain 未在文档中声明/],
  ])('fails a wrong answer: %s', async (kind, why) => {
    const { http, drift } = app((k) => answers[k])
    const res = await http.get(`/api/things/${kind}`)
    expect(res.status).toBe(500)
    expect(res.body.type).toBe('/problems/response-drift')
    expect(drift).toHaveLength(1)
    expect(drift[0]).toMatchObject({ operation: 'GET /api/things/{kind}', path: `/api/things/${kind}` })
    expect(drift[0].problems.join('\n')).toMatch(why)
  })

  it('answers unknown query parameters with 400 on every route, naming them', async () => {
    const { http, drift } = app((k) => answers[k])
    const res = await http.get('/api/things/good?limit=5&x=1')
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/未知的查询参数：limit、x/)
    expect(drift).toEqual([])
  })
})
