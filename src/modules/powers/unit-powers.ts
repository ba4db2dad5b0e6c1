// The powers of one unit as its staff read them: the unit's effective powers on a day, and
// the rights this user may exercise there (the unit holds them and one of the user's windows
// does too). Verbs of the routes in routes.ts, which only validate and map.
import { mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { holdings, type Right, RIGHTS } from './holdings.js'
import { matterAbility, mattersWith } from './matter-ability.js'

/** Effective powers of a unit the actor sees (404 otherwise), on `at` (default: today in Shanghai). */
export async function unitHoldings(ctx: Ctx, code: string, at?: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  return holdings(ctx.db, code, at ?? shanghaiDate(ctx.now))
}

/** The actor's rights per matter at `code`, sorted by matter code; empty for a unit other than its own. */
export async function myMatterRights(ctx: Ctx, code: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  if (code !== ctx.actor.unitCode) return []
  const ability = await matterAbility(ctx)
  const out = new Map<string, Right[]>()
  for (const right of RIGHTS) for (const m of mattersWith(ability, right)) out.set(m, [...(out.get(m) ?? []), right])
  return [...out].sort().map(([matterCode, rights]) => ({ matterCode, rights }))
}
