// Every list pages the same way (issue 14 §3), driven by the OpenAPI document: each GET whose 200
// is the `{ items, next }` envelope states `limit` (1–200, default 50) and `cursor`, states its
// order in its description, rejects limit=0, limit=201, limit=abc and a forged cursor with a
// Chinese 400 naming the field, and walked one row at a time gives every row of the full page
// exactly once, in the same order. Lists that stay a bare array are named below with their reason,
// so none is added silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, getAsFirstAllowed, harness, type Harness, T } from './helpers/app.js'
import { sampleMatter } from './helpers/matters.js'

let h: Harness
let doc: any
const deref = (s: any) => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s)
const listRoutes = () => Object.entries<any>(doc.paths).filter(([, ops]) => ops.get).map(([path, ops]) => ({ path, op: ops.get,
  schema: deref(ops.get.responses?.['200']?.content?.['application/json']?.schema) }))
const isPage = (s: any) => s?.type === 'object' && s.properties?.items?.type === 'array' && !!s.properties?.next

// Routes whose path holds only a unit code, asked about the county by the city's admin or supervisor.
const askable = (path: string) => !/\{(?!code\})[a-zA-Z]+\}/.test(path)
const urlOf = (path: string) => path.replace('{code}', T.county)

// Lists that stay whole, each for the reason stated in its OpenAPI description (see the README):
// the anomaly rules are the fixed set the migration seeds (about ten); a hall's queue groups are at
// most 26 (the prefix is one capital letter, unique in the hall).
const WHOLE = ['/api/units/{code}/supervision/anomaly-rules', '/api/units/{code}/halls/{hallId}/groups']
// Public lists the portal shows whole (stated in their descriptions): a parent's units (bounded by the
// division tree: a parent has at most a few hundred children), a unit's public catalog (the portal
// filters and counts it by name, department, type and way of handling), a hall's service groups (at most 26).
const WHOLE_PUBLIC = ['/api/public/units', '/api/public/units/{code}/matters', '/api/public/units/{code}/halls/{hallId}/groups']

let tokens: string[]
beforeAll(async () => {
  h = await harness()
  doc = (await h.http.get('/api/openapi.json')).body
  tokens = [await h.token(T.city, 'center_admin'), await h.token(T.city, 'supervisor')]
  // Rows to walk: accounts across the county (users), two townships (children), refusals.
  for (const code of [T.county, T.town, T.town2, T.village]) for (const role of ['window_clerk', 'reviewer', 'supervisor'] as const) await h.token(code, role)
  // A county catalog of three matters in two published versions (matters, draft, versions, powers), its
  // grants to both townships (grants), three windows (windows); the townships' entrustments (public).
  const admin = await h.token(T.county, 'center_admin')
  const put = (code: string, m: object) => h.http.put(`/api/units/${T.county}/matters/${code}`).set(bearer(admin)).send(m).expect(200)
  await put('FOOD', sampleMatter())
  await put('FELL', sampleMatter({ name: '林木采伐许可', department: '金安区林业局' }))
  await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(admin)).send({}).expect(201)
  await put('PEST', sampleMatter({ name: '农药经营许可', department: '金安区农业农村局' }))
  await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(admin)).send({}).expect(201)
  const grant = (granteeCode: string, matterCode: string) => h.http.post('/api/grants').set(bearer(admin)).send({ granteeCode, matterCode,
    kind: 'entrustment', rights: ['accept', 'review'], documentNo: '金政〔2026〕1号', legalBasis: '《中华人民共和国行政许可法》第二十四条', validFrom: '2026-11-24' }).expect(201)
  for (const town of [T.town, T.town2]) for (const m of ['FOOD', 'FELL']) await grant(town, m)
  for (const n of ['1', '2', '3']) await h.http.post(`/api/units/${T.county}/windows`).set(bearer(admin)).send({ number: n, name: `窗口${n}` }).expect(201)
  const clerk = await h.token(T.town, 'window_clerk')
  for (let i = 0; i < 3; i++) await h.http.post(`/api/units/${T.town}/users`).set(bearer(clerk)).send({ username: `no.${i}`, displayName: '拒绝', password: 'refused-password', roles: ['agent'] })
})
afterAll(() => h.close())

