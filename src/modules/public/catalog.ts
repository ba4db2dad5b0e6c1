// A unit's public catalog (事项目录) tells the truth about the unit: what can be applied for
// THERE — by its own power or a valid grant (本单位办理), or taken in as agent (可代办, with the
// unit that decides) — and, listed apart, what its catalog names but only a unit above
// handles (在上级办理, with the place). A matter nobody above holds either is left out.
import { resolveCatalog } from '../catalog/index.js'
import { holdings } from '../powers/index.js'
import { accepts, agentTargetOf, ancestorPowers, classify, decides, groupHoldings } from './handling.js'
import { type PublicCtx, readUnit, today } from './context.js'

export interface CatalogQuery { at?: string; include?: 'above' }

export async function publicCatalog(ctx: PublicCtx, code: string, q: CatalogQuery = {}) {
  const day = q.at ?? today(ctx)
  // The catalog and the unit's own powers in one read; the units above only when something needs them.
  const [rows, here] = await readUnit(ctx, code, async (db, unit) =>
    [await resolveCatalog(db, code, day), { unit, byMatter: groupHoldings(await holdings(db, code, day)) }] as const)
  const above = ancestorPowers(ctx, code, day)
  // Only what is listed needs the units above, for those matters only: an agent item (who decides it,
  // under its own code and the code it stands for) and, with include=above, every matter not decided here.
  const needAbove = rows.filter((r) => {
    const hs = here.byMatter.get(r.matterCode)
    return q.include === 'above' ? !decides(hs) : accepts(hs) && !decides(hs)
  }).flatMap((r) => [r.matterCode, agentTargetOf(r.data, r.matterCode)])
  const ancestors = needAbove.length ? await above(needAbove) : []
  const items = rows.map((r) => {
    const k = classify(here.byMatter.get(r.matterCode), ancestors, r.matterCode, agentTargetOf(r.data, r.matterCode))
    const held = here.byMatter.get(r.matterCode) ?? []
    const grant = held.find((h) => h.source === 'delegation') ?? held.find((h) => h.source === 'entrustment')
    const own = held.some((h) => h.source === 'statutory')
    return {
      matterCode: r.matterCode, name: r.data.name, type: r.data.type, department: r.data.department,
      availability: k.availability, handledHere: k.availability === 'here' || k.availability === 'agent',
      // As exercised here: a grant makes it 上级下放/上级委托 at this unit's level.
      powerSource: !own && grant ? (grant.source === 'delegation' ? '上级下放' : '上级委托') : r.data.powerSource,
      exerciseLevel: !own && grant ? here.unit.level : r.data.exerciseLevel,
      decidedAt: k.availability === 'agent' && k.decider ? { code: k.decider.unit.code, name: k.decider.unit.name, servicePointName: k.decider.unit.service_point_name } : null,
      place: k.availability === 'above' ? { code: k.place!.unit.code, name: k.place!.unit.name, servicePointName: k.place!.unit.service_point_name } : null,
      instant: r.data.instant, promisedLimit: r.data.promisedLimit, statutoryLimit: r.data.statutoryLimit, visits: r.data.visits,
      online: r.data.online, agentService: k.availability === 'agent' || r.data.agentService, free: r.data.free,
    }
  })
  const order = { here: 0, agent: 0, above: 1, none: 2 } as const
  return items
    .filter((i) => i.availability === 'here' || i.availability === 'agent' || (q.include === 'above' && i.availability === 'above'))
    .sort((a, b) => order[a.availability] - order[b.availability])
}
export type PublicCatalogItem = Awaited<ReturnType<typeof publicCatalog>>[number]
