// postgres.js-backed Database. The scope setup is sent without awaiting on a reserved
// connection so postgres.js pipelines it with the first query (measured ~0 cost).
import postgres from 'postgres'
import { Kysely } from 'kysely'
import { APP_ROLE, type Database, scopeSetupSql, type Tx, wantsCustomPlan } from './database.js'
import type { Scope } from '../scope.js'
import { kyselyOver, oneConnectionDialect, type Run } from './dialect.js'

export type Sql = postgres.Sql

export interface ClientOptions {
  max?: number
  /**
   * postgres.js looks up every array type on each new connection (one more round trip).
   * On Workers the client is made per request, so the worker turns it off; the array types
   * our schema uses are declared below, and the Node test suite runs on the same declarations.
   */
  fetchTypes?: boolean
  /**
   * A reader pool (postgresDatabase's `reader`): every connection starts as `gov_app` (role set in
   * the startup packet, so no SET ROLE per request) with default_transaction_read_only on, so a
   * write on it fails however it is sent.
   */
  reader?: boolean
}

// One-dimensional PostgreSQL array literals: {a,"b c",NULL}. Our columns are text[]
// (roles, rights, departments) and uuid[] (evidence); elements stay strings.
export function parseTextArray(s: string): (string | null)[] {
  if (s === '{}') return []
  if (s[0] !== '{' || s[1] === '{') throw new Error(`unsupported array literal: ${s.slice(0, 40)}`)
  const out: (string | null)[] = []
  let i = 1
  while (i < s.length - 1) {
    if (s[i] === '"') {
      let v = ''
      for (i++; s[i] !== '"'; i++) v += s[i] === '\\' ? s[++i] : s[i]
      i++
      out.push(v)
    } else {
      let j = i
      while (j < s.length - 1 && s[j] !== ',') j++
      const raw = s.slice(i, j)
      out.push(raw === 'NULL' ? null : raw)
      i = j
    }
    if (s[i] === ',') i++
  }
  return out
}

export function serializeTextArray(xs: unknown): string {
  if (!Array.isArray(xs)) return String(xs)
  return '{' + xs.map((x) => x === null || x === undefined ? 'NULL'
    : '"' + String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}'
}

const TEXT_ARRAYS = { text: 1009, bpchar: 1014, varchar: 1015, uuid: 2951 }

