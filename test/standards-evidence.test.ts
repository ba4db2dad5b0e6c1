// Evidence uploads: JPEG, PNG or PDF up to 10 MiB, typed by their bytes; a refused upload
// leaves no row and no file. Storage: a local directory (Node), an R2 bucket (Workers).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { fixedClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { directoryStorage } from '../src/platform/storage-local.js'
import { checkKey, type R2BucketLike, r2Storage, type Storage } from '../src/platform/storage.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { JPEG, PDF, PNG } from './helpers/standards.js'

const MiB = 1024 * 1024
let h: Harness
let dir: string
let failNextPut = false
// A directory storage whose put can be made to fail after writing (a crash mid-request).
const flaky = (inner: Storage): Storage => ({
  ...inner,
  async put(key, bytes, type) {
    await inner.put(key, bytes, type)
    if (failNextPut) { failNextPut = false; throw new Error('disk vanished') }
  },
})

const files = () => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [])
const post = (token: string, code: string, bytes: Buffer | string, type?: string) => {
  let req = h.http.post(`/api/units/${code}/evidence`).set(bearer(token))
  if (type) req = req.set('content-type', type)
  return req.send(bytes)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-'))
  h = await harness({ storage: flaky(directoryStorage(dir)) })
})
afterAll(async () => { await h.close(); rmSync(dir, { recursive: true, force: true }) })

describe('evidence uploads', () => {
  it('stores JPEG, PNG and PDF files under the unit and serves them back, typed by their bytes', async () => {
    const town = await h.token(T.town, 'inspector')
    const png = await post(town, T.village, PNG, 'image/png').query({ filename: '门牌.png' })
    expect(png.status).toBe(201)
    expect(png.body).toMatchObject({ unitCode: T.village, contentType: 'image/png', size: PNG.length, filename: '门牌.png' })
    expect(png.body.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(existsSync(join(dir, T.village, `${png.body.id}.png`))).toBe(true)
    // No content type at all (or application/octet-stream): the bytes decide.
    const jpeg = await post(town, T.village, JPEG)
    expect(jpeg.body.contentType).toBe('image/jpeg')
    const pdf = await post(town, T.village, PDF, 'application/octet-stream')
    expect(pdf.body.contentType).toBe('application/pdf')

    const clerk = await h.token(T.village, 'window_clerk')
    const got = await h.http.get(`/api/units/${T.village}/evidence/${png.body.id}`).set(bearer(clerk)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks)))
    })
    expect(got.status).toBe(200)
    expect(got.headers['content-type']).toBe('image/png')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(Buffer.compare(got.body, PNG)).toBe(0)
    const doc = await h.http.get(`/api/units/${T.village}/evidence/${pdf.body.id}`).set(bearer(clerk))
    expect(doc.headers['content-disposition']).toMatch(/^attachment/)
    // Not through another unit's path, not from a sibling subtree.
    expect((await h.http.get(`/api/units/${T.village2}/evidence/${png.body.id}`).set(bearer(town))).status).toBe(404)
    expect((await h.http.get(`/api/units/${T.village}/evidence/${png.body.id}`).set(bearer(await h.token(T.townB, 'inspector')))).status).toBe(404)
  })

  it('refuses empty, oversized and wrongly typed files with a clear 4xx, leaving no row and no file', async () => {
    const town = await h.token(T.town, 'inspector')
    const beforeDb = await snapshot(h.db)
    const beforeFiles = files()
    const cases: [Buffer | string, string | undefined, number, RegExp][] = [
      [Buffer.alloc(0), 'image/png', 400, /文件为空/],
      [Buffer.concat([PNG, Buffer.alloc(10 * MiB)]), 'image/png', 413, /10 MiB/],
      [Buffer.from('GIF89a....'), 'image/gif', 415, /JPEG、PNG/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png', 415, /JPEG、PNG/],
      [PDF, 'image/png', 415, /不符/], // the header says PNG, the bytes are a PDF
      [JSON.stringify({ file: 'x' }), 'application/json', 415, /JPEG、PNG/],
    ]
    for (const [bytes, type, status, detail] of cases) {
      const res = await post(town, T.village, bytes, type)
      expect(res.status, `${type} ${bytes.length}`).toBe(status)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(res.body.detail).toMatch(detail)
    }
    expect(files()).toEqual(beforeFiles)
    expect(await snapshot(h.db)).toBe(beforeDb)
  })

  it('takes exactly 10 MiB', async () => {
    const town = await h.token(T.town, 'inspector')
    const res = await post(town, T.village, Buffer.concat([JPEG, Buffer.alloc(10 * MiB - JPEG.length)]), 'image/jpeg')
    expect(res.status).toBe(201)
    expect(res.body.size).toBe(10 * MiB)
  })

  it('a failure after the file is written removes the file and the row', async () => {
    const town = await h.token(T.town, 'inspector')
    const beforeDb = await snapshot(h.db)
    const beforeFiles = files()
    failNextPut = true
    const res = await post(town, T.village, PNG, 'image/png')
    expect(res.status).toBe(500)
    expect(files()).toEqual(beforeFiles)
    expect(await snapshot(h.db)).toBe(beforeDb)
  })

  it('only the station\'s admin or an inspector above uploads; refusals write nothing', async () => {
    const tokens = { clerk: await h.token(T.village, 'window_clerk'), supervisor: await h.token(T.town, 'supervisor'),
      sibling: await h.token(T.townB, 'center_admin'), station: await h.token(T.village, 'center_admin') }
    const beforeFiles = files()
    expect((await post(tokens.clerk, T.village, PNG)).status).toBe(403)
    expect((await post(tokens.supervisor, T.village, PNG)).status).toBe(403)
    expect((await post(tokens.sibling, T.village, PNG)).status).toBe(404)
    expect(files()).toEqual(beforeFiles)
    expect((await post(tokens.station, T.village, PNG)).status).toBe(201)
    expect((await h.http.post(`/api/units/${T.village}/evidence`).send(PNG)).status).toBe(401)
  })

  it('other writes still must be JSON: only the upload route takes files', async () => {
    const town = await h.token(T.town, 'inspector')
    const res = await h.http.post(`/api/units/${T.village}/rectifications`).set(bearer(town)).set('content-type', 'image/png').send(PNG)
    expect(res.status).toBe(415)
  })

  it('answers 503 when no storage is configured', async () => {
    const app = createApp({ config: loadConfig({}), clock: fixedClock('2026-11-24T02:00:00Z'), log: createLogger('silent'), db: () => h.db })
    const res = await request(getRequestListener(app.fetch)).post(`/api/units/${T.village}/evidence`)
      .set(bearer(await h.token(T.town, 'inspector'))).set('content-type', 'image/png').send(PNG)
    expect(res.status).toBe(503)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
  })
})

