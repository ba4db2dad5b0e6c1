// Scheduled jobs: a small registry, and runJob(), which makes sure two concurrent runs of
// one job never both do the work — across processes and Workers isolates by a PostgreSQL
// transaction-level advisory lock, within one process by an in-memory guard (PGlite is one
// connection that serialises transactions, so the lock alone would let the second run
// start after the first and repeat it). Node runs the registry on an interval
// (startScheduler, JOBS_INTERVAL_SECONDS), Workers on the cron trigger (worker.ts).
import { sql } from 'kysely'
import type { Database, Tx } from './db/database.js'
import { jsonb } from './db/database.js'
import type { Logger } from './logger.js'
import { SYSTEM_SCOPE } from './scope.js'

export interface JobContext {
  /** The job's transaction in the system scope (as gov_app: RLS and grants still apply). */
  db: Tx
  now: Date
}
/** A job returns a small summary (e.g. `{ deleted: 3 }`), recorded with the run. */
export type JobFn = (ctx: JobContext) => Promise<Record<string, unknown> | void>

export type JobOutcome =
  | { name: string; skipped: true }
  | { name: string; skipped: false; status: 'ok'; result: Record<string, unknown> | null; ms: number }
  | { name: string; skipped: false; status: 'failed'; error: string; ms: number }

const NAME = /^[a-z][a-z0-9:_-]{0,99}$/

export class JobRegistry {
  private jobs = new Map<string, JobFn>()
  register(name: string, fn: JobFn): void {
    if (!NAME.test(name)) throw new Error(`invalid job name: ${name}`)
    if (this.jobs.has(name)) throw new Error(`job registered twice: ${name}`)
    this.jobs.set(name, fn)
  }
  get(name: string): JobFn | undefined { return this.jobs.get(name) }
  names(): string[] { return [...this.jobs.keys()] }
}

// Runs in progress per Database object (one process). On Workers each invocation has its
// own Database, so only the advisory lock applies there.
const running = new WeakMap<Database, Set<string>>()

/**
 * Runs one job unless another run of it is in progress (then `{ skipped: true }`).
 * The work and the record of the run share one transaction that holds
 * pg_try_advisory_xact_lock(hashtext(name)); a failing job is rolled back to a savepoint and
 * recorded as failed, so runJob only throws when the database itself fails.
 */
export async function runJob(db: Database, name: string, now: Date, registry: JobRegistry): Promise<JobOutcome> {
  const fn = registry.get(name)
  if (!fn) throw new Error(`unknown job: ${name}`)
  let mine = running.get(db)
  if (!mine) running.set(db, (mine = new Set()))
  if (mine.has(name)) return { name, skipped: true }
  mine.add(name)
  try {
    return await db.scoped(SYSTEM_SCOPE, async (tx) => {
      const { rows: [lock] } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`.execute(tx)
      if (!lock?.locked) return { name, skipped: true as const }
      const t0 = performance.now()
      await sql`savepoint job_run`.execute(tx)
      let outcome: JobOutcome
      try {
        const result = (await fn({ db: tx, now })) ?? null
        await sql`release savepoint job_run`.execute(tx)
        outcome = { name, skipped: false, status: 'ok', result, ms: Math.round(performance.now() - t0) }
      } catch (e) {
        await sql`rollback to savepoint job_run`.execute(tx)
        outcome = { name, skipped: false, status: 'failed', error: String((e as Error)?.message ?? e).slice(0, 2000), ms: Math.round(performance.now() - t0) }
      }
      await tx.insertInto('job_runs').values({
        name, at: now, status: outcome.status,
        result: outcome.status === 'ok' && outcome.result ? jsonb(outcome.result) : null,
        error: outcome.status === 'failed' ? outcome.error : null,
        duration_ms: outcome.ms,
      }).execute()
      return outcome
    })
  } finally {
    mine.delete(name)
  }
}

/** Runs every registered job once, one after another; never throws (failures are logged). */
export async function runAllJobs(db: Database, now: Date, log: Logger, registry: JobRegistry): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = []
  for (const name of registry.names()) {
    try {
      const o = await runJob(db, name, now, registry)
      outcomes.push(o)
      if (o.skipped) log.info('job skipped: already running', { job: name })
      else if (o.status === 'failed') log.error('job failed', { job: name, error: o.error, ms: o.ms })
      else log.info('job done', { job: name, result: o.result, ms: o.ms })
    } catch (e) {
      // The run could not even be recorded (database down): log it and go on with the next job.
      const error = String((e as Error)?.message ?? e)
      outcomes.push({ name, skipped: false, status: 'failed', error, ms: 0 })
      log.error('job not run', { job: name, error })
    }
  }
  return outcomes
}

/**
 * Node: run the registry every `intervalSeconds` (0 disables). A tick that finds the
 * previous one still running is skipped. Returns stop(), which waits for a running tick.
 */
export function startScheduler(opts: { db: Database; now: () => Date; log: Logger; intervalSeconds: number; registry: JobRegistry }) {
  if (opts.intervalSeconds <= 0) return { stop: async () => {} }
  let current: Promise<unknown> | null = null
  const timer = setInterval(() => {
    if (current) return
    current = runAllJobs(opts.db, opts.now(), opts.log, opts.registry).finally(() => { current = null })
  }, opts.intervalSeconds * 1000)
  timer.unref?.()
  return { stop: async () => { clearInterval(timer); await current } }
}
