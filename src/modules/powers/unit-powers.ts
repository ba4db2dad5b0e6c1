// The powers of one unit as its staff read them: the unit's effective powers on a day, and
// the rights this user may exercise there (the unit holds them and one of the user's windows
// does too). Verbs of the routes in routes.ts, which only validate and map. Both page by keyset
// over the holdings statement (holdings.ts), so a page stops at its size.
import { sql } from 'kysely'
import { mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { keyset } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { holdingsSql, type Right, RIGHTS, toHolding } from './holdings.js'

type PageQ = { limit: number; cursor?: string }
// The rights listed in RIGHTS order (受理, 审核, 决定, 制证, 印章, 送达).
const RIGHT_ORDER = sql.raw(`array[${RIGHTS.map((r) => `'${r}'`).join(',')}]`)

/** One page of the effective powers of a unit the actor sees (404 otherwise), on `at` (default: today in Shanghai), by matter, source, grant. */
export async function unitHoldings(ctx: Ctx, code: string, q: PageQ & { at?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const ks = keyset([{ ref: 'h.matter_code', type: 'text' }, { ref: 'h.source', type: 'text' }, { ref: "coalesce(h.grant_id, '')", type: 'text' }], q)
  const r = await sql<any>`select h.*, ${ks.select} from (${holdingsSql(code, q.at ?? shanghaiDate(ctx.now))}) h
    where ${ks.where} order by ${ks.orderBy} limit ${ks.limit}`.execute(ctx.db)
  return ks.page(r.rows, toHolding)
}

/**
 * One page of the actor's rights per matter at `code`, by matter code: the unit's holdings
 * intersected with the rights of the actor's active windows there (as matterAbility builds them);
 * empty for a unit other than its own.
 */
export async function myMatterRights(ctx: Ctx, code: string, q: PageQ) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const ks = keyset([{ ref: 'x.matter_code', type: 'text' }], q)
  if (code !== ctx.actor.unitCode) return ks.page([])
  const r = await sql<{ matter_code: string; rights: Right[] }>`
    select x.matter_code, ${ks.select}, array_agg(x.r order by array_position(${RIGHT_ORDER}, x.r)) as rights
      from (select distinct h.matter_code, h.r
              from (select matter_code, unnest(rights) as r from (${holdingsSql(code, shanghaiDate(ctx.now))}) hs) h
              join (select wr.matter_code, unnest(wr.rights) as r from window_rights wr
                      join window_staff s on s.window_id = wr.window_id join windows w on w.id = wr.window_id
                     where s.user_id = ${ctx.actor.id} and w.unit_code = ${code} and w.active) w
                on w.matter_code = h.matter_code and w.r = h.r) x
     where ${ks.where} group by x.matter_code order by ${ks.orderBy} limit ${ks.limit}`.execute(ctx.db)
  return ks.page(r.rows, (x) => ({ matterCode: x.matter_code, rights: x.rights }))
}
