// Tenancy scope: an actor sees its unit's subtree, i.e. the code range of its significant
// prefix (city 4, county 6, township 9, village 12 digits). A btree range on the code
// beats ltree, LIKE and closure tables (design.md, measured on 2M rows).
import { ancestorsOf, significantPrefix } from './codes.js'

export interface Scope {
  lo: string
  hi: string
  /** Codes of the unit's ancestors: rows flowing down (read-only) are visible from them. */
  ancestors: string[]
  unitCode: string
  userId?: string
}

export function subtreeRange(code: string): { lo: string; hi: string } {
  const p = significantPrefix(code)
  return { lo: p.padEnd(12, '0'), hi: p.padEnd(12, '9') }
}

export function scopeOf(unitCode: string, userId?: string): Scope {
  return { ...subtreeRange(unitCode), ancestors: ancestorsOf(unitCode), unitCode, userId }
}

export function inSubtree(code: string, root: string): boolean {
  return code.startsWith(significantPrefix(root))
}

/** Whole tree: used by operator tools (seed, tenant import), never by a request. */
export const SYSTEM_SCOPE: Scope = { lo: '000000000000', hi: '999999999999', ancestors: [], unitCode: '000000000000' }
