// Explicit wiring (src/wiring.ts → createApp): what one module plugs into another is a dependency
// of the app, not state filled by an import. Two apps in one process, wired differently, differ.
import { getRequestListener } from '@hono/node-server'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { NO_SUPERVISION_EXTENSIONS } from '../src/modules/supervision/extensions.js'
import { fixedClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { wireExtensions } from '../src/wiring.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('explicit wiring', () => {
  it('the composition root plugs case handling into supervision: figures, timeliness, case evaluations', () => {
    const s = wireExtensions().supervision
    expect(s.figureSources.map((f) => f.key)).toEqual(['cases'])
    expect(Object.keys(s.assessmentInputs)).toEqual(['timeliness'])
    expect(s.caseEvaluation?.unitOf(`${T.town}-20261124-00001`)).toBe(T.town)
  })

  it('an app given other extensions uses them, beside the wired one in the same process', async () => {
    const sup = bearer(await h.token(T.county, 'supervisor'))
    const path = `/api/units/${T.county}/supervision/figures?from=2026-11-01&to=2026-11-30`
    const wired = await h.http.get(path).set(sup)
    expect(wired.status).toBe(200)
    expect(Object.keys(wired.body.total)).toEqual(['complaints', 'evaluations', 'findings', 'standards', 'cases'])
    const bare = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), clock: fixedClock('2026-11-24T02:00:00Z'), log: createLogger('silent'),
      db: () => h.db, extensions: { ...wireExtensions(), supervision: NO_SUPERVISION_EXTENSIONS } })
    const res = await request(getRequestListener(bare.fetch)).get(path).set(sup)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.total)).toEqual(['complaints', 'evaluations', 'findings', 'standards'])
    // And the wired app is unchanged by the other one's existence.
    expect(Object.keys((await h.http.get(path).set(sup)).body.total)).toContain('cases')
  })
})
