// Who handles a matter for a citizen standing at a unit: the unit itself (its own power or a
// valid grant), the unit as agent (代办: it takes in and passes on; another unit decides), or
// a unit above (在上级办理). Read from the effective powers on the day, so a revoked or
// expired grant changes every guide and list at once (nothing is cached but by ETag).
import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.js'
import type { MatterElements } from '../catalog/index.js'
import { holdings, type Holding } from '../powers/index.js'
import { ancestorsOf } from '../units/index.js'
import { type PublicCtx, readUnit, type UnitRow, unitSummary } from './context.js'

/** The matter an agent item stands for (村代办事项 → 被代办事项), if its catalog entry names one. */
export const agentTargetOf = (m: MatterElements, matterCode: string): string => (m as { agentFor?: string }).agentFor ?? matterCode

export type Availability = 'here' | 'agent' | 'above' | 'none'

export interface UnitPowers { unit: UnitRow; byMatter: Map<string, Holding[]> }

export const groupHoldings = (hs: Holding[]) => {
  const m = new Map<string, Holding[]>()
  for (const h of hs) m.set(h.matterCode, [...(m.get(h.matterCode) ?? []), h])
  return m
}

/** The effective powers of a unit on a day (one matter or all), read in its own scope. */
export async function powersAt(ctx: PublicCtx, code: string, day: string, matterCode?: string | string[]): Promise<UnitPowers> {
  const codes = typeof matterCode === 'string' ? [matterCode] : matterCode
  // Named matters in one statement that resolves the catalog for those only.
  return readUnit(ctx, code, async (db, unit) => ({ unit, byMatter: groupHoldings(await holdings(db, code, day, codes && [...new Set(codes)].sort())) }))
}

export const accepts = (hs: Holding[] | undefined) => !!hs?.some((h) => h.rights.includes('accept'))
export const decides = (hs: Holding[] | undefined) => !!hs?.some((h) => h.rights.includes('decide'))

/** The unit's ancestors' powers, nearest first, loaded once and only when needed. */
export function ancestorPowers(ctx: PublicCtx, code: string, day: string, matterCode?: string | string[]) {
  let loaded: Promise<UnitPowers[]> | undefined
  // `only` narrows the matters at the first call (those the caller found it needs above).
  return (only?: string[]) => (loaded ??= Promise.all(ancestorsOf(code).map((a) => powersAt(ctx, a, day, only ?? matterCode).catch(() => null)))
    .then((xs) => xs.filter((x): x is UnitPowers => x !== null)))
}

/**
 * `agentTarget`: the matter a village agent item stands for (`agentFor` in the catalog, when the
 * catalog says so), decided above under that code; otherwise the matter itself.
 */
export function classify(here: Holding[] | undefined, above: UnitPowers[], matterCode: string, agentTarget = matterCode) {
  const decider = above.find((p) => decides(p.byMatter.get(matterCode)))
  if (accepts(here) && decides(here)) return { availability: 'here' as const, place: null, decider: null }
  if (accepts(here)) {
    const target = above.find((p) => decides(p.byMatter.get(agentTarget)))
    return { availability: 'agent' as const, place: null, decider: target ?? decider ?? null }
  }
  const place = above.find((p) => accepts(p.byMatter.get(matterCode)))
  if (place) return { availability: 'above' as const, place, decider: decides(place.byMatter.get(matterCode)) ? place : decider ?? null }
  return { availability: 'none' as const, place: null, decider: null }
}

/** Who decides and in whose name (受…委托 when entrusted; own name when delegated). */
export function decisionOf(unit: UnitRow, held: Holding[], m: MatterElements, grantorNames: Map<string, string>) {
  const own = held.find((h) => h.source !== 'entrustment' && h.rights.includes('decide'))
  const entrusted = held.find((h) => h.source === 'entrustment' && h.rights.includes('decide'))
  if (own) {
    return { by: unit.service_point_name, inNameOf: own.source === 'statutory' ? m.department : unit.name,
      basis: own.source === 'statutory' ? '法定本级行使' : `上级下放（${grantorNames.get(own.grantor!) ?? own.grantor}）` }
  }
  if (entrusted) {
    return { by: unit.service_point_name, inNameOf: m.department, basis: `受${m.department}委托`,
      statement: `${unit.service_point_name}受${m.department}委托，以${m.department}的名义作出决定` }
  }
  return null
}

/** The power a unit exercises a matter by: source (上级下放/上级委托/法定本级行使), level, grant document. */
export async function powerSourceOf(db: Tx, unit: UnitRow, held: Holding[], m: MatterElements, grantorNames: Map<string, string>) {
  const grant = held.find((h) => h.source === 'delegation') ?? held.find((h) => h.source === 'entrustment')
  if (!grant || held.some((h) => h.source === 'statutory')) {
    return { source: m.powerSource, exerciseLevel: m.exerciseLevel, grantor: null, documentNo: null, validFrom: null, validUntil: null }
  }
  const g = await db.selectFrom('grants').select(['document_no', 'valid_from', 'valid_until']).where('id', '=', grant.grantId!).executeTakeFirst()
  return {
    source: grant.source === 'delegation' ? '上级下放' as const : '上级委托' as const, exerciseLevel: unit.level,
    grantor: { code: grant.grantor!, name: grantorNames.get(grant.grantor!) ?? grant.grantor! },
    documentNo: g?.document_no ?? null, validFrom: g?.valid_from ?? null, validUntil: g?.valid_until ?? null,
  }
}

export async function grantorNamesOf(db: Tx, held: Holding[]) {
  const codes = [...new Set(held.map((h) => h.grantor).filter(Boolean))] as string[]
  const rows = codes.length ? await db.selectFrom('units').select(['code', 'name']).where('code', 'in', codes).execute() : []
  return new Map(rows.map((u) => [u.code, u.name]))
}

/** Where to go at a unit for a matter: its hall (windows holding the accept right) or the approved office outside it. */
export async function placeOf(db: Tx, unit: UnitRow, matterCode: string) {
  const windows = await sql<{ number: string; name: string }>`
    select w.number, w.name from windows w join window_rights r on r.window_id = w.id
     where w.unit_code = ${unit.code} and w.active and r.matter_code = ${matterCode} and 'accept' = any(r.rights) order by w.number`.execute(db)
  const hall = await db.selectFrom('hall_entries').selectAll().where('unit_code', '=', unit.code).where('matter_code', '=', matterCode).executeTakeFirst()
  return {
    unit: unitSummary(unit),
    windows: windows.rows,
    hall: hall && !hall.in_hall
      ? { inHall: false as const, office: hall.office, address: hall.address, phone: hall.phone, approvalDocument: hall.approval_document }
      : { inHall: true as const, place: unit.service_point_name },
  }
}
