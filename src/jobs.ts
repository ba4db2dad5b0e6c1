// The application's scheduled jobs, built once by each entry (server.ts runs them on an
// interval, worker.ts on the cron trigger) from what the entry passes in: no module-level
// registry, so a test builds its own with its own transport. Later modules add theirs here.
import { cleanupExpiredSessions } from './modules/auth/index.js'
import { dispatchOutboxJob, type Transport } from './modules/cases/index.js'
import { escalateLateComplaintsIn } from './modules/supervision/index.js'
import { sweepWarnings } from './modules/oversight/index.js'
import { JobRegistry } from './platform/jobs.js'

export interface JobWiring {
  /** Where `outbox:dispatch` sends case events (transportFor(config, log)); null: the job skips. */
  outboxTransport: Transport | null
}

export function createJobs(w: JobWiring): JobRegistry {
  const jobs = new JobRegistry()
  jobs.register('sessions:cleanup', cleanupExpiredSessions)
  jobs.register('outbox:dispatch', dispatchOutboxJob(w.outboxTransport))
  jobs.register('complaints:escalate', ({ db, now }) => escalateLateComplaintsIn(db, now))
  jobs.register('supervision:warnings', sweepWarnings)
  return jobs
}