const get = (url: string) => getAsFirstAllowed(h, tokens, url)

describe('list paging', () => {
  it('no list answers a bare array, except those named here with their reason', () => {
    const bare = listRoutes().filter((r) => r.schema?.type === 'array').map((r) => r.path)
    expect(bare.filter((p) => !WHOLE.includes(p) && !WHOLE_PUBLIC.includes(p))).toEqual([])
  })

  it('every paged list states limit (1–200, default 50), cursor and its order', () => {
    const paged = listRoutes().filter((r) => isPage(r.schema))
    expect(paged.length).toBeGreaterThanOrEqual(12)
    for (const r of paged) {
      const q = Object.fromEntries((r.op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => [p.name, p.schema]))
      expect([r.path, q.limit?.minimum, q.limit?.maximum, q.limit?.default, q.cursor?.type]).toEqual([r.path, 1, 200, 50, 'string'])
      expect(`${r.path}: ${r.op.description ?? ''}`).toMatch(/(升序|倒序|降序|排序|先后|顺序)/)
    }
  })

  const pagedPaths = () => listRoutes().filter((r) => isPage(r.schema) && askable(r.path)).map((r) => r.path)

  it('rejects limit=0, limit=201, limit=abc and a forged cursor (400 in Chinese naming the field)', async () => {
    const paths = pagedPaths()
    expect(paths.length).toBeGreaterThanOrEqual(6)
    for (const path of paths) {
      const url = urlOf(path)
      const sep = url.includes('?') ? '&' : '?'
      const forged = Buffer.from(JSON.stringify(['x', 'y', 'z', 'w'])).toString('base64url')
      for (const [q, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'], [`cursor=${forged}`, 'cursor'], ['cursor=%E4%B8%8D', 'cursor']] as const) {
        const res = await get(`${url}${sep}${q}`)
        expect([path, q, res.status], JSON.stringify(res.body)).toEqual([path, q, 400])
        expect(res.headers['content-type']).toMatch(/problem\+json/)
        expect(res.body.errors?.map((e: any) => e.field), `${path} ${q}`).toContain(field)
        expect(JSON.stringify(res.body.errors), `${path} ${q}`).toMatch(/[\u4e00-\u9fa5]/)
      }
    }
  })

  it('walked one row at a time, every list gives each row of the full page exactly once, in order', async () => {
    const walkedMany: string[] = []
    for (const path of pagedPaths()) {
      const url = urlOf(path)
      const sep = url.includes('?') ? '&' : '?'
      const full = await get(`${url}${sep}limit=200`)
      expect([path, full.status], JSON.stringify(full.body)).toEqual([path, 200])
      expect(full.body.next, `${path}: fixture fits one page`).toBeNull()
      const walked: unknown[] = []
      let cursor: string | null = null
      for (let i = 0; i <= full.body.items.length; i++) {
        const res: any = await get(`${url}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        expect([path, res.status]).toEqual([path, 200])
        expect(res.body.items.length).toBeLessThanOrEqual(1)
        walked.push(...res.body.items)
        cursor = res.body.next
        if (!cursor) break
      }
      expect(cursor, `${path}: the walk ends`).toBeNull()
      expect(walked, path).toEqual(full.body.items)
      if (full.body.items.length >= 2) walkedMany.push(path)
    }
    // The fixture makes these lists span several pages.
    expect(walkedMany.sort()).toEqual(expect.arrayContaining(['/api/units/{code}/children', '/api/units/{code}/users', '/api/units/{code}/refusals',
      '/api/units/{code}/matters', '/api/units/{code}/catalog/draft', '/api/units/{code}/catalog/versions', '/api/units/{code}/powers',
      '/api/units/{code}/windows', '/api/units/{code}/grants', '/api/units/{code}/supervision/findings', '/api/public/units/{code}/entrustments']))
  })
})
