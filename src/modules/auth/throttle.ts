// Throttling of failed logins, per account and per client address, kept in the database
// so it holds across processes and Workers isolates.
import type { Database } from '../../platform/db/database.js'

export const ACCOUNT_MAX_FAILURES = 5
export const ADDRESS_MAX_FAILURES = 30
const WINDOW = '15 minutes', LOCK = '15 minutes'

const keys = (username: string, address: string) => [`u:${username.toLowerCase()}`, `a:${address}`]

/** Seconds until the lock ends, or 0 when neither the account nor the address is locked. */
export async function lockedFor(db: Database, username: string, address: string): Promise<number> {
  const [row] = await db.query(
    'select ceil(extract(epoch from auth_throttle_locked($1) - now()))::int as secs', [keys(username, address)])
  return row?.secs ? Math.max(1, row.secs) : 0
}

export async function recordFailure(db: Database, username: string, address: string): Promise<void> {
  const [u, a] = keys(username, address)
  await db.query('select auth_throttle_fail($1, $2, $3::interval, $4::interval)', [u, ACCOUNT_MAX_FAILURES, WINDOW, LOCK])
  await db.query('select auth_throttle_fail($1, $2, $3::interval, $4::interval)', [a, ADDRESS_MAX_FAILURES, WINDOW, LOCK])
}

export async function clearAccount(db: Database, username: string): Promise<void> {
  await db.query('select auth_throttle_clear($1)', [`u:${username.toLowerCase()}`])
}
