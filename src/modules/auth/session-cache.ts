// Validated sessions kept in memory, so that an authenticated request costs no lookup of its own
// (one round trip of two: bench units-children). The database keeps it true: triggers on
// sessions, users and units announce every change on the 'gov_auth' channel (migration 012) and
// each process drops what changed. Fails safe: the cache serves only while its listener is
// connected, every (re)connection empties it (what was announced meanwhile is lost), and no entry
// lives longer than `seconds` whatever happens. Changes made by this process are also dropped
// at once, without waiting for the notification (evictUser/evictAll after the commit).
import type { Database } from '../../platform/db/database.js'
import type { Actor } from '../../platform/abilities.js'

export const AUTH_CHANNEL = 'gov_auth'
const MAX_ENTRIES = 10_000

export interface CachedSession { actor: Actor; expiresAt: Date }

export interface SessionCache {
  /** The session for a token hash, unless the cache is not listening or the entry is older than allowed. */
  get(hash: string): CachedSession | null
  /** Taken before a lookup in the database; put() stores the lookup's result only if nothing was evicted since. */
  generation(): number
  put(hash: string, s: CachedSession, generation: number): void
  evict(hash: string): void
  evictUser(userId: string): void
  evictAll(): void
}

export function sessionCache(db: Database, seconds: number, now: () => number = Date.now): SessionCache {
  const entries = new Map<string, CachedSession & { at: number }>()
  let listening = false
  // Bumped by every eviction: a lookup that started before one may have read what it evicted.
  let gen = 0
  const clear = () => { gen++; entries.clear() }
  const evict = (hash: string) => { gen++; entries.delete(hash) }
  const evictUser = (userId: string) => { gen++; for (const [h, e] of entries) if (e.actor.id === userId) entries.delete(h) }
  const onMessage = (payload: string) => {
    if (payload.startsWith('s:')) evict(payload.slice(2))
    else if (payload.startsWith('u:')) evictUser(payload.slice(2))
    else clear()
  }
  if (seconds > 0 && db.listen) {
    db.listen(AUTH_CHANNEL, onMessage, () => { clear(); listening = true })
      .catch(() => { listening = false; clear() })
  }
  return {
    get(hash) {
      const e = entries.get(hash)
      if (!e) return null
      if (!listening || now() - e.at >= seconds * 1000) { entries.delete(hash); return null }
      return e
    },
    generation: () => gen,
    put(hash, s, generation) {
      if (!listening || generation !== gen) return
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
      entries.set(hash, { ...s, at: now() })
    },
    evict,
    evictUser,
    evictAll: clear,
  }
}
