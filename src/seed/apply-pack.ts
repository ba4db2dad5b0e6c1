// Applies a tenant pack (tenants/<city>/) idempotently through the same verbs and rules as
// the API, acting as the city's operator: division tree, pilot towns, catalogs (published
// when the file changed), grants, windows and hall entry. A second run changes nothing.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineAbilityFor, type Actor } from '../platform/abilities.js'
import type { Ctx } from '../platform/context.js'
import type { Database } from '../platform/db/database.js'
import { AppError, Conflict } from '../platform/errors.js'
import { scopeOf } from '../platform/scope.js'
import { shanghaiDate } from '../platform/time.js'
import { MatterElements } from '../modules/catalog/index.js'
import { publish, saveDraft, setHallEntry } from '../modules/catalog/index.js'
import { createGrant } from '../modules/powers/index.js'
import type { Right } from '../modules/powers/index.js'
import { createWindow, setWindowRights } from '../modules/powers/index.js'
import { upsertUnits } from '../modules/units/index.js'
import { expandGrantees, readPack } from './pack-files.js'
import { formatProblem, validatePack } from './validate-pack.js'

export const OPERATOR_ID = '00000000-0000-4000-8000-000000000000'

const read = (dir: string, file: string) => (existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : null)

export interface PackSummary { units: { created: number; updated: number }; published: string[]; grants: number; windows: number; hall: number }

