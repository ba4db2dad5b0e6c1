// The one door to the database. Every request runs in one transaction that has switched
// to the app role (which owns no table, so RLS applies) and set the actor's scope.
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/types.js'
import type { Scope } from '../scope.js'

export type Tx = Kysely<DB>

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  /** One transaction as `gov_app` with the given scope; commits if fn resolves. */
  scoped<T>(scope: Scope, fn: (db: Tx) => Promise<T>, opts?: ScopedOptions): Promise<T>
  /** One statement outside any request scope (auth functions, health check). */
  query<R = any>(sql: string, params?: readonly unknown[]): Promise<R[]>
  /**
   * LISTEN on a channel: onMessage for each notification, onListen each time the listener is
   * (re)connected (notifications sent while it was away are lost). Absent where a client lives
   * for one request only (Workers).
   */
  listen?(channel: string, onMessage: (payload: string) => void, onListen: () => void): Promise<void>
  /** Owner connection for migrations and operator tools; never used by request handlers. */
  owner<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface ScopedOptions {
  /**
   * Read only (GET requests): any write fails. On PostgreSQL each statement then runs in a
   * read-only transaction of its own with the same scope, opened and committed in the same
   * write as the statement (postgres.ts); under READ COMMITTED that reads the same as one
   * transaction, since every statement takes a new snapshot. PGlite keeps one transaction.
   */
  readOnly?: boolean
}

export const APP_ROLE = 'gov_app'

const DIGITS = /^[0-9]{12}$/

/**
 * The statements that open a scoped transaction. Values are validated to be digits and
 * inlined, so the whole setup is one simple-protocol string that can be pipelined ahead of
 * the first query. It fails closed: a failed set_config aborts the transaction. Ends with the
 * SELECT's last call, so a caller may append more `, set_config(…, true)` calls (CUSTOM_PLAN_SETUP).
 */
export function scopeSetupSql(scope: Scope, opts: ScopedOptions = {}): string {
  const codes = [scope.lo, scope.hi, ...scope.ancestors]
  if (!codes.every((c) => DIGITS.test(c))) throw new Error('invalid scope')
  const user = scope.userId && /^[0-9a-f-]{36}$/.test(scope.userId) ? scope.userId : ''
  // Two statements, not six: one SELECT of set_config(…, true) calls does what SET LOCAL ROLE and the
  // four SET LOCALs did (each statement of a simple query costs the server a parse, a plan and a reply).
  return `begin${opts.readOnly ? ' read only' : ''}; select set_config('role', '${APP_ROLE}', true), ` +
    `set_config('app.scope_lo', '${scope.lo}', true), set_config('app.scope_hi', '${scope.hi}', true), ` +
    `set_config('app.ancestors', '${scope.ancestors.join(',')}', true), set_config('app.user_id', '${user}', true)`
}

/**
 * Marks a statement to be planned for its own parameter values on every run. Subtree ranges are
 * parameters whose selectivity swings from one village to a whole city: the generic plan that
 * PostgreSQL settles on after five runs of a prepared statement sorted every open case of a
 * county instead of walking an index (bench cases-open-list: 20 → 246 req/s). On PostgreSQL a
 * read-only request keeps a marked statement prepared and adds `set local plan_cache_mode =
 * force_custom_plan` (and no parallel workers) to that statement's own setup (postgres.ts: its transaction ends with the
 * statement, so the mode never reaches another one); unprepared, postgres.js first asks the
 * server for the parameter types, a round trip more. In a read-write transaction a marked
 * statement goes out unprepared (an unnamed statement is planned with its values; PGlite sends
 * every statement that way). Everything else is planned once: re-planning every statement (a
 * global plan_cache_mode = force_custom_plan) cost ~2.7× the server's CPU on a short request.
 * Put it last: on a query builder `.modifyEnd(customPlan)`, in a sql template at the very end.
 */
export const CUSTOM_PLAN = '/* plan: custom */'
export const customPlan = sql.raw(CUSTOM_PLAN)
export const wantsCustomPlan = (text: string) => text.endsWith(CUSTOM_PLAN)

/**
 * A JSON value for a jsonb column. Sent as text and cast in SQL, because the two drivers
 * disagree on a string parameter typed jsonb (postgres.js encodes it again, PGlite parses it).
 */
export const jsonb = (value: unknown) => sql<any>`cast(${JSON.stringify(value)}::text as jsonb)`
