// The query code a citizen keeps with a receipt, a complaint, a booking or a question: eight
// characters from an alphabet without 0/O and 1/I/L, so it reads over the phone and types from paper.
// Stored only as a hash; shown once.
import { randomInt } from 'node:crypto'

export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const newQueryCode = () => Array.from({ length: 8 }, () => QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)]).join('')
