// The service guide (服务指南) of a matter at a unit: the 八公开 elements of the catalog in force,
// and how it is handled for someone standing there, consistent in itself: the place to go and
// its windows are those of the unit that accepts, the decision is the deciding unit's, in the
// name the law gives it (委托: the entrusting organ; 下放: the grantee's own), and the power
// source is the one the unit actually exercises on the day.
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { commonQuestions } from '../consultations/index.js'
import { resolveCatalog } from '../catalog/index.js'
import { agentTargetOf, ancestorPowers, classify, decisionOf, grantorNamesOf, placeOf, powersAt, powerSourceOf, type UnitPowers } from './handling.js'
import { type PublicCtx, readUnit, today, unitSummary } from './context.js'

const AVAILABILITY_NAMES = { here: '本单位办理', agent: '可代办（本单位收件转报，上级决定）', above: '在上级办理', none: '本单位不办理' } as const

export async function serviceGuide(ctx: PublicCtx, code: string, matterCode: string) {
  return (await guideWith(ctx, code, matterCode, async () => null)).guide
}

/**
 * The guide and its published common questions (GET …/matters/{matterCode}/questions, first 20),
 * the questions read in the guide's own first read: the portal's guide page costs no read more
 * than the public JSON of the guide.
 */
export async function serviceGuidePage(ctx: PublicCtx, code: string, matterCode: string) {
  const { guide, extra } = await guideWith(ctx, code, matterCode, (db) => commonQuestions(db, code, matterCode, { limit: 20 }))
  return { guide, questions: extra }
}

async function guideWith<E>(ctx: PublicCtx, code: string, matterCode: string, alongside: (db: Tx) => Promise<E>) {
  const day = today(ctx)
  const [[m], extra] = await readUnit(ctx, code, async (db, unit) => {
    const r = await resolveCatalog(db, code, day, matterCode)
    if (!r.length) throw new NotFound(`${unit.name}的目录中没有事项 ${matterCode}`)
    return [r, await alongside(db)] as const
  })
  const here = await powersAt(ctx, code, day, matterCode)
  const held = here.byMatter.get(matterCode) ?? []
  const target = agentTargetOf(m.data, matterCode)
  const above = ancestorPowers(ctx, code, day, [matterCode, target])
  const { availability, place, decider } = classify(held, held.some((h) => h.rights.includes('decide')) ? [] : await above(), matterCode, target)

  // Facts about a unit are read in that unit's own scope (its windows, its grants).
  const describe = (p: UnitPowers, code = matterCode) => readUnit(ctx, p.unit.code, async (db, unit) => {
    const hs = p.byMatter.get(code) ?? []
    const names = await grantorNamesOf(db, hs)
    return { unit, decision: decisionOf(unit, hs, m.data, names), power: await powerSourceOf(db, unit, hs, m.data, names), place: await placeOf(db, unit, code) }
  })
  const self = await describe(here)
  const at = availability === 'above' ? await describe(place!) : self
  // An agent item is decided above as the matter it stands for.
  const deciderCode = availability === 'agent' && decider?.byMatter.has(target) ? target : matterCode
  const decidedBy = availability === 'here' ? self : decider ? (decider === place ? at : await describe(decider, deciderCode)) : null
  // The power of the unit that decides (for an agent item, the station's own 代办 grant is agentBasis).
  const power = (decidedBy ?? at).power

  const guide = {
    unit: unitSummary(here.unit), matterCode, ...m.data,
    // The power source and level as exercised where the matter is decided for this unit.
    powerSource: (decidedBy ?? at).power.source, exerciseLevel: (decidedBy ?? at).power.exerciseLevel,
    catalog: { unitCode: m.sourceUnit, version: m.version },
    handling: {
      availability, availabilityName: AVAILABILITY_NAMES[availability],
      accepts: availability === 'here' || availability === 'agent',
      agentOnly: availability === 'agent',
      decision: self.decision,
      rights: [...new Set(held.flatMap((h) => h.rights))],
      // Where to go: this unit, or the unit above that accepts it.
      place: availability === 'none' ? null : at.place.unit,
      windows: availability === 'none' ? [] : at.place.windows,
      hall: availability === 'none' ? null : at.place.hall,
      decidedAt: decidedBy ? { ...unitSummary(decidedBy.unit), decision: decidedBy.decision } : null,
      power,
      agentBasis: availability === 'agent' ? self.power : null,
    },
  }
  return { guide, extra }
}
export type ServiceGuide = Awaited<ReturnType<typeof serviceGuide>>
