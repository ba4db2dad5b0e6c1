// db/types.ts is kysely-codegen's reading of the migrated schema (npm run db:types): a migration
// that changes a table without regenerating fails here. kysely-codegen reads a PostgreSQL server
// (it cannot open PGlite), so this runs in the PostgreSQL run (TEST_DATABASE_URL, as .ci/run does).
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { generateDbTypes } from '../scripts/db-types.js'

it.skipIf(!process.env.TEST_DATABASE_URL)('db/types.ts is the migrated schema as kysely-codegen reads it (run npm run db:types)', async () => {
  const fresh = await generateDbTypes()
  const committed = readFileSync('db/types.ts', 'utf8')
  if (committed !== fresh) {
    const a = committed.split('\n'), b = fresh.split('\n')
    const at = a.findIndex((line, i) => line !== b[i])
    expect.fail(`db/types.ts differs from the migrated schema from line ${at + 1}:\n- ${a[at]}\n+ ${b[at]}\nRun: npm run db:types`)
  }
  // The driver's parsers and the CHECK unions are in (db/types.overrides.json).
  expect(fresh).toMatch(/level: "city" \| "county" \| "township" \| "village"/)
  expect(fresh).toMatch(/Numeric = ColumnType<number,/)
}, 120_000)
