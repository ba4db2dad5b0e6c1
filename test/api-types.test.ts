// The console's typed client is generated from the API document (npm run api:types). A route
// whose schema changed without regenerating fails here, so the client cannot drift from the API.
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { generateSchema, SCHEMA_FILE } from '../scripts/api-types.js'

it('src/console/api/schema.gen.ts is the document as the app serves it (run npm run api:types)', async () => {
  const fresh = await generateSchema()
  const committed = readFileSync(SCHEMA_FILE, 'utf8')
  if (committed !== fresh) {
    const a = committed.split('\n'), b = fresh.split('\n')
    const at = a.findIndex((line, i) => line !== b[i])
    expect.fail(`schema.gen.ts differs from the API document from line ${at + 1}:\n- ${a[at]}\n+ ${b[at]}\nRun: npm run api:types`)
  }
  expect(fresh).toContain('"/api/cases"')
})
