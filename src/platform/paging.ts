// One paging convention for every list: `?limit=` (1–200, default 50) and an opaque `?cursor=`
// that carries the last row's sort key (keyset paging: no OFFSET walks). Answers `{ items, next }`,
// `next` being the cursor of the following page or null on the last one.
import { z } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { Invalid } from './errors.js'

export const PAGE_MAX = 200
export const PAGE_DEFAULT = 50

export const pageQuery = {
  limit: z.coerce.number({ error: '每页条数应为 1–200 之间的整数' }).int('每页条数应为 1–200 之间的整数')
    .min(1, '每页条数应为 1–200 之间的整数').max(PAGE_MAX, '每页条数应为 1–200 之间的整数').default(PAGE_DEFAULT)
    .openapi({ description: '每页条数，1–200，默认 50', example: 50 }),
  cursor: z.string().max(512, '翻页游标无效').optional()
    .openapi({ description: '上一页返回的 next（不透明游标）；不传则为第一页' }),
}

/** The response envelope of a list of `item`. */
export const page = <T extends z.ZodType>(item: T, name?: string) => {
  const s = z.object({
    items: z.array(item),
    next: z.string().nullable().openapi({ description: '下一页的游标；null 表示已是最后一页' }),
  })
  return name ? s.openapi(name) : s
}

export type Page<T> = { items: T[]; next: string | null }

/** The cursor for a key (an array of the sort columns' values of the last row). */
export const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')

/** The key a cursor carries, checked to have `arity` values; a forged or stale cursor is a 400. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (cursor === undefined) return null
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === arity && key.every((v) => v === null || ['string', 'number'].includes(typeof v))) return key
  } catch { /* fall through */ }
  throw forgedCursor()
}

/** The 400 for a cursor this list did not hand out. */
export const forgedCursor = () => new Invalid('翻页游标无效，请从第一页重新获取', [{ field: 'cursor', message: '翻页游标无效，请从第一页重新获取' }])

/**
 * Rows fetched with `limit + 1` → the page: the extra row only says that another page exists,
 * and the cursor is the last returned row's key.
 */
export function toPage<R, T = R>(rows: R[], limit: number, key: (r: R) => unknown[], map?: (r: R) => T): Page<T> {
  const more = rows.length > limit
  const items = more ? rows.slice(0, limit) : rows
  return {
    items: map ? items.map(map) : (items as unknown as T[]),
    next: more && items.length ? encodeCursor(key(items[items.length - 1])) : null,
  }
}

// What a cursor value must look like to be cast back to its column's type (as the `::text` of that type reads).
const KEY_FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  int: /^-?\d{1,9}$/, bigint: /^-?\d{1,18}$/, integer: /^-?\d{1,9}$/,
}

/** A sort column of a keyset: an SQL expression (column reference) and the type its cursor value is cast back to. */
export type KeyCol = { ref: string; type: string }

/**
 * Keyset paging for a query ordered by `cols` (all ascending or all descending, none nullable):
 * the key columns are selected as text (`_k0`, `_k1`, …: timestamps keep their microseconds), the
 * cursor becomes a row comparison the index on those columns serves, and `page()` turns the
 * `limit + 1` fetched rows into `{ items, next }`. Interpolate `select`, `where`, `orderBy` and
 * `limit` into a kysely builder or an `sql` template.
 */
export function keyset(cols: KeyCol[], q: { limit: number; cursor?: string }, desc = false) {
  const key = decodeCursor(q.cursor, cols.length)
  // A value the column's type cannot take would fail the cast in SQL: a forged cursor, so a 400.
  if (key?.some((v, i) => v !== null && !(KEY_FORMATS[cols[i].type]?.test(String(v)) ?? true))) throw forgedCursor()
  const refs = sql.join(cols.map((c) => sql.raw(c.ref)))
  const whereWith = (values: readonly unknown[]) =>
    // Each value goes out as text and is cast in SQL: a parameter the server infers as timestamptz
    // would pass through postgres.js's serializer (new Date(x).toISOString()) and lose its microseconds,
    // so rows microseconds apart at a page boundary would be skipped (test/list-keysets.test.ts).
    sql<boolean>`(${refs}) ${sql.raw(desc ? '<' : '>')} (${sql.join(values.map((v, i) => sql`${v}::text::${sql.raw(cols[i].type)}`))})`
  return {
    /** The cursor's values as text (null stays null), in the order of `cols`; null without a cursor. */
    key: key?.map((v) => v === null ? null : String(v)) ?? null,
    /** The cursor's condition with other values in its place (compiledOnce's arguments). */
    whereWith,
    select: sql.raw(cols.map((c, i) => `(${c.ref})::text as _k${i}`).join(', ')),
    selections: cols.map((c, i) => sql<string>`(${sql.raw(c.ref)})::text`.as(`_k${i}`)),
    where: key ? whereWith(key.map((v) => v === null ? null : String(v))) : sql<boolean>`true`,
    orderBy: sql.raw(cols.map((c) => `${c.ref} ${desc ? 'desc' : 'asc'}`).join(', ')),
    limit: q.limit + 1,
    page: <R, T = R>(rows: R[], map?: (r: R) => T): Page<T> =>
      toPage(rows, q.limit, (r: any) => cols.map((_, i) => r[`_k${i}`]), map),
  }
}
