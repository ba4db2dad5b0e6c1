// What every request carries, and the one way a route reaches the database as an actor:
// actorContext() opens the request transaction with the actor's scope and ability.
import type { Context } from 'hono'
import type { Config } from '../config.js'
import { type Actor, type AppAbility, abilityFor } from './abilities.js'
import type { Clock } from './clock.js'
import type { Database, Tx } from './db/database.js'
import type { DocsFiles } from './docs.js'
import { AppError, Unauthenticated } from './errors.js'
import type { Logger } from './logger.js'
import type { Sessions } from './sessions.js'
import { type Scope, scopeOf } from './scope.js'
import type { Storage } from './storage.js'

/**
 * What one module plugs into another, built once per app in the composition root (src/wiring.ts)
 * and handed to createApp: no module-level registry filled by importing a file for its effect.
 * The platform names no domain, so each module that takes plug-ins declares its own part here
 * (`declare module '../../platform/context.js' { interface Extensions { … } }`, e.g.
 * supervision/extensions.ts); the routes hand their part to the verbs that use it.
 */
export interface Extensions {}

export interface Deps {
  config: Config
  clock: Clock
  log: Logger
  /** The database for this request (on Workers a client is made per request). */
  db: (c: Context<AppEnv>) => Database
  /** Evidence files: a local directory on Node, an R2 bucket on Workers (uploads answer 503 without one). */
  storage?: Storage
  /** The Swagger UI files /docs loads (Node: docs-node.ts; Workers: static assets, see docs.ts). */
  docsFiles?: DocsFiles
  /** The modules' plug-ins into each other (src/wiring.ts builds them; a test may pass its own). */
  extensions: Extensions
}

export type AppEnv = {
  Bindings: Record<string, unknown>
  Variables: {
    deps: Deps
    db: Database
    sessions: Sessions
    requestId: string
    actor: Actor | null
    sessionToken: string | null
    authVia: 'cookie' | 'bearer' | null
  }
}

export interface Ctx {
  actor: Actor
  scope: Scope
  ability: AppAbility
  db: Tx
  now: Date
  /** An account (or, without an id, any account) changes in this transaction: cached sessions are dropped after it commits. */
  authChanged(userId?: string): void
}

// One scope per actor object: a cached session hands every request the same actor (sessions.ts).
const scopes = new WeakMap<Actor, Scope>()
const scopeFor = (actor: Actor) => {
  let s = scopes.get(actor)
  if (!s) scopes.set(actor, (s = Object.freeze(scopeOf(actor.unitCode, actor.id)) as Scope))
  return s
}

/** Runs fn in the request transaction as the logged-in actor; records refusals. */
export async function asActor<T>(c: Context<AppEnv>, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor = c.get('actor')
  if (!actor) throw new Unauthenticated()
  const scope = scopeFor(actor)
  const ability = abilityFor(actor, scope.ancestors)
  const database = c.get('db')
  const now = c.get('deps').clock.now()
  const changed: (string | undefined)[] = []
  const authChanged = (userId?: string) => { changed.push(userId) }
  try {
    const readOnly = c.req.method === 'GET' || c.req.method === 'HEAD'
    const result = await database.scoped(scope, (db) => fn({ actor, scope, ability, db, now, authChanged }), { readOnly })
    // This process drops them now; the others on the database's notification (session-cache.ts).
    for (const id of changed) c.get('sessions').changed(id)
    return result
  } catch (e) {
    if (e instanceof AppError && e.refusal) {
      // The request transaction is rolled back; the refusal is kept in one of its own.
      await database.scoped(scope, (db) => db.insertInto('refusals').values({
        unit_code: actor.unitCode, actor_id: actor.id, action: e.refusal!.action,
        subject_type: e.refusal!.subjectType, subject_id: e.refusal!.subjectId ?? null, reason: e.message,
        at: now, // the request's clock (injected), like every other time the request records
      }).execute()).catch((err) => c.get('deps').log.error('refusal not recorded', { err: String(err) }))
    }
    throw e
  }
}
