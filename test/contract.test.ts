// The contract every module keeps: problem+json errors, OpenAPI for every route, health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { systemClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('contract', () => {
  it('documents every API route in the OpenAPI 3.1 document', async () => {
    const doc = (await h.http.get('/api/openapi.json')).body
    expect(doc.openapi).toBe('3.1.0')
    const documented = new Set(Object.entries(doc.paths as Record<string, object>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)))
    const app = createApp({ config: loadConfig({}), clock: systemClock, log: createLogger('silent'), db: () => h.db })
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/healthz') && r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    expect(served.length).toBeGreaterThan(10)
    expect(served.filter((r) => !documented.has(r))).toEqual([])
    expect((await h.http.get('/docs')).status).toBe(200)
  })

  it('serves the API reference from this host only: the pinned swagger-ui-dist files, no CDN', async () => {
    const page = await h.http.get('/docs')
    expect(page.status).toBe(200)
    const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(urls.length).toBeGreaterThan(3)
    for (const u of urls) expect(u, u).toMatch(/^\/(docs|api)\//)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    for (const u of urls.filter((x) => x.startsWith('/docs/'))) {
      const res = await h.http.get(u)
      expect(res.status, u).toBe(200)
      expect(res.headers['content-type'], u).toMatch(/css|javascript/)
    }
    expect((await h.http.get('/docs/init.js')).text).toMatch(/validatorUrl: null/)
    expect((await h.http.get('/docs/assets/index.html')).status).toBe(404)
  })

  it('documents every problem type at /problems/{type}', async () => {
    const doc = (await h.http.get('/api/openapi.json')).body
    expect(Object.keys(doc.components.schemas.Problem.properties)).toContain('type')
    for (const type of ['validation', 'not-found', 'unprocessable', 'too-many-attempts', 'conflict']) {
      const res = await h.http.get(`/problems/${type}`)
      expect(res.status, type).toBe(200)
      expect(res.body.description).toBeTruthy()
      const html = await h.http.get(`/problems/${type}`).set('accept', 'text/html')
      expect(html.text).toMatch(/<h1>/)
    }
    expect((await h.http.get('/problems/nonsense')).status).toBe(404)
    const any = Object.values(doc.paths as Record<string, Record<string, any>>)[0]
    expect(Object.keys(Object.values(any)[0].responses)).toEqual(expect.arrayContaining(['400', '404', '422', '429']))
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await h.http.get('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.body).toMatchObject({ type: '/problems/not-found', status: 404, title: '未找到' })
  })

  it('refuses wrong content types, malformed JSON and oversized bodies with clear 4xx, writing nothing', async () => {
    const t = await h.token(T.county, 'center_admin')
    const before = await snapshot(h.db)
    const form = await h.http.post('/api/units').set(bearer(t)).type('form').send('code=341502009000&name=x')
    expect(form.status).toBe(415)
    expect(form.body.detail).toMatch(/application\/json/)
    const broken = await h.http.post('/api/units').set(bearer(t)).set('content-type', 'application/json').send('{"code": "3415')
    expect(broken.status).toBe(400)
    expect(broken.headers['content-type']).toMatch(/problem\+json/)
    const big = await h.http.post('/api/units').set(bearer(t)).send({ code: '341502009000', name: 'x'.repeat(2 * 1024 * 1024) })
    expect(big.status).toBe(413)
    const empty = await h.http.post('/api/units').set(bearer(t)).set('content-type', 'application/json').send('')
    expect(empty.status).toBe(400)
    expect(await snapshot(h.db)).toBe(before)
  })

  it('never leaks stack traces or SQL, even on bad path parameters', async () => {
    const t = await h.token(T.county, 'center_admin')
    for (const path of [`/api/units/abc`, `/api/units/${"1".repeat(13)}`, `/api/users/not-a-uuid`, `/api/units/34150200100'`]) {
      const res = await h.http.get(path).set(bearer(t))
      expect(res.status, path).toBe(400)
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|select |SELECT /)
    }
    const uuid = await h.http.get('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(t))
    expect(uuid.status).toBe(404)
  })

  it('checks the database in /healthz', async () => {
    const res = await h.http.get('/healthz')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: h.db.kind })
  })

  it('tags every request with an id and logs one structured line for it', async () => {
    const lines: string[] = []
    const app = createApp({ config: loadConfig({}), clock: systemClock, log: createLogger('info', (l) => lines.push(l)), db: () => h.db })
    const res = await app.request('/healthz')
    const id = res.headers.get('x-request-id')
    expect(id).toBeTruthy()
    const entry = JSON.parse(lines.at(-1)!)
    expect(entry).toMatchObject({ level: 'info', msg: 'request', reqId: id, method: 'GET', path: '/healthz', status: 200 })
  })
})
