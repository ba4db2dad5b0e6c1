// PGlite-backed Database: the embedded default (`npm start` without a server) and the
// no-server test run. One connection; PGlite serialises transactions itself. Its session
// user is a superuser, so the SET LOCAL ROLE to gov_app is what makes RLS apply here.
import { PGlite, types } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { type Database, scopeSetupSql } from './database.js'
import { kyselyOver, oneConnectionDialect, type Run } from './dialect.js'

export async function createPGlite(dataDir?: string): Promise<PGlite> {
  const pg = await PGlite.create({
    dataDir,
    parsers: {
      [types.DATE]: (x: string) => x,
      [types.INT8]: (x: string) => Number(x),
      [types.NUMERIC]: (x: string) => Number(x),
    },
  })
  return pg
}

type Queryable = Pick<PGlite, 'query' | 'exec'>
const runOn = (pg: Queryable): Run => async (text, params) => {
  const r = await pg.query(text, params as any[])
  return { rows: r.rows as any[], affected: r.affectedRows }
}
// Migrations send several statements in one string: the simple protocol takes them.
const runScript = (pg: Queryable): Run => async (text, params) => {
  if (params.length) return runOn(pg)(text, params)
  const results = await pg.exec(text)
  const last = results[results.length - 1]
  return { rows: (last?.rows ?? []) as any[], affected: last?.affectedRows }
}

export function pgliteDatabase(pg: PGlite, { ownsClient = true } = {}): Database {
  return {
    kind: 'pglite',
    async scoped(scope, fn, opts = {}) {
      const setup = scopeSetupSql(scope, opts).replace(/^begin( read only)?; /, opts.readOnly ? 'set transaction read only; ' : '')
      return pg.transaction(async (tx) => {
        await tx.exec(setup)
        return fn(kyselyOver(runOn(tx)))
      })
    },
    async query(text, params = []) {
      return (await pg.query(text, params as any[])).rows as any[]
    },
    async listen(channel, onMessage, onListen) {
      await pg.listen(channel, onMessage)
      onListen()
    },
    async owner(fn) {
      return fn(new Kysely<any>({ dialect: oneConnectionDialect(runScript(pg)) }))
    },
    async close() {
      if (ownsClient) await pg.close()
    },
  }
}
