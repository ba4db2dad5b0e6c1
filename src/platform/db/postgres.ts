// postgres.js-backed Database. The scope setup is sent without awaiting on a reserved
// connection so postgres.js pipelines it with the first query (measured ~0 cost).
import postgres from 'postgres'
import { Kysely } from 'kysely'
import { type Database, scopeSetupSql } from './database.js'
import { kyselyOver, oneConnectionDialect, type Run } from './dialect.js'

export type Sql = postgres.Sql

export function createPostgresClient(url: string, opts: { max?: number } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Dates stay 'YYYY-MM-DD' strings (no time zone shift); bigint counts become numbers.
    types: {
      date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      numeric: { to: 1700, from: [1700], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    } as any,
  })
}

const runOn = (conn: postgres.Sql | postgres.ReservedSql): Run => async (text, params) => {
  const rows: any = await conn.unsafe(text, params as any[], { prepare: true })
  return { rows: [...rows], affected: rows.count, command: rows.command }
}

// Migrations send several statements in one string: the simple protocol takes them.
const runScript = (conn: postgres.ReservedSql): Run => async (text, params) => {
  if (params.length) return runOn(conn)(text, params)
  const rows: any = await conn.unsafe(text).simple()
  const last = Array.isArray(rows[rows.length - 1]) ? rows[rows.length - 1] : rows
  return { rows: [...last], affected: last.count }
}

export function postgresDatabase(sql: Sql, { ownsClient = true } = {}): Database {
  return {
    kind: 'postgres',
    async scoped(scope, fn, opts = {}) {
      const setup = scopeSetupSql(scope, opts)
      const conn = await sql.reserve()
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
        const committed = conn.unsafe('commit').simple()
        if (opts.readOnly) {
          // Nothing to lose: the connection goes back to the pool once COMMIT is answered.
          released = true
          committed.then(() => conn.release(), () => conn.release())
          return result
        }
        await committed
        return result
      } finally {
        release()
      }
    },
    async query(text, params = []) {
      return [...(await sql.unsafe(text, params as any[]))] as any[]
    },
    async owner(fn) {
      const conn = await sql.reserve()
      try {
        return await fn(new Kysely<any>({ dialect: oneConnectionDialect(runScript(conn)) }))
      } finally {
        conn.release()
      }
    },
    async close() {
      if (ownsClient) await sql.end({ timeout: 5 })
    },
  }
}
