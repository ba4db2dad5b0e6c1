// The postgres.js client as the Workers entry makes it: no array-type lookup per connection
// (fetch_types off), so the array types our schema uses are declared by hand.
import { describe, expect, it } from 'vitest'
import { createPostgresClient, parseTextArray, postgresDatabase, serializeTextArray } from '../src/platform/db/postgres.js'
import { SYSTEM_SCOPE } from '../src/platform/scope.js'
import { harness } from './helpers/app.js'
import { onPostgres } from './helpers/db.js'

describe('text[] and uuid[] literals', () => {
  it('parses and serialises one-dimensional arrays, quotes, backslashes and NULL', () => {
    expect(parseTextArray('{}')).toEqual([])
    expect(parseTextArray('{center_admin,window_clerk}')).toEqual(['center_admin', 'window_clerk'])
    expect(parseTextArray('{"a,b","c \\\\ d","e \\"f\\"",NULL,"NULL"}')).toEqual(['a,b', 'c \\ d', 'e "f"', null, 'NULL'])
    const xs = ['市场监管局', 'a,b', 'q"uote', 'back\\slash', '', null]
    expect(parseTextArray(serializeTextArray(xs))).toEqual(xs)
    expect(() => parseTextArray('{{1,2},{3,4}}')).toThrow(/unsupported/)
  })
})

describe.skipIf(!onPostgres())('a client without fetch_types (PostgreSQL)', () => {
  it('opens a scoped transaction as its first operation and round-trips arrays', async () => {
    const h = await harness()
    const [{ db: name }] = await h.db.query<{ db: string }>('select current_database() as db')
    const url = new URL(process.env.TEST_DATABASE_URL!); url.pathname = `/${name}`
    const db = postgresDatabase(createPostgresClient(url.toString(), { max: 1, fetchTypes: false }))
    try {
      const xs = ['市场监管局', 'a,b', 'q"uote', 'back\\slash', '', null]
      const rows = await db.scoped(SYSTEM_SCOPE, async (tx) => (await tx.executeQuery({
        sql: `select $1::text[] as t, $2::uuid[] as u, '{"x y",z}'::char(3)[] as c`,
        parameters: [xs, ['00000000-0000-4000-8000-000000000001']], query: { kind: 'RawNode' },
      } as any)).rows as any[])
      expect(rows[0]).toEqual({ t: xs, u: ['00000000-0000-4000-8000-000000000001'], c: ['x y', 'z  '] })
      // Users' roles come back as an array through the auth functions too.
      await db.scoped(SYSTEM_SCOPE, (tx) => tx.selectFrom('users').select('roles').execute())
    } finally {
      await db.close()
      await h.close()
    }
  })
})
