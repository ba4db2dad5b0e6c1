// The application's scheduled jobs, registered once for both entries (server.ts runs them
// on an interval, worker.ts on the cron trigger). Later modules add theirs here.
import { cleanupExpiredSessions } from './modules/auth/session-cleanup.js'
import { dispatchOutboxJob } from './modules/cases/dispatcher.js'
import { escalateLateComplaintsIn } from './modules/supervision/complaints.js'
import { sweepWarnings } from './modules/oversight/sweep.js'
import { jobs, registerJob } from './platform/jobs.js'

registerJob('sessions:cleanup', cleanupExpiredSessions)
registerJob('outbox:dispatch', dispatchOutboxJob)
registerJob('complaints:escalate', ({ db, now }) => escalateLateComplaintsIn(db, now))
registerJob('supervision:warnings', sweepWarnings)

export { jobs }
