import { type Selectable, sql } from 'kysely'
import type { Units as UnitsTable } from '../../../db/types.js'
import type { Tx } from '../../platform/db/database.js'
import { defaultServicePointName, expectedParent, levelOf } from './codes.js'
import type { Unit } from './schemas.js'

// Both drivers hand timestamptz over as a Date; a copy of it only to format it costs a list a Date a row.
const iso = (d: Date | string) => typeof d === 'string' ? new Date(d).toISOString() : d.toISOString()

export const toUnit = (r: Selectable<UnitsTable>): Unit => ({
  code: r.code, parentCode: r.parent_code, level: r.level, name: r.name,
  servicePointName: r.service_point_name, expandedPowerPilot: r.expanded_power_pilot, active: r.active,
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
})

export const findUnit = (db: Tx, code: string) =>
  db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst()

/** Columns CASL conditions on units may name. */
export const UNIT_COLUMNS = { code: 'code', parentCode: 'parent_code', level: 'level' }

export interface ImportRow { code: string; name: string; servicePointName?: string }

/**
 * Inserts units (parents before children, codes already validated); a unit that exists is
 * renamed if its name changed and otherwise left alone, so a repeated import writes nothing.
 */
export async function upsertUnits(db: Tx, rows: ImportRow[]) {
  let created = 0, updated = 0
  const sorted = [...rows].sort((a, b) => a.code.localeCompare(b.code))
  for (let i = 0; i < sorted.length; i += 2000) {
    const res = await db.insertInto('units').values(sorted.slice(i, i + 2000).map((r) => {
      const level = levelOf(r.code)!
      return { code: r.code, parent_code: expectedParent(r.code), level, name: r.name,
        service_point_name: r.servicePointName ?? defaultServicePointName(level, r.name) }
    })).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
      // A re-import renames; it never overwrites a service point name edited since.
      name: eb.ref('excluded.name'), updated_at: sql`now()`,
    })).where((eb) => eb('units.name', '<>', eb.ref('excluded.name'))))
      .returning(sql<boolean>`xmax = 0`.as('inserted')).execute()
    created += res.filter((r) => r.inserted).length
    updated += res.filter((r) => !r.inserted).length
  }
  return { created, updated }
}
