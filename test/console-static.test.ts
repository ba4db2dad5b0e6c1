// Serving the console on Node (src/console-static.ts): the shell at /console/ and at any client
// route, hashed assets cached for a year, index.html never cached, a missing asset a real 404,
// and everything else left to the API app.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { withConsole } from '../src/console-static.js'
import { isResidentId, isUscc } from '../src/modules/cases/identity.js'
import { residentIdProblem, usccProblem } from '../src/console/ui/identity.js'

const dist = mkdtempSync(join(tmpdir(), 'console-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>工作台</title>')
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
afterAll(() => rmSync(dist, { recursive: true, force: true }))
const fetch = withConsole({ fetch: () => new Response('api', { status: 418 }) }, dist)
const get = (path: string) => fetch(new Request(`http://localhost${path}`))

describe('console on Node', () => {
  it('serves the shell, uncached, at /console/ and at client routes', async () => {
    for (const path of ['/console/', '/console/cases/new', '/console/print/receipt/x']) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe('no-cache')
      expect(await res.text(), path).toContain('工作台')
    }
    const bare = await get('/console')
    expect(bare.status).toBe(301)
    expect(bare.headers.get('location')).toBe('/console/')
  })
  it('caches hashed assets for a year and answers a missing one 404', async () => {
    const res = await get('/console/assets/index-abc123.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await get('/console/assets/index-gone.js')).status).toBe(404)
  })
  it('leaves every other path to the API app', async () => {
    for (const path of ['/', '/api/cases', '/consolex', '/docs']) expect((await get(path)).status, path).toBe(418)
  })
})

// The console checks the applicant's number as it is typed; it must agree with the API's check.
describe('id numbers: the console and the API agree', () => {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const withCheck = (s: string) => s + '10X98765432'[[...s].reduce((a, d, i) => a + Number(d) * W[i], 0) % 11]
  const birth = fc.date({ min: new Date('1920-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''))
  const id17 = fc.tuple(fc.stringMatching(/^[1-6][0-9]{5}$/), birth, fc.stringMatching(/^[0-9]{3}$/)).map(([a, b, c]) => a + b + c)
  it('resident ids (valid, and with any other last character)', () => {
    fc.assert(fc.property(id17, fc.constantFrom(...'0123456789X'), (s, last) => {
      expect(residentIdProblem(withCheck(s))).toBeNull()
      expect(isResidentId(withCheck(s))).toBe(true)
      const other = s + last
      expect(residentIdProblem(other) === null).toBe(isResidentId(other))
    }))
  })
  it('unified social credit codes', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { minLength: 18, maxLength: 18 }), (a) => {
      const s = a.join('')
      expect(usccProblem(s) === null).toBe(isUscc(s))
    }))
  })
})
