// Messages to the applicant: written in the same transaction as the change, dispatched at least
// once with retries and backoff, each with a stable id (receivers drop duplicates), never by two
// dispatchers at once; the webhook transport when OUTBOX_WEBHOOK_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { createJobs } from '../src/jobs.js'
import { runJob } from '../src/platform/jobs.js'
import { dispatchOutbox, type OutboxMessage, type Transport, transportFor, webhookTransport } from '../src/modules/cases/dispatcher.js'
import type { Database } from '../src/platform/db/database.js'
import { createLogger } from '../src/platform/logger.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, extraStaff, setupCases, submit, windowsOf } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const recorder = (fail: (m: OutboxMessage, n: number) => boolean = () => false) => {
  const sent: OutboxMessage[] = []
  let calls = 0
  const t: Transport = { name: 'fake', async send(m) { calls++; if (fail(m, calls)) throw new Error('receiver down'); sent.push(m) } }
  return { t, sent }
}
const pending = async () => (await h.db.query(`select count(*)::int as n from outbox where sent_at is null`))[0].n as number
const T0 = new Date('2026-11-24T03:00:00Z')
const drain = async () => { await dispatchOutbox(h.db, recorder().t, new Date('2030-01-01T00:00:00Z'), { batch: 1000 }) }

describe('outbox', () => {
  it('writes the message with the change; a refused change writes none', async () => {
    await drain()
    const { case: c } = await submit(h, T.county)
    const second = await extraStaff(h, T.county, 'county-clerk-2', ['window_clerk'], await windowsOf(h, T.county))
    const [a, b] = await Promise.all([act(h, T.county, 'window_clerk', c.id, 'accept'),
      h.http.post(`/api/cases/${c.id}/accept`).set(bearer(second.token)).send({})])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const rows = await h.db.query(`select kind, payload from outbox where case_id = $1`, [c.id])
    expect(rows).toEqual([expect.objectContaining({ kind: 'case_confirmed', payload: expect.objectContaining({ to: '13812345678' }) })])
  })

  it('the scheduled job outbox:dispatch sends what is due through the configured transport', async () => {
    await drain()
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const rec = recorder()
    // The transport is the one passed to createJobs (what server.ts and worker.ts do with transportFor).
    const run = await runJob(h.db, 'outbox:dispatch', T0, createJobs({ outboxTransport: rec.t }))
    expect(run).toMatchObject({ skipped: false, status: 'ok', result: { claimed: 1, sent: 1, failed: 0 } })
    expect(rec.sent.map((m) => m.caseId)).toEqual([c.id])
    expect(await pending()).toBe(0)
  })

  it('retries a failed send with backoff, then sends it once', async () => {
    await drain()
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const flaky = recorder((_m, n) => n === 1)
    expect(await dispatchOutbox(h.db, flaky.t, T0)).toMatchObject({ claimed: 1, sent: 0, failed: 1 })
    const [row] = await h.db.query(`select attempts, last_error, next_attempt_at from outbox where case_id = $1`, [c.id])
    expect(row).toMatchObject({ attempts: 1, last_error: 'receiver down' })
    expect(new Date(row.next_attempt_at).getTime()).toBe(T0.getTime() + 30_000)
    expect(await dispatchOutbox(h.db, flaky.t, new Date(T0.getTime() + 10_000))).toMatchObject({ claimed: 0 })
    expect(await dispatchOutbox(h.db, flaky.t, new Date(T0.getTime() + 30_000))).toMatchObject({ sent: 1 })
    expect(flaky.sent).toHaveLength(1)
    expect(await pending()).toBe(0)
  })

  it('a crash after sending but before marking it sent sends it again, with the same id', async () => {
    await drain()
    const { case: c } = await submit(h, T.county)
    await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    const rec = recorder()
    // The process dies between the send and the commit: the transaction never commits.
    const crashing: Database = { ...h.db, scoped: (scope, fn) => h.db.scoped(scope, async (tx) => { await fn(tx); throw new Error('crash') }) }
    await expect(dispatchOutbox(crashing, rec.t, T0)).rejects.toThrow('crash')
    expect(await pending()).toBe(1)
    await dispatchOutbox(h.db, rec.t, T0)
    expect(rec.sent.map((m) => m.id)).toEqual([rec.sent[0].id, rec.sent[0].id])
    expect(await pending()).toBe(0)
  })

  it('two dispatchers at once never send one message twice', async () => {
    await drain()
    for (let i = 0; i < 6; i++) {
      const { case: c } = await submit(h, T.county)
      await actOk(h, T.county, 'window_clerk', c.id, 'accept')
    }
    const seen: string[] = []
    const slow: Transport = { name: 'slow', async send(m) { seen.push(m.id); await new Promise((r) => setImmediate(r)) } }
    const [a, b] = await Promise.all([dispatchOutbox(h.db, slow, T0, { batch: 4 }), dispatchOutbox(h.db, slow, T0, { batch: 4 })])
    expect(new Set(seen).size).toBe(seen.length)
    expect(a.sent + b.sent).toBe(seen.length)
    await dispatchOutbox(h.db, slow, T0, { batch: 10 })
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(6)
  })

  it('the webhook transport carries the stable id as Idempotency-Key and X-Message-Id; configured by OUTBOX_WEBHOOK_URL', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const fake = (async (url: string, init: RequestInit) => { calls.push({ url, init }); return new Response(null, { status: calls.length === 1 ? 503 : 204 }) }) as unknown as typeof fetch
    const t = webhookTransport('https://notify.example/hook', fake)
    const msg = { id: '6b1f3a52-7d36-4a5e-9d59-1f0e6a3f1c11', kind: 'case_confirmed', caseId: null, unitCode: T.county, payload: {}, createdAt: T0.toISOString(), attempt: 1 }
    await expect(t.send(msg)).rejects.toThrow(/503/)
    await t.send(msg)
    const headers = calls[1].init.headers as Record<string, string>
    expect(headers['idempotency-key']).toBe(msg.id)
    expect(headers['x-message-id']).toBe(msg.id)
    expect(() => loadConfig({ OUTBOX_WEBHOOK_URL: 'not a url' })).toThrow(/OUTBOX_WEBHOOK_URL/)
    const log = createLogger('silent')
    expect(transportFor(loadConfig({ OUTBOX_WEBHOOK_URL: 'https://notify.example/hook' }), log).name).toBe('webhook')
    expect(transportFor(loadConfig({}), log).name).toBe('log')
  })
})
