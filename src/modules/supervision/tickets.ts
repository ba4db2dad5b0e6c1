// Numbers and codes handed to citizens. The unit code is part of the number, so a public
// lookup opens its transaction in that unit's scope (RLS applies, no wide scope needed);
// the secret half (query code, evaluation code) is stored only as its SHA-256.
import { sql } from 'kysely'

const random = (n: number, alphabet: string) => {
  const bytes = crypto.getRandomValues(new Uint8Array(n))
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}
export const randomDigits = (n: number) => random(n, '0123456789')
/** The query code (8 characters of 31, no 0/O, 1/I/L: ~2^40 per number), the same for every kind of number. */
export { newQueryCode } from '../../platform/query-code.js'

export const trackingNo = (unitCode: string) => `TS${unitCode}${randomDigits(8)}`
export const visitNo = (unitCode: string, day: string) => `FW${unitCode}${day.replaceAll('-', '')}${randomDigits(6)}`
/** The unit code inside a tracking or visit number. */
export const unitOfNumber = (no: string) => no.slice(2, 14)

export const sha256Sql = (text: string) => sql<string>`encode(sha256(convert_to(${text}::text, 'UTF8')), 'hex')`

/** 13812345678 → 138****5678; landlines keep the area code and the last four digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '****'
  const keep = phone.startsWith('1') ? 3 : phone.indexOf('-') > 0 ? phone.indexOf('-') + 1 : 4
  return phone.slice(0, keep) + '*'.repeat(Math.max(4, phone.length - keep - 4)) + phone.slice(-4)
}
