// The baseline: a bare Node HTTP server that runs each scenario's SQL directly with postgres.js.
import { createServer } from 'node:http'
import { kyselyOver } from '../src/platform/db/dialect.js'
import { createPostgresClient } from '../src/platform/db/postgres.js'
import { scenarios, type Params, type Scenario } from './scenarios.js'

const url = process.env.BENCH_DB_URL!
const params: Params = JSON.parse(process.env.BENCH_PARAMS!)
const sql = createPostgresClient(url, { max: 10 })
const db = kyselyOver(async (text, ps) => {
  const rows: any = await sql.unsafe(text, ps as any[], { prepare: true })
  return { rows: [...rows], affected: rows.count }
})
type Direct = Extract<Scenario['baseline'], { direct: unknown }>['direct']
const routes = new Map<string, Direct>(scenarios(params).flatMap((s) => 'direct' in s.baseline ? [[`/${s.name}`, s.baseline.direct]] : []))

createServer(async (req, res) => {
  const run = routes.get(req.url ?? '')
  if (!run) { res.writeHead(404).end(); return }
  try {
    const body = JSON.stringify(await run(sql, db as any, params))
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  } catch (e) {
    res.writeHead(500).end(String(e))
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
