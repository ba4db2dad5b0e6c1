// Sends the outbox (at least once). Each run claims due messages with FOR UPDATE SKIP LOCKED,
// sends them through the transport and marks them in the same transaction: two dispatchers at
// once never hold the same message, and a crash after sending but before the commit leaves the
// message unsent, so it is sent again — receivers drop duplicates by the stable message id
// (headers Idempotency-Key and X-Message-Id). Failures back off exponentially. It runs as the
// scheduled job `outbox:dispatch` (src/jobs.ts) with the transport the entry passes to createJobs().
import { sql } from 'kysely'
import type { Database, Tx } from '../../platform/db/database.js'
import type { JobFn } from '../../platform/jobs.js'
import type { Logger } from '../../platform/logger.js'
import { SYSTEM_SCOPE } from '../../platform/scope.js'

export interface OutboxMessage { id: string; kind: string; caseId: string | null; unitCode: string; payload: any; createdAt: string; attempt: number }
export interface Transport { readonly name: string; send(m: OutboxMessage): Promise<void> }

export const logTransport = (log: Logger): Transport => ({
  name: 'log',
  async send(m) { log.info('outbox message', { messageId: m.id, kind: m.kind, caseId: m.caseId, to: m.payload?.to ? '***' : undefined }) },
})

export function webhookTransport(url: string, fetchImpl: typeof fetch = fetch): Transport {
  return {
    name: 'webhook',
    async send(m) {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.id, 'x-message-id': m.id },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(10_000),
      })
      if (!res.ok) throw new Error(`webhook answered ${res.status}`)
    },
  }
}

export const transportFor = (config: { OUTBOX_WEBHOOK_URL?: string }, log: Logger): Transport =>
  config.OUTBOX_WEBHOOK_URL ? webhookTransport(config.OUTBOX_WEBHOOK_URL) : logTransport(log)

/** 30 s, 1 min, 2 min … capped at 1 hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000)

export async function dispatchOutbox(db: Database, transport: Transport, now: Date, opts: { batch?: number } = {}) {
  return db.scoped(SYSTEM_SCOPE, (tx) => dispatchOutboxIn(tx, transport, now, opts))
}

/** Job `outbox:dispatch` over the given transport (the entries pass it to createJobs, src/jobs.ts). */
export const dispatchOutboxJob = (transport: Transport | null): JobFn => async ({ db, now }) => {
  if (!transport) return { skipped: 'no transport configured' }
  return dispatchOutboxIn(db, transport, now)
}

export async function dispatchOutboxIn(tx: Tx, transport: Transport, now: Date, opts: { batch?: number } = {}) {
  {
    const rows = await sql<any>`
      select id, kind, case_id, unit_code, payload, created_at, attempts from outbox
       where sent_at is null and next_attempt_at <= ${now}
       order by created_at, id limit ${opts.batch ?? 50} for update skip locked`.execute(tx)
    let sent = 0, failed = 0
    for (const r of rows.rows) {
      const msg: OutboxMessage = { id: r.id, kind: r.kind, caseId: r.case_id, unitCode: r.unit_code.trim(), payload: r.payload,
        createdAt: new Date(r.created_at).toISOString(), attempt: r.attempts + 1 }
      try {
        await transport.send(msg)
        await tx.updateTable('outbox').set({ sent_at: now, attempts: r.attempts + 1, last_error: null }).where('id', '=', r.id).execute()
        sent++
      } catch (e) {
        await tx.updateTable('outbox').set({ attempts: r.attempts + 1, last_error: String((e as Error)?.message ?? e).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + backoffMs(r.attempts + 1)) }).where('id', '=', r.id).execute()
        failed++
      }
    }
    return { claimed: rows.rows.length, sent, failed }
  }
}
