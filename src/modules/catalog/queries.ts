// Reading catalogs: the most specific published version first, falling back up the tree.
// A descendant's code is always greater than its ancestor's (same prefix, non-zero tail),
// so "most specific" is simply the greatest unit code among the chain.
import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.js'
import { ancestorsOf } from '../units/index.js'
import type { MatterElements } from './matter-schema.js'

export interface ResolvedMatter {
  matterCode: string
  /** The unit whose catalog supplied this version of the matter. */
  sourceUnit: string
  version: number
  data: MatterElements
}

/** The versions in force on `date` of the catalogs of `unit` and its ancestors. */
const versionsInForce = (chain: string[], date: string) => sql`
  select distinct on (unit_code) unit_code, version from catalog_versions
   where unit_code in (${sql.join(chain)}) and effective_from <= ${date}::date
   order by unit_code, version desc`

/**
 * The catalog in force at `unit` on `date`, by matter code: one matter or some (`matterCode`), or a page of
 * them (`page`: the matters after `after`, at most `limit`; the chain's versions are few, so the
 * `distinct on` stops at the page).
 */
export async function resolveCatalog(db: Tx, unit: string, date: string, matterCode?: string | string[],
  page?: { after?: string; limit: number }): Promise<ResolvedMatter[]> {
  const chain = [unit, ...ancestorsOf(unit)]
  if (Array.isArray(matterCode) && !matterCode.length) return []
  const where = Array.isArray(matterCode) ? sql`where i.matter_code in (${sql.join(matterCode)})`
    : matterCode ? sql`where i.matter_code = ${matterCode}` : page?.after !== undefined ? sql`where i.matter_code > ${page.after}` : sql``
  const rows = await sql<{ matter_code: string; unit_code: string; version: number; data: MatterElements }>`
    with v as (${versionsInForce(chain, date)})
    select distinct on (i.matter_code) i.matter_code, i.unit_code, i.version, i.data
      from catalog_version_items i join v on v.unit_code = i.unit_code and v.version = i.version
     ${where}
     order by i.matter_code, i.unit_code desc ${page ? sql`limit ${page.limit}` : sql``}`.execute(db)
  return rows.rows.map((r) => ({ matterCode: r.matter_code, sourceUnit: r.unit_code, version: r.version, data: r.data }))
}

/** The nearest ancestor's latest published version of a matter: what a lower tier may only tighten. */
export async function upperMatter(db: Tx, unit: string, matterCode: string): Promise<ResolvedMatter | undefined> {
  const ancestors = ancestorsOf(unit)
  if (!ancestors.length) return undefined
  const r = await sql<{ matter_code: string; unit_code: string; version: number; data: MatterElements }>`
    with v as (select unit_code, max(version) as version from catalog_versions
                where unit_code in (${sql.join(ancestors)}) group by unit_code)
    select i.matter_code, i.unit_code, i.version, i.data
      from catalog_version_items i join v on v.unit_code = i.unit_code and v.version = i.version
     where i.matter_code = ${matterCode}
     order by i.unit_code desc limit 1`.execute(db)
  const row = r.rows[0]
  return row && { matterCode: row.matter_code, sourceUnit: row.unit_code, version: row.version, data: row.data }
}
