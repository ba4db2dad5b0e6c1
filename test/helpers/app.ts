// Test harness: a fresh database, a small tenant tree with staff, and a supertest agent.
import { getRequestListener } from '@hono/node-server'
import request from 'supertest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { fixedClock } from '../../src/platform/clock.js'
import type { Extensions } from '../../src/platform/context.js'
import type { Database } from '../../src/platform/db/database.js'
import { nodeDocsFiles } from '../../src/platform/docs-node.js'
import { createLogger } from '../../src/platform/logger.js'
import { SYSTEM_SCOPE } from '../../src/platform/scope.js'
import { memoryStorage, type Storage } from '../../src/platform/storage.js'
import { hashPassword } from '../../src/modules/auth/password.js'
import { upsertUnits } from '../../src/modules/units/queries.js'
import type { Role } from '../../src/modules/users/roles.js'
import { checkedFetch, type Drift } from './contract.js'
import { freshDatabase } from './db.js'

export const PASSWORD = 'test-password-1'
let hashed: Promise<string> | undefined
const passwordHash = () => (hashed ??= hashPassword(PASSWORD))

/** 六安市 → 金安区 (two townships, villages) and 裕安区 (one township, one village). */
export const T = {
  city: '341500000000', county: '341502000000', county2: '341503000000',
  town: '341502001000', town2: '341502002000', townB: '341503001000',
  village: '341502001001', village2: '341502001002', villageB: '341503001001',
} as const
const NAMES: Record<string, string> = {
  [T.city]: '六安市', [T.county]: '金安区', [T.county2]: '裕安区', [T.town]: '中市街道', [T.town2]: '东市街道',
  [T.townB]: '西市街道', [T.village]: '红街社区', [T.village2]: '南门社区', [T.villageB]: '鼓楼社区',
}

export interface Harness {
  db: Database
  http: ReturnType<typeof request>
  clock: ReturnType<typeof fixedClock>
  /** Evidence files (in memory unless harness({ storage }) passes one). */
  storage: Storage
  /** Bearer token of `<code>-<role>` (created on first use). */
  token(code: string, role: Role): Promise<string>
  userId(code: string, role: Role): Promise<string>
  /** Responses that did not match the OpenAPI document (test/helpers/contract.ts); close() fails if any are left. */
  drift: Drift[]
  close(): Promise<void>
}

export interface HarnessOptions {
  storage?: Storage
  connections?: number
  env?: Record<string, string>
  /** The modules' plug-ins (createApp's deps); src/wiring.ts's when not given. */
  extensions?: Extensions
}

export async function harness(opts: HarnessOptions = {}): Promise<Harness> {
  const db = await freshDatabase({ max: opts.connections })
  await db.scoped(SYSTEM_SCOPE, (tx) => upsertUnits(tx, Object.entries(NAMES).map(([code, name]) => ({ code, name }))))
  const clock = fixedClock('2026-11-24T02:00:00Z')
  const config = loadConfig({ LOG_LEVEL: 'silent', ...opts.env })
  const storage = opts.storage ?? memoryStorage()
  const app = createApp({ config, clock, log: createLogger('silent'), db: () => db, storage, docsFiles: nodeDocsFiles(), extensions: opts.extensions })
  // Every response is checked against the app's OpenAPI document (test/helpers/contract.ts).
  const drift: Drift[] = []
  const http = request(getRequestListener(checkedFetch(app, drift)))
  const tokens = new Map<string, string>()
  const ids = new Map<string, string>()

  async function ensureUser(code: string, role: Role) {
    const username = `${code}-${role}`
    if (ids.has(username)) return username
    const row = await db.scoped(SYSTEM_SCOPE, async (tx) => {
      const found = await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
      return found ?? tx.insertInto('users').values({
        unit_code: code, username, display_name: username, password_hash: await passwordHash(), roles: [role], created_by: null,
      }).returning('id').executeTakeFirstOrThrow()
    })
    ids.set(username, row.id)
    return username
  }

  return {
    db, http, clock, storage, drift,
    async token(code, role) {
      const username = await ensureUser(code, role)
      if (!tokens.has(username)) {
        const res = await http.post('/api/auth/login').send({ username, password: PASSWORD })
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`)
        tokens.set(username, res.body.token)
      }
      return tokens.get(username)!
    },
    async userId(code, role) { return ids.get(await ensureUser(code, role))! },
    async close() {
      await db.close()
      if (drift.length) {
        throw new Error(`${drift.length} 个响应与 API 文档不符：\n` + drift.slice(0, 20).map((d) =>
          `${d.method} ${d.path} (${d.operation}) ${d.status}: ${d.problems.slice(0, 5).join('; ')}`).join('\n'))
      }
    },
  }
}

export const bearer = (t: string) => ({ authorization: `Bearer ${t}` })

/** GET `url` with the first of `tokens` that is not refused (403): a list asked by whichever role may read it. */
export async function getAsFirstAllowed(h: Harness, tokens: string[], url: string) {
  let res: any
  for (const t of tokens) {
    res = await h.http.get(url).set(bearer(t))
    if (res.status !== 403) return res
  }
  return res
}

/**
 * A digest of every table's rows: "nothing changed" is checked against it. Logs are left out:
 * refusals (a refused request records one) and the audit log (which records every write,
 * including one undone by a later write).
 */
export async function snapshot(db: Database): Promise<string> {
  const tables = await db.query(`select tablename from pg_tables where schemaname = 'public' and tablename not in ('kysely_migration', 'kysely_migration_lock', 'login_throttle', 'refusals', 'audit_log', 'audit_heads') order by 1`)
  const parts = await Promise.all(tables.map(async ({ tablename }) => {
    const [r] = await db.query(`select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from ${tablename} t`)
    return `${tablename}:${r.n}:${r.h}`
  }))
  return parts.join('\n')
}
