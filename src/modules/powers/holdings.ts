// Effective powers of a unit on a day, in one SQL statement: what it exercises by law at
// its own level (法定本级行使, from its resolved catalog) plus live grants to it. Expired or
// revoked grants stop counting at once because the date is part of the query; grants that
// depend on a revoked one are revoked with it (grants.ts).
import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.js'
import { ancestorsOf, levelOf } from '../units/index.js'

export const RIGHTS = ['accept', 'review', 'decide', 'certify', 'seal', 'deliver'] as const
export type Right = (typeof RIGHTS)[number]
export const RIGHT_NAMES: Record<Right, string> = {
  accept: '受理', review: '审核', decide: '审批决定', certify: '制证', seal: '印章使用', deliver: '送达',
}

export interface Holding {
  matterCode: string
  source: 'statutory' | 'delegation' | 'entrustment'
  grantId: string | null
  grantor: string | null
  rights: Right[]
  validUntil: string | null
  name: string
  department: string
}

/**
 * The holdings of `unit` on `date` as one statement (rows: matter_code, source, grant_id, grantor, rights, valid_until, name, department),
 * of every matter or of the matters named (one code or several: the catalog is then resolved for those only).
 */
export function holdingsSql(unit: string, date: string, matterCode?: string | readonly string[]) {
  const codes = typeof matterCode === 'string' ? [matterCode] : matterCode
  const only = (col: string) => codes ? sql`${sql.ref(col)} in (${sql.join(codes.length ? codes : [null])})` : sql<boolean>`true`
  const chain = [unit, ...ancestorsOf(unit)]
  const level = levelOf(unit)!
  return sql<any>`
    with v as (
      select distinct on (unit_code) unit_code, version from catalog_versions
       where unit_code in (${sql.join(chain)}) and effective_from <= ${date}::date
       order by unit_code, version desc),
    resolved as (
      select distinct on (i.matter_code) i.matter_code, i.unit_code, i.data
        from catalog_version_items i join v on v.unit_code = i.unit_code and v.version = i.version
       where ${only('i.matter_code')}
       order by i.matter_code, i.unit_code desc)
    select r.matter_code, 'statutory' as source, null as grant_id, null as grantor,
           array['accept','review','decide','certify','seal','deliver'] as rights, null as valid_until,
           r.data->>'name' as name, r.data->>'department' as department
      from resolved r
     where (r.data->>'powerSource' = '法定本级行使' and r.data->>'exerciseLevel' = ${level})
        -- A unit that lists a matter in its own catalog for exercise below it (the county's
        -- township catalog) holds that power and is the one that delegates or entrusts it.
        or (r.unit_code = ${unit} and r.data->>'powerSource' in ('上级下放', '上级委托', '上级授权')
            and r.data->>'exerciseLevel' <> ${level})
    union all
    select g.matter_code, g.kind, g.id::text, g.unit_code, g.rights, g.valid_until::text,
           coalesce(r.data->>'name', g.matter_code), coalesce(r.data->>'department', '')
      from grants g left join resolved r on r.matter_code = g.matter_code
     where g.grantee_code = ${unit} and g.revoked_at is null
       and g.valid_from <= ${date}::date and (g.valid_until is null or g.valid_until >= ${date}::date)
       and ${only('g.matter_code')}`
}

export const toHolding = (x: any): Holding => ({
  matterCode: x.matter_code, source: x.source, grantId: x.grant_id, grantor: x.grantor?.trim() ?? null,
  rights: x.rights, validUntil: x.valid_until, name: x.name, department: x.department,
})

export async function holdings(db: Tx, unit: string, date: string, matterCode?: string | readonly string[]): Promise<Holding[]> {
  const r = await sql<any>`${holdingsSql(unit, date, matterCode)} order by 1, 2`.execute(db)
  return r.rows.map(toHolding)
}

/** The rights a unit holds on one matter (union over its sources). */
export function rightsOf(hs: Holding[]): Set<Right> {
  return new Set(hs.flatMap((h) => h.rights))
}
