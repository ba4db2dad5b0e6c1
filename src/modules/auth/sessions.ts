// Sessions, with lucia behind this one module (lucia is frozen upstream; swapping it for
// its recommended single-file code only touches this file). Session ids are random tokens
// given to the client; the database holds only their SHA-256. Sliding expiry: lucia
// extends a session when less than half of its lifetime remains.
import { createHash } from 'node:crypto'
import { type Adapter, Lucia, TimeSpan } from 'lucia'
import type { Role } from '../users/index.js'
import type { Database } from '../../platform/db/database.js'
import type { Sessions } from '../../platform/sessions.js'
import { sessionCache } from './session-cache.js'

export const SESSION_COOKIE = 'gov_session'
export const SESSION_HOURS = 12

// The hash of a token seen recently is remembered (a bounded map): every request with a cached
// session would otherwise hash its token again.
const hashes = new Map<string, string>()
const hash = (token: string) => {
  let h = hashes.get(token)
  if (h) return h
  h = createHash('sha256').update(token).digest('hex')
  if (hashes.size >= 10_000) hashes.clear()
  hashes.set(token, h)
  return h
}

function adapter(db: Database): Adapter {
  return {
    async getSessionAndUser(token) {
      const [row] = await db.query('select * from auth_session_get($1)', [hash(token)])
      if (!row) return [null, null]
      return [
        { id: token, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
        { id: row.user_id, attributes: { username: row.username, displayName: row.display_name, unitCode: row.unit_code, roles: row.roles } },
      ]
    },
    async getUserSessions(userId) {
      const rows = await db.query('select * from auth_user_sessions($1)', [userId])
      return rows.map((r) => ({ id: r.id_hash, userId, expiresAt: new Date(r.expires_at), attributes: {} }))
    },
    async setSession(s) { await db.query('select auth_session_put($1, $2, $3)', [hash(s.id), s.userId, s.expiresAt]) },
    async updateSessionExpiration(token, at) { await db.query('select auth_session_touch($1, $2)', [hash(token), at]) },
    async deleteSession(token) { await db.query('select auth_session_delete($1)', [hash(token)]) },
    async deleteUserSessions(userId) { await db.query('select auth_user_sessions_delete($1)', [userId]) },
    async deleteExpiredSessions() { await db.query('select auth_sessions_expired_delete()') },
  }
}

// The interface lives in the platform (every request carries one); this module implements it.
export type { Sessions } from '../../platform/sessions.js'

export interface SessionsOptions {
  /** How long a validated session may be served from memory; 0 looks it up on every request. */
  cacheSeconds?: number
}

const HALF_LIFE_MS = (SESSION_HOURS * 3600_000) / 2

export function createSessions(db: Database, opts: SessionsOptions = {}): Sessions {
  const lucia = new Lucia(adapter(db), {
    sessionExpiresIn: new TimeSpan(SESSION_HOURS, 'h'),
    getUserAttributes: (a) => a,
  })
  const cache = sessionCache(db, opts.cacheSeconds ?? 0)
  return {
    async create(userId) {
      const s = await lucia.createSession(userId, {})
      return { token: s.id, expiresAt: s.expiresAt }
    },
    async validate(token, { fresh = false } = {}) {
      if (!/^[a-z0-9]{20,64}$/.test(token)) return null
      const h = hash(token)
      // lucia slides the expiry once less than half of the lifetime is left: from then on, look it up.
      const hit = fresh ? null : cache.get(h)
      if (hit && hit.expiresAt.getTime() - Date.now() > HALF_LIFE_MS) return { actor: hit.actor, expiresAt: hit.expiresAt, refreshed: false }
      const generation = cache.generation()
      const { session, user } = await lucia.validateSession(token)
      if (!session) { cache.evict(h); return null }
      const a = (user as any) as { id: string; username: string; displayName: string; unitCode: string; roles: Role[] }
      const actor = { id: a.id, username: a.username, displayName: a.displayName, unitCode: a.unitCode, roles: a.roles }
      cache.put(h, { actor, expiresAt: session.expiresAt }, generation)
      return { actor, expiresAt: session.expiresAt, refreshed: session.fresh }
    },
    async invalidate(token) {
      cache.evict(hash(token))
      await lucia.invalidateSession(token)
    },
    async invalidateUser(userId) {
      cache.evictUser(userId)
      await lucia.invalidateUserSessions(userId)
    },
    changed: (userId) => userId ? cache.evictUser(userId) : cache.evictAll(),
  }
}

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<Record<never, never>, { username: string; displayName: string; unitCode: string; roles: string[] }>
    DatabaseUserAttributes: { username: string; displayName: string; unitCode: string; roles: string[] }
  }
}
