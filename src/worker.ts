// Cloudflare Workers entry (wrangler dev / wrangler deploy): the same app as server.ts, on
// PostgreSQL through the Hyperdrive binding, evidence files in the R2 bucket EVIDENCE, and the
// scheduled jobs on the cron trigger. Nothing here may import Node-only modules (PGlite,
// node:fs, storage-local, seed packs, the Node server): `wrangler deploy --dry-run` checks it.
import type { Context, ExecutionContext } from 'hono'
import { createApp } from './app.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { wireJobs } from './wiring.js'
import { systemClock } from './platform/clock.js'
import type { AppEnv } from './platform/context.js'
import { createPostgresClient, postgresDatabase, type Sql } from './platform/db/postgres.js'
import { problemBody } from './platform/errors.js'
import { runAllJobs } from './platform/jobs.js'
import { createLogger } from './platform/logger.js'
import { type R2BucketLike, r2Storage } from './platform/storage.js'

/** The bindings wrangler.toml declares, plus the [vars] (strings). */
export interface Env {
  HYPERDRIVE: { connectionString: string }
  EVIDENCE?: R2BucketLike
  [name: string]: unknown
}
// A structural stand-in for the Workers runtime type (src/ is type-checked against Node's).
interface ScheduledController { scheduledTime: number; cron: string }

/**
 * A client per request: workerd refuses I/O on a socket opened by another request ("Cannot
 * perform I/O on behalf of a different request"), and Hyperdrive pools the real connections.
 * One connection (nothing in a request runs two transactions at once); no array-type lookup on
 * connect (one round trip less per request; postgres.ts declares the array types we use).
 */
function workerSql(env: Env): Sql {
  const url = env.HYPERDRIVE?.connectionString
  if (!url) throw new ConfigError('配置错误：缺少 Hyperdrive 绑定 HYPERDRIVE（见 wrangler.toml）')
  return createPostgresClient(url, { max: 1, fetchTypes: false })
}

function configFrom(env: Env): Config {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  return loadConfig(vars)
}

// Built once per isolate (the vars do not change while it lives); the database is per request.
let built: { app: ReturnType<typeof createApp>; config: Config } | null = null
const clients = new WeakMap<Request, Sql>()

function appFor(env: Env) {
  if (built) return built
  const config = configFrom(env)
  const app = createApp({
    config, clock: systemClock, log: createLogger(config.LOG_LEVEL),
    db: (c: Context<AppEnv>) => {
      const sql = workerSql(c.env as Env)
      clients.set(c.req.raw, sql)
      // A client per request cannot keep a listener: sessions are looked up on every request.
      return postgresDatabase(sql, { listens: false })
    },
    storage: env.EVIDENCE ? r2Storage(env.EVIDENCE) : undefined,
  })
  return (built = { app, config })
}

function misconfigured(e: Error): Response {
  console.error(e.message) // names each bad variable; the client only learns that config is wrong
  return new Response(JSON.stringify(problemBody(500, 'configuration', '服务配置错误', '服务配置不完整或有误，请联系运维人员')),
    { status: 500, headers: { 'content-type': 'application/problem+json; charset=utf-8' } })
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let app
    try {
      app = appFor(env).app
    } catch (e) {
      if (e instanceof ConfigError) return misconfigured(e)
      throw e
    }
    try {
      return await app.fetch(request, env, ctx)
    } finally {
      // Close this request's client once the response is out (the runtime waits for it).
      const sql = clients.get(request)
      if (sql) ctx.waitUntil(sql.end({ timeout: 5 }))
    }
  },

  /** Cron trigger (wrangler.toml [triggers]): every registered job once, each under its lock. */
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { config } = appFor(env)
    const log = createLogger(config.LOG_LEVEL)
    const sql = workerSql(env)
    const jobs = wireJobs(config, log)
    try {
      const outcomes = await runAllJobs(postgresDatabase(sql), new Date(controller.scheduledTime), log, jobs)
      log.info('scheduled', { cron: controller.cron, jobs: outcomes.map((o) => ({ name: o.name, skipped: o.skipped, status: o.skipped ? null : o.status })) })
    } finally {
      ctx.waitUntil(sql.end({ timeout: 5 }))
    }
  },
}
