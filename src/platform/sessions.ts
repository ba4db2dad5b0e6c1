// What a request needs of sessions (modules/auth/sessions.ts implements it with lucia).
import type { Actor } from './abilities.js'

export interface Sessions {
  create(userId: string): Promise<{ token: string; expiresAt: Date }>
  /**
   * The actor for a token, or null; `refreshed` when the expiry slid forward. From memory when
   * this process validated the token lately (session-cache.ts); `fresh` looks it up in any case.
   */
  validate(token: string, opts?: { fresh?: boolean }): Promise<{ actor: Actor; expiresAt: Date; refreshed: boolean } | null>
  invalidate(token: string): Promise<void>
  invalidateUser(userId: string): Promise<void>
  /** An account (or, without an id, any account) changed in this process: drop what memory holds of it. */
  changed(userId?: string): void
}