describe('storage adapters', () => {
  it('R2: keys under a prefix, content type as HTTP metadata; works end to end behind the API', async () => {
    const objects = new Map<string, { bytes: Uint8Array; type?: string }>()
    const bucket: R2BucketLike = {
      async put(key, value, o) { objects.set(key, { bytes: new Uint8Array(value as Uint8Array), type: o?.httpMetadata?.contentType }) },
      async get(key) {
        const o = objects.get(key)
        return o ? { arrayBuffer: async () => o.bytes.slice().buffer, httpMetadata: { contentType: o.type } } : null
      },
      async delete(key) { objects.delete(key) },
    }
    const r2 = harness({ storage: r2Storage(bucket) })
    const h2 = await r2
    try {
      const town = await h2.token(T.town, 'inspector')
      const up = await h2.http.post(`/api/units/${T.village}/evidence`).set(bearer(town)).set('content-type', 'image/png').send(PNG)
      expect(up.status).toBe(201)
      expect([...objects.keys()]).toEqual([`evidence/${T.village}/${up.body.id}.png`])
      expect(objects.get(`evidence/${T.village}/${up.body.id}.png`)!.type).toBe('image/png')
      const got = await h2.http.get(`/api/units/${T.village}/evidence/${up.body.id}`).set(bearer(town))
      expect(got.status).toBe(200)
      const s = r2Storage(bucket)
      await s.delete(`${T.village}/${up.body.id}.png`)
      expect(await s.get(`${T.village}/${up.body.id}.png`)).toBeNull()
    } finally {
      await h2.close()
    }
  })

  it('keys are plain relative paths (no traversal)', () => {
    for (const bad of ['../etc/passwd', '/abs', 'a/../../b', 'a\\b', '']) expect(() => checkKey(bad), bad).toThrow()
    expect(checkKey('341502001001/0b6f.png')).toBe('341502001001/0b6f.png')
  })
})
