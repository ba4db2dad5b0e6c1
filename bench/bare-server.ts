// The baseline: a bare Node HTTP server that runs each scenario's SQL directly with postgres.js
// (and, under /<scenario>/floor, the same SQL inside the app's RLS transaction).
import { createServer } from 'node:http'
import { kyselyOver } from '../src/platform/db/dialect.js'
import { createPostgresClient, postgresDatabase, readerPools } from '../src/platform/db/postgres.js'
import { scenarios, type Params } from './scenarios.js'

const url = process.env.BENCH_DB_URL!
const params: Params = JSON.parse(process.env.BENCH_PARAMS!)
const sql = createPostgresClient(url, { max: 10 })
const db = kyselyOver(async (text, ps) => {
  const rows: any = await sql.unsafe(text, ps as any[], { prepare: true })
  return { rows: [...rows], affected: rows.count }
})
// The same pool under the app's Database, for the scenarios' RLS-transaction floor (no LISTEN, no cache),
// with a reader pool as the app has (src/platform/db/open.ts; BENCH_NO_READER=1 leaves it out).
const database = postgresDatabase(sql, { ownsClient: false, listens: false,
  ...(process.env.BENCH_NO_READER ? {} : readerPools(url, { max: 10 })) })
const routes = new Map<string, () => Promise<unknown>>()
for (const s of scenarios(params)) {
  const { baseline: b, floor: f } = s
  if ('direct' in b) routes.set(`/${s.name}`, () => b.direct(sql, db as any, params))
  if (f) routes.set(`/${s.name}/floor`, () => f.direct(database, params))
}

createServer(async (req, res) => {
  const run = routes.get(req.url ?? '')
  if (!run) { res.writeHead(404).end(); return }
  try {
    const body = JSON.stringify(await run())
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  } catch (e) {
    res.writeHead(500).end(String(e))
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