export function createPostgresClient(url: string, opts: ClientOptions = {}): Sql {
  const arrays = Object.fromEntries(Object.entries(TEXT_ARRAYS).map(([name, oid]) =>
    [`${name}_array`, { to: oid, from: [oid], serialize: serializeTextArray, parse: parseTextArray }]))
  return postgres(url, {
    max: opts.max ?? 10,
    fetch_types: opts.fetchTypes ?? true,
    onnotice: () => {},
    ...(opts.reader ? { connection: { role: APP_ROLE, default_transaction_read_only: true } } : {}),
    // Dates stay 'YYYY-MM-DD' strings (no time zone shift); bigint counts become numbers.
    types: {
      date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      numeric: { to: 1700, from: [1700], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      ...arrays,
    } as any,
  })
}

/** Appended to a read-only statement's setup when the statement is marked customPlan (database.ts). */
export const CUSTOM_PLAN_SETUP = ", set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true)"

// In a read-write transaction (one setup for many statements) a marked statement goes out
// unprepared instead: an unnamed statement is planned with its values.
const runOn = (conn: postgres.Sql | postgres.ReservedSql): Run => async (text, params) => {
  const rows: any = await conn.unsafe(text, params as any[], { prepare: !wantsCustomPlan(text) })
  return { rows: [...rows], affected: rows.count, command: rows.command }
}

// Migrations send several statements in one string: the simple protocol takes them.
const runScript = (conn: postgres.ReservedSql): Run => async (text, params) => {
  if (params.length) return runOn(conn)(text, params)
  const rows: any = await conn.unsafe(text).simple()
  const last = Array.isArray(rows[rows.length - 1]) ? rows[rows.length - 1] : rows
  return { rows: [...last], affected: last.count }
}

/**
 * One read statement carrying its own scope (the reader pool): the four settings are set by a
 * one-row subquery the statement depends on (the lateral OFFSET reads them, so the planner must
 * run it first, and set_config is volatile, so it is neither pulled up nor dropped), local to the
 * statement's implicit transaction, which ends at its Sync: the connection holds no scope after
 * it. Fails closed: without the settings every policy compares with NULL and matches nothing.
 */
export function withScopeSql(text: string, paramCount: number): string {
  const p = (i: number) => `$${paramCount + i}`
  return `select q.* from (select set_config('app.scope_lo', ${p(1)}, true) as lo, set_config('app.scope_hi', ${p(2)}, true) as hi, ` +
    `set_config('app.ancestors', ${p(3)}, true) as an, set_config('app.user_id', ${p(4)}, true) as uid offset 0) s ` +
    `cross join lateral (select * from (${text}) i offset length(s.lo || s.hi || s.an || s.uid) * 0) q`
}

/** The scope's settings as withScopeSql's last four parameters (validated like scopeSetupSql's). */
export function scopeParams(scope: Scope): string[] {
  scopeSetupSql(scope) // throws on an invalid scope
  const user = scope.userId && /^[0-9a-f-]{36}$/.test(scope.userId) ? scope.userId : ''
  return [scope.lo, scope.hi, scope.ancestors.join(','), user]
}

// Plain reads only: a SELECT (or WITH … SELECT) not marked customPlan goes through the reader in one
// prepared statement. A marked one keeps its transaction: it is planned for its values, and the planner
// estimates a policy's range from the settings as they are when it plans, which inside withScopeSql is
// before they are set (empty: the case list through a custom-plan reader fell from 84 to 5 req/s).
const ONE_STATEMENT_READ = /^\s*(select|with)\b/i
const DATA_MODIFYING = /\b(insert|update|delete|merge)\b/i

export interface PostgresDatabaseOptions {
  ownsClient?: boolean
  listens?: boolean
  /** Reader pool for plain reads (createPostgresClient(url, { reader: true })). */
  reader?: Sql
}

/** The reader pool of a database URL (see PostgresDatabaseOptions), of `max` connections. */
export function readerPools(url: string, opts: Omit<ClientOptions, 'reader'> = {}): Pick<PostgresDatabaseOptions, 'reader'> {
  return { reader: createPostgresClient(url, { ...opts, reader: true }) }
}

export function postgresDatabase(sql: Sql, { ownsClient = true, listens = true, reader }: PostgresDatabaseOptions = {}): Database {
  // postgres.js 3.4.9: with fetch_types off, reserve() on a pool with no open connection never
  // settles (porsager/postgres#751, #1219). Such a client (the Workers one: max 1) opens its
  // connection with a plain query first; later reserves reuse that connection.
  let opened = sql.options.fetch_types !== false
  const reserve = async () => {
    if (!opened) { await sql.unsafe('select 1', [], { prepare: false }); opened = true }
    return sql.reserve()
  }
  /**
   * A read-only request (GET). With reader pools, a plain SELECT is one statement that sets its
   * own scope (withScopeSql). Otherwise every statement runs in a read-only transaction of its own, its
   * BEGIN and scope, the statement and its COMMIT written to the socket together (one write, one
   * round trip; a separate COMMIT was a second write). Under READ COMMITTED each statement of a
   * transaction takes a new snapshot anyway, so the reader sees nothing different. Fails closed:
   * a failed setup aborts that transaction, the statement fails inside it, the COMMIT rolls back.
   */
  async function readScoped<T>(scope: Scope, setup: string, fn: (db: Tx) => Promise<T>): Promise<T> {
    // Reserved on the first statement that needs the transaction (one connection, however many
    // statements fn runs at once).
    let reserved: Promise<postgres.ReservedSql> | null = null
    let last: Promise<unknown> = Promise.resolve()
    const scopeValues = reader ? scopeParams(scope) : []
    const run: Run = async (text, params) => {
      if (reader && !wantsCustomPlan(text) && ONE_STATEMENT_READ.test(text) && !DATA_MODIFYING.test(text)) {
        const r: any = await reader.unsafe(withScopeSql(text, params.length), [...params, ...scopeValues] as any[], { prepare: true })
        return { rows: [...r], affected: r.count, command: r.command }
      }
      const conn = await (reserved ??= reserve())
      // A statement marked customPlan stays prepared (no describe round trip, no re-parse) and is
      // planned for its values by this transaction's own plan_cache_mode, gone at its COMMIT.
      const begun = conn.unsafe(wantsCustomPlan(text) ? setup + CUSTOM_PLAN_SETUP : setup).simple()
      const rows = conn.unsafe(text, params as any[], { prepare: true })
      const ended = conn.unsafe('commit').simple()
      for (const p of [begun, rows, ended]) p.catch(() => {})
      last = ended
      await begun // the setup's own error, not the aborted transaction's, if it failed
      const r: any = await rows
      return { rows: [...r], affected: r.count, command: r.command }
    }
    try {
      return await fn(kyselyOver(run))
    } finally {
      // Back to the pool once the last COMMIT is answered; the response does not wait for it.
      const r = reserved as Promise<postgres.ReservedSql> | null
      if (r) r.then((c) => last.then(() => c.release(), () => c.release()), () => {})
    }
  }

  return {
    kind: 'postgres',
    async scoped(scope, fn, opts = {}) {
      const setup = scopeSetupSql(scope, opts)
      if (opts.readOnly) return readScoped(scope, setup, fn)
      const conn = await reserve()
      let released = false
      const release = () => { if (!released) { released = true; conn.release() } }
      try {
        const begun = conn.unsafe(setup).simple()
        begun.catch(() => {}) // awaited below; the first query fails too if setup failed
        let result
        try {
          result = await fn(kyselyOver(runOn(conn)))
          await begun
        } catch (e) {
          await conn.unsafe('rollback').simple().catch(() => {})
          throw e
        }
        await conn.unsafe('commit').simple()
        return result
      } finally {
        release()
      }
    },
    async query(text, params = []) {
      const rows = [...(await sql.unsafe(text, params as any[]))] as any[]
      opened = true
      return rows
    },
    // postgres.js keeps one extra connection for LISTEN, re-listens after it drops and then calls
    // onListen again; sql.end() closes it.
    ...(listens ? { async listen(channel: string, onMessage: (p: string) => void, onListen: () => void) { await sql.listen(channel, onMessage, onListen) } } : {}),
    async owner(fn) {
      const conn = await reserve()
      try {
        return await fn(new Kysely<any>({ dialect: oneConnectionDialect(runScript(conn)) }))
      } finally {
        conn.release()
      }
    },
    async close() {
      if (ownsClient) await Promise.all([sql.end({ timeout: 5 }), reader?.end({ timeout: 5 })])
    },
  }
}