export async function applyPack(db: Database, dir: string, now: Date): Promise<PackSummary> {
  // A broken pack changes nothing: it is checked as a whole before the first write.
  const problems = validatePack(readPack(dir))
  if (problems.length) throw new Error(`租户包有 ${problems.length} 处问题：\n  ${problems.map(formatProblem).join('\n  ')}`)
  const pack = read(dir, 'units.json')
  const city: string = pack.city
  // The operator acts as the city's center admin; for out-of-hall approvals, which the law
  // gives to the county center (两集中、两到位), as the admin of the unit's county.
  const asOperator = <T>(fn: (ctx: Ctx) => Promise<T>, unit = city) => {
    const actor: Actor = { id: OPERATOR_ID, username: 'operator', displayName: '平台运维', unitCode: unit, roles: ['center_admin'] }
    const scope = scopeOf(unit, OPERATOR_ID)
    return db.scoped(scope, (tx) => fn({ actor, scope, ability: defineAbilityFor(actor, scope.ancestors), db: tx, now, authChanged: () => {} }))
  }
  const summary: PackSummary = { units: { created: 0, updated: 0 }, published: [], grants: 0, windows: 0, hall: 0 }
  const where = (file: string, i: number, e: unknown) => {
    const detail = e instanceof AppError ? `${e.message} ${JSON.stringify((e.extra as any).errors ?? '')}` : String(e)
    return new Error(`${file}[${i}]: ${detail}`)
  }

  summary.units = await asOperator((ctx) => upsertUnits(ctx.db, pack.units.map((u: any) => ({ code: u.code, name: u.name }))))
  const pilots: string[] = read(dir, 'pilot-towns.json') ?? []
  if (pilots.length) {
    await asOperator((ctx) => ctx.db.updateTable('units').set({ expanded_power_pilot: true })
      .where('code', 'in', pilots).where('expanded_power_pilot', '=', false).execute())
  }

  // Catalogs, parents first: a county's implementation is checked against the city's published one.
  // A county keeps three lists in one catalog (实施清单, the township center catalog and the
  // village guidance catalog): entries of catalog.json for the same unit are published together.
  const byUnit = new Map<string, { matters: any[]; effectiveFrom?: string; notes: string[]; first: number }>()
  for (const [i, cat] of ((read(dir, 'catalog.json')?.catalogs ?? []) as any[]).entries()) {
    const u = byUnit.get(cat.unit) ?? { matters: [], notes: [], first: i }
    u.matters.push(...cat.matters)
    if (cat.effectiveFrom && (!u.effectiveFrom || cat.effectiveFrom < u.effectiveFrom)) u.effectiveFrom = cat.effectiveFrom
    const note = cat.note ?? cat.title
    if (note && !u.notes.includes(note)) u.notes.push(note)
    byUnit.set(cat.unit, u)
  }
  for (const [unit, cat] of [...byUnit].sort(([a], [b]) => a.localeCompare(b))) {
    const i = cat.first
    await asOperator(async (ctx) => {
      const wanted = new Map<string, MatterElements>(cat.matters.map((m: any) => {
        const { code, ...rest } = m
        return [code, MatterElements.parse(rest)]
      }))
      const current = new Map((await ctx.db.selectFrom('catalog_items').select(['matter_code', 'data']).where('unit_code', '=', unit).execute())
        .map((r) => [r.matter_code, JSON.stringify(MatterElements.parse(r.data))]))
      for (const [code, m] of wanted) {
        if (current.get(code) !== JSON.stringify(m)) await saveDraft(ctx, unit, code, m, 'upsert').catch((e) => { throw where('catalog.json', i, e) })
      }
      const gone = [...current.keys()].filter((c) => !wanted.has(c))
      if (gone.length) await ctx.db.deleteFrom('catalog_items').where('unit_code', '=', unit).where('matter_code', 'in', gone).execute()
      // The file's date holds for a unit's first version; a later edit takes effect today at
      // the earliest (what a catalog was on a past day never changes).
      const today = shanghaiDate(now)
      const hasVersion = await ctx.db.selectFrom('catalog_versions').select('version').where('unit_code', '=', unit).executeTakeFirst()
      const effectiveFrom = hasVersion && (!cat.effectiveFrom || cat.effectiveFrom < today) ? today : cat.effectiveFrom
      try {
        const v = await publish(ctx, unit, { effectiveFrom, note: cat.notes.join('；').slice(0, 500) })
        summary.published.push(`${unit} v${v.version}`)
      } catch (e) {
        if (!(e instanceof Conflict)) throw where('catalog.json', i, e) // Conflict: unchanged since the last version
      }
    })
  }

  const unitCodes: string[] = pack.units.map((u: { code: string }) => u.code)
  for (const [i, g] of ((read(dir, 'grants.json') ?? []) as any[]).entries()) {
    await asOperator(async (ctx) => {
      const live = new Set((await ctx.db.selectFrom('grants').select('grantee_code').where('unit_code', '=', g.grantor)
        .where('matter_code', '=', g.matterCode).where('kind', '=', g.kind).where('valid_from', '=', g.validFrom).where('revoked_at', 'is', null).execute())
        .map((r) => r.grantee_code))
      for (const grantee of expandGrantees(unitCodes, g.grantor, g.grantees)) {
        if (live.has(grantee)) continue
        await createGrant(ctx, { grantorCode: g.grantor, granteeCode: grantee, matterCode: g.matterCode, kind: g.kind, rights: g.rights as Right[],
          documentNo: g.documentNo, legalBasis: g.legalBasis, validFrom: g.validFrom, validUntil: g.validUntil ?? null }, { existing: true })
          .catch((e) => { throw where('grants.json', i, e) })
        summary.grants++
      }
    })
  }

  for (const [i, w] of ((read(dir, 'windows.json') ?? []) as any[]).entries()) {
    await asOperator(async (ctx) => {
      let row = await ctx.db.selectFrom('windows').select('id').where('unit_code', '=', w.unit).where('number', '=', w.number).executeTakeFirst()
      if (!row) { row = { id: (await createWindow(ctx, w.unit, { number: w.number, name: w.name, departments: w.departments ?? [] })).id }; summary.windows++ }
      const have = await ctx.db.selectFrom('window_rights').select(['matter_code', 'rights']).where('window_id', '=', row.id).orderBy('matter_code').execute()
      const want = [...(w.rights ?? [])].sort((a: any, b: any) => a.matterCode.localeCompare(b.matterCode))
      if (JSON.stringify(have.map((r) => [r.matter_code, r.rights])) !== JSON.stringify(want.map((r: any) => [r.matterCode, r.rights]))) {
        await setWindowRights(ctx, w.unit, row.id, want).catch((e) => { throw where('windows.json', i, e) })
      }
    })
  }

  for (const [i, e] of ((read(dir, 'hall.json') ?? []) as any[]).entries()) {
    await asOperator(async (ctx) => {
      const have = await ctx.db.selectFrom('hall_entries').select(['in_hall', 'office', 'address', 'phone', 'approval_document'])
        .where('unit_code', '=', e.unit).where('matter_code', '=', e.matterCode).executeTakeFirst()
      const same = have && have.in_hall === e.inHall && (e.inHall || (have.office === e.office && have.address === e.address && have.phone === e.phone && have.approval_document === e.approvalDocument))
      if (same) return
      await setHallEntry(ctx, e.unit, e.matterCode, e).catch((err) => { throw where('hall.json', i, err) })
      summary.hall++
    }, `${e.unit.slice(0, 6)}000000`)
  }
  return summary
}
