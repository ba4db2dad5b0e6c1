import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createJobs } from '../src/jobs.js'
import type { Database } from '../src/platform/db/database.js'
import { createPostgresClient, postgresDatabase } from '../src/platform/db/postgres.js'
import { JobRegistry, runAllJobs, runJob, startScheduler } from '../src/platform/jobs.js'
import { createLogger } from '../src/platform/logger.js'
import { SYSTEM_SCOPE } from '../src/platform/scope.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

const NOW = new Date('2026-11-24T02:00:00Z')
const silent = createLogger('silent')

/** A promise the test resolves by hand, so the job's progress is under the test's control. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => { open = r })
  return { opened, open }
}

const runs = (db: Database, name: string) =>
  db.query<{ status: string; result: any; error: string | null; at: Date }>(
    'select status, result, error, at from job_runs where name = $1 order by id', [name])

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('runJob', () => {
  it('two concurrent runs of one job: exactly one does the work, the other is skipped', async () => {
    const registry = new JobRegistry()
    const started = gate(), release = gate()
    let work = 0
    registry.register('test:gated', async () => { work++; started.open(); await release.opened; return { work } })

    const first = runJob(h.db, 'test:gated', NOW, registry)
    await started.opened
    const second = await runJob(h.db, 'test:gated', NOW, registry)
    expect(second).toEqual({ name: 'test:gated', skipped: true })
    release.open()
    expect(await first).toMatchObject({ skipped: false, status: 'ok', result: { work: 1 } })
    expect(work).toBe(1)
    expect(await runs(h.db, 'test:gated')).toMatchObject([{ status: 'ok', result: { work: 1 }, error: null }])

    // Once the first run is over, the next one runs again.
    expect(await runJob(h.db, 'test:gated', NOW, registry)).toMatchObject({ skipped: false, status: 'ok' })
    expect(work).toBe(2)
  })

  it.skipIf(!onPostgres())('two instances on one database (PostgreSQL): the advisory lock lets only one of them work', async () => {
    // A second client, as a second Node process or Workers isolate would have.
    const [{ db: name }] = await h.db.query<{ db: string }>('select current_database() as db')
    const url = new URL(process.env.TEST_DATABASE_URL!); url.pathname = `/${name}`
    const other = postgresDatabase(createPostgresClient(url.toString(), { max: 2, fetchTypes: false }))
    try {
      const registry = new JobRegistry()
      const started = gate(), release = gate()
      let work = 0
      registry.register('test:instances', async () => { work++; started.open(); await release.opened })
      const first = runJob(h.db, 'test:instances', NOW, registry)
      await started.opened
      expect(await runJob(other, 'test:instances', NOW, registry)).toEqual({ name: 'test:instances', skipped: true })
      release.open()
      await first
      expect(work).toBe(1)
      expect(await runJob(other, 'test:instances', NOW, registry)).toMatchObject({ skipped: false, status: 'ok' })
      expect(work).toBe(2)
    } finally {
      await other.close()
    }
  })

  it('a failing job is recorded as failed, its writes are rolled back, and the other jobs still run', async () => {
    const registry = new JobRegistry()
    registry.register('test:fails', async ({ db }) => {
      await db.updateTable('units').set({ name: '不应保留' }).where('code', '=', T.village).execute()
      throw new Error('故意失败')
    })
    let after = 0
    registry.register('test:after', async () => { after++ })

    const outcomes = await runAllJobs(h.db, NOW, silent, registry)
    expect(outcomes).toMatchObject([
      { name: 'test:fails', skipped: false, status: 'failed', error: '故意失败' },
      { name: 'test:after', skipped: false, status: 'ok' },
    ])
    expect(after).toBe(1)
    const [unit] = await h.db.query('select name from units where code = $1', [T.village])
    expect(unit.name).not.toBe('不应保留')
    const [run] = await runs(h.db, 'test:fails')
    expect(run).toMatchObject({ status: 'failed', error: '故意失败', result: null })
    expect(new Date(run.at).toISOString()).toBe(NOW.toISOString())
  })

  it('runAllJobs does not throw when a run cannot even start (database refuses)', async () => {
    const registry = new JobRegistry()
    registry.register('test:ok', async () => ({ fine: true }))
    const broken: Database = { ...h.db, scoped: async () => { throw new Error('connection refused') } }
    const outcomes = await runAllJobs(broken, NOW, silent, registry)
    expect(outcomes).toEqual([{ name: 'test:ok', skipped: false, status: 'failed', error: 'connection refused', ms: 0 }])
  })

  it('the app role may record runs but not read or change them', async () => {
    await expect(h.db.scoped(SYSTEM_SCOPE, (tx) => tx.selectFrom('job_runs').select('id').execute())).rejects.toThrow(/permission denied/)
    await expect(h.db.scoped(SYSTEM_SCOPE, (tx) => tx.deleteFrom('job_runs').execute())).rejects.toThrow(/permission denied/)
  })

  it('refuses unknown jobs and duplicate or malformed names', async () => {
    const registry = new JobRegistry()
    registry.register('a:b', async () => {})
    expect(() => registry.register('a:b', async () => {})).toThrow(/twice/)
    expect(() => registry.register('Bad Name', async () => {})).toThrow(/invalid/)
    await expect(runJob(h.db, 'nope', NOW, registry)).rejects.toThrow(/unknown job/)
  })
})

describe('sessions:cleanup', () => {
  it('is registered and deletes expired sessions only', async () => {
    expect(createJobs({ outboxTransport: null }).names()).toContain('sessions:cleanup')
    const token = await h.token(T.town, 'center_admin')
    const userId = await h.userId(T.town, 'center_admin')
    // Sessions expire on the wall clock (lucia); clean up just before the earliest live one expires.
    const [{ first }] = await h.db.query('select min(expires_at) as first from sessions')
    const now = new Date(new Date(first).getTime() - 60_000)
    await h.db.scoped(SYSTEM_SCOPE, (tx) => tx.insertInto('sessions').values([
      { id_hash: 'expired-1', user_id: userId, unit_code: T.town, expires_at: new Date(now.getTime() - 1000) },
      { id_hash: 'expired-2', user_id: userId, unit_code: T.town, expires_at: new Date(now.getTime() - 86400_000) },
    ]).execute())
    const before = Number((await h.db.query('select count(*)::int as n from sessions'))[0].n)

    const outcome = await runJob(h.db, 'sessions:cleanup', now, createJobs({ outboxTransport: null }))
    expect(outcome).toMatchObject({ skipped: false, status: 'ok', result: { deleted: 2 } })
    expect(Number((await h.db.query('select count(*)::int as n from sessions'))[0].n)).toBe(before - 2)
    expect((await h.http.get('/api/auth/me').set(bearer(token))).status).toBe(200)
  })
})

describe('startScheduler', () => {
  it('runs the registry every interval (fake timers), and not at all with interval 0', async () => {
    const registry = new JobRegistry()
    let ticks = 0
    registry.register('test:tick', async () => { ticks++ })
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const off = startScheduler({ db: h.db, now: () => NOW, log: silent, intervalSeconds: 0, registry })
      const on = startScheduler({ db: h.db, now: () => NOW, log: silent, intervalSeconds: 60, registry })
      await vi.advanceTimersByTimeAsync(59_000)
      expect(ticks).toBe(0)
      await vi.advanceTimersByTimeAsync(1_000)
      await on.stop()
      expect(ticks).toBe(1)
      await off.stop()
    } finally {
      vi.useRealTimers()
    }
  })
})
