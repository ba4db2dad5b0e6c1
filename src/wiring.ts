// The composition root: what one module plugs into another, built here and passed to createApp
// (src/app.ts) by every entry (server, worker, scripts, the test harness) — no module keeps a
// registry that importing a file fills. A test passes its own (test/helpers/app.ts `extensions`).
import type { Config } from './config.js'
import { createJobs } from './jobs.js'
import { transportFor } from './modules/cases/index.js'
import { caseEvaluationResolver, timelinessInput } from './modules/cases/index.js'
import { caseFigureSource } from './modules/oversight/index.js'
import type { SupervisionExtensions } from './modules/supervision/index.js'
import type { Extensions } from './platform/context.js'
import type { JobRegistry } from './platform/jobs.js'
import type { Logger } from './platform/logger.js'

export function wireExtensions(): Extensions {
  const supervision: SupervisionExtensions = {
    // Case figures (case_daily_stats) after supervision's own, in the figures and the monthly reports.
    figureSources: [caseFigureSource],
    assessmentInputs: { timeliness: timelinessInput },
    caseEvaluation: caseEvaluationResolver,
  }
  return { supervision }
}

/** The scheduled jobs as both entries run them: messages to applicants go where OUTBOX_WEBHOOK_URL says (else the log). */
export const wireJobs = (config: Config, log: Logger): JobRegistry => createJobs({ outboxTransport: transportFor(config, log) })
