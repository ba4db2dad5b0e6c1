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
  /** Owner connection for migrations and operator tools; never used by request handlers. */
  owner<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface ScopedOptions {
  /**
   * A read-only transaction (GET requests): any write fails inside it, so its COMMIT cannot
   * fail and is sent without waiting for the answer before the result is returned.
   */
  readOnly?: boolean
}

export const APP_ROLE = 'gov_app'

const DIGITS = /^[0-9]{12}$/

/**
 * The statements that open a scoped transaction. Values are validated to be digits and
 * inlined, so the whole setup is one simple-protocol string that can be pipelined ahead of
 * the first query. It fails closed: a failed SET aborts the transaction.
 */
export function scopeSetupSql(scope: Scope, opts: ScopedOptions = {}): string {
  const codes = [scope.lo, scope.hi, ...scope.ancestors]
  if (!codes.every((c) => DIGITS.test(c))) throw new Error('invalid scope')
  const user = scope.userId && /^[0-9a-f-]{36}$/.test(scope.userId) ? scope.userId : ''
  return `begin${opts.readOnly ? ' read only' : ''}; set local role ${APP_ROLE}; ` +
    `set local app.scope_lo = '${scope.lo}'; set local app.scope_hi = '${scope.hi}'; ` +
    `set local app.ancestors = '${scope.ancestors.join(',')}'; set local app.user_id = '${user}'; ` +
    // Subtree ranges are parameters whose selectivity swings from one village to a whole city: a
    // generic plan (chosen after five runs of a prepared statement) sorts every open case of a
    // county instead of walking an index (bench: cases-open-list). Plan each query for its values.
    `set local plan_cache_mode = force_custom_plan`
}

/**
 * A JSON value for a jsonb column. Sent as text and cast in SQL, because the two drivers
 * disagree on a string parameter typed jsonb (postgres.js encodes it again, PGlite parses it).
 */
export const jsonb = (value: unknown) => sql<any>`cast(${JSON.stringify(value)}::text as jsonb)`
