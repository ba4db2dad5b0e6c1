// Query codes (receipts, complaints, bookings, questions) are one kind: eight characters that read
// over the phone — never 0/O or 1/I/L.
import { describe, expect, it } from 'vitest'
import { newQueryCode, QUERY_CODE_ALPHABET } from '../src/platform/query-code.js'

describe('query code', () => {
  it('is eight characters of the alphabet without 0, O, 1, I or L', () => {
    expect(QUERY_CODE_ALPHABET).not.toMatch(/[0O1IL]/)
    const codes = Array.from({ length: 2000 }, newQueryCode)
    for (const c of codes) expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    // Every character of the alphabet turns up (no bias that leaves some out), and codes do not repeat.
    expect(new Set(codes.join('')).size).toBe(QUERY_CODE_ALPHABET.length)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
