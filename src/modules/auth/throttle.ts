// Throttling of failed sign-ins and public look-ups, kept in the database so it holds across
// processes and Workers isolates. Growing delays (OWASP ASVS V2.2): a key is free for a few
// failures, then each further failure doubles its wait, up to a cap; the window forgets.
//
// Sign-in keeps three counters:
//   ua:<account>|<address>  this account from this address: the guessing itself is slowed here;
//   a:<address>             this address over all accounts (password spraying);
//   u:<account>             this account from everywhere (a distributed attack). Its lock applies
//                           only to addresses that have failed: a lock aimed at a clerk's
//                           predictable username never stops the clerk at an address that has
//                           not failed. Cost: a botnet gets one guess per fresh address.
// A success clears ua for that pair; an admin's unlock (or a password reset) clears u and ua.
import type { Database } from '../../platform/db/database.js'

export interface Rule { free: number; base: number; cap: number }
export const WINDOW = '1 hour'
export const ACCOUNT_FROM_ADDRESS: Rule = { free: 3, base: 30, cap: 15 * 60 }
export const ACCOUNT: Rule = { free: 10, base: 60, cap: 30 * 60 }
export const ADDRESS: Rule = { free: 20, base: 60, cap: 60 * 60 }
// Public look-ups (receipt number + query code, complaint tracking number + code): after a few
// wrong codes for one number even the right code is refused until the wait is over.
export const LOOKUP_NUMBER: Rule = { free: 5, base: 60, cap: 60 * 60 }
export const LOOKUP_ADDRESS: Rule = { free: 20, base: 60, cap: 60 * 60 }

const account = (username: string) => username.trim().toLowerCase()
const loginKeys = (username: string, address: string) =>
  ({ pair: `ua:${account(username)}|${address}`, address: `a:${address}`, account: `u:${account(username)}` })

async function state(db: Database, keys: string[]) {
  const rows = await db.query<{ key: string; failures: number; wait: number }>('select * from auth_throttle_state($1, $2::interval)', [keys, WINDOW])
  return new Map(rows.map((r) => [r.key, r]))
}
const hit = (db: Database, key: string, r: Rule) =>
  db.query('select auth_throttle_hit($1, $2, $3, $4, $5::interval)', [key, r.free, r.base, r.cap, WINDOW])

/** Seconds the sign-in must wait, or 0. */
export async function loginWait(db: Database, username: string, address: string): Promise<number> {
  const k = loginKeys(username, address)
  const s = await state(db, [k.pair, k.address, k.account])
  const failedHere = (s.get(k.pair)?.failures ?? 0) > 0 || (s.get(k.address)?.failures ?? 0) > 0
  return Math.max(s.get(k.pair)?.wait ?? 0, s.get(k.address)?.wait ?? 0, failedHere ? (s.get(k.account)?.wait ?? 0) : 0)
}

export async function recordLoginFailure(db: Database, username: string, address: string): Promise<void> {
  const k = loginKeys(username, address)
  await hit(db, k.pair, ACCOUNT_FROM_ADDRESS)
  await hit(db, k.address, ADDRESS)
  await hit(db, k.account, ACCOUNT)
}

export async function recordLoginSuccess(db: Database, username: string, address: string): Promise<void> {
  await db.query('select auth_throttle_clear_prefix($1)', [loginKeys(username, address).pair])
}

/** The counters an unlock clears (auth_throttle_clear_prefix each): the account's, from every address. */
export const unlockPrefixes = (username: string) => [`u:${account(username)}`, `ua:${account(username)}`]

/** Seconds a public look-up of `number` from `address` must wait, or 0. */
export async function lookupWait(db: Database, kind: string, number: string, address: string): Promise<number> {
  const keys = [`l:${kind}:${number}`, `la:${address}`]
  const s = await state(db, keys)
  return Math.max(...keys.map((k) => s.get(k)?.wait ?? 0))
}

export async function recordLookupFailure(db: Database, kind: string, number: string, address: string): Promise<void> {
  await hit(db, `l:${kind}:${number}`, LOOKUP_NUMBER)
  await hit(db, `la:${address}`, LOOKUP_ADDRESS)
}
