import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { clockFrom, fixedClock } from '../src/platform/clock.js'

describe('configuration', () => {
  it('has working defaults: port 3000, ./data, demo data on the embedded database', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', SEED_DEMO: true, DEMO_PASSWORD: 'demo-password', LOG_LEVEL: 'info' })
  })

  it('seeds no demo data on a real database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/gov' }).SEED_DEMO).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/gov', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true)
  })

  it('CLOCK_START (tests and demos) takes an ISO time with its zone; the clock starts there and runs on', () => {
    expect(loadConfig({ CLOCK_START: '2026-11-24T10:00:00+08:00' }).CLOCK_START).toBe('2026-11-24T10:00:00+08:00')
    expect(loadConfig({}).CLOCK_START).toBeUndefined()
    for (const bad of ['2026-11-24', 'tomorrow', '2026-11-24T10:00:00']) expect(() => loadConfig({ CLOCK_START: bad })).toThrow(/CLOCK_START[\s\S]*ISO 8601/)
    const real = fixedClock('2026-12-02T15:00:00Z')
    const clock = clockFrom('2026-11-24T10:00:00+08:00', real)
    expect(clock.now().toISOString()).toBe('2026-11-24T02:00:00.000Z')
    real.set('2026-12-02T15:01:30Z')
    expect(clock.now().toISOString()).toBe('2026-11-24T02:01:30.000Z')
  })

  it('names each bad value with a clear message', () => {
    let err: unknown
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe', LOG_LEVEL: 'loud', DEMO_PASSWORD: 'short' })
    } catch (e) { err = e }
    expect(err).toBeInstanceOf(ConfigError)
    const msg = (err as Error).message
    for (const name of ['PORT', 'DATABASE_URL', 'SEED_DEMO', 'LOG_LEVEL', 'DEMO_PASSWORD']) expect(msg).toContain(name)
    expect(msg).toMatch(/端口/)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/1–65535/)
  })

  it('runs scheduled jobs every 300 s by default; JOBS_INTERVAL_SECONDS=0 disables them; bad values are named', () => {
    expect(loadConfig({}).JOBS_INTERVAL_SECONDS).toBe(300)
    expect(loadConfig({ JOBS_INTERVAL_SECONDS: '0' }).JOBS_INTERVAL_SECONDS).toBe(0)
    expect(loadConfig({ JOBS_INTERVAL_SECONDS: '60' }).JOBS_INTERVAL_SECONDS).toBe(60)
    for (const bad of ['-1', 'often', '1.5', '90000']) {
      expect(() => loadConfig({ JOBS_INTERVAL_SECONDS: bad })).toThrow(/JOBS_INTERVAL_SECONDS/)
    }
  })
})
