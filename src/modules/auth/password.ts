// scrypt (memory-hard, RFC 7914) from node:crypto: Node has it natively and Workers has it
// under nodejs_compat, so one hash verifies on both runtimes. Parameters are stored with
// the hash so they can be raised later without breaking old hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'

const N = 16384, r = 8, p = 1, KEYLEN = 32 // 16 MiB per hash

function scrypt(pw: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((res, rej) =>
    scryptCb(pw.normalize('NFKC'), salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: 256 * n * rr + 1024 * 1024 }, (e, k) => (e ? rej(e) : res(k))))
}

export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(pw, salt, N, r, p)
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(hash: string, pw: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, key] = hash.split('$')
  if (alg !== 'scrypt' || !key) return false
  const expected = Buffer.from(key, 'base64')
  const got = await scrypt(pw, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp))
  return got.length === expected.length && timingSafeEqual(got, expected)
}

/** A hash of a random password: spent on unknown usernames so timing does not reveal them. */
// eslint-disable-next-line no-restricted-syntax -- a memo of one random hash, computed on first use; nothing outside sets it
let dummy: Promise<string> | undefined
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')))
