// The public tree of units (which place to choose) and a unit's hall: its service point, the
// path above it and its windows. Unit names and codes are public; nothing else of a unit is.
import { sql } from 'kysely'
import { publicHalls } from '../halls/index.js'
import { ancestorsOf } from '../units/index.js'
import { type PublicCtx, readTree, readUnit, unitSummary } from './context.js'

/** The cities, or the active children of one unit. */
export async function listUnits(ctx: PublicCtx, parent: string | null) {
  if (parent) {
    return readUnit(ctx, parent, async (db) => (await db.selectFrom('units').selectAll().where('active', '=', true)
      .where('parent_code', '=', parent).orderBy('code').execute()).map(unitSummary))
  }
  return readTree(ctx, async (db) => (await db.selectFrom('units').selectAll().where('active', '=', true)
    .where('level', '=', 'city').orderBy('code').execute()).map(unitSummary))
}

/** Units whose name or service point name contains the words, with the names of the places above them. */
export async function searchUnits(ctx: PublicCtx, words: string, limit = 20) {
  const q = words.trim()
  if (!q) return []
  return readTree(ctx, async (db) => {
    const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    const rows = await db.selectFrom('units').selectAll().where('active', '=', true)
      .where((eb) => eb.or([eb('name', 'like', like), eb('service_point_name', 'like', like)]))
      .orderBy('level').orderBy('code').limit(limit).execute()
    const above = [...new Set(rows.flatMap((r) => ancestorsOf(r.code)))]
    const names = new Map((above.length ? await db.selectFrom('units').select(['code', 'name']).where('code', 'in', above).execute() : [])
      .map((u) => [u.code, u.name]))
    return rows.map((r) => ({ ...unitSummary(r), path: ancestorsOf(r.code).reverse().map((c) => names.get(c) ?? c) }))
  })
}

/** A unit's hall: the service point, the places above (for the breadcrumb), its windows and its children. */
export async function unitHall(ctx: PublicCtx, code: string) {
  const path = await readTree(ctx, async (db) => {
    const codes = ancestorsOf(code)
    return codes.length ? (await db.selectFrom('units').selectAll().where('code', 'in', codes).orderBy('code').execute()).map(unitSummary) : []
  })
  return readUnit(ctx, code, async (db, unit) => {
    const windows = await sql<{ number: string; name: string; departments: string[]; hallId: string | null }>`
      select number, name, departments, hall_id as "hallId" from windows where unit_code = ${code} and active order by length(number), number`.execute(db)
    const children = await db.selectFrom('units').selectAll().where('parent_code', '=', code).where('active', '=', true).orderBy('code').execute()
    // The main hall and its branch halls (分中心), as GET /api/public/units/{code}/halls answers them.
    const halls = (await publicHalls(db, code, { limit: 50 })).items
    return { unit: unitSummary(unit), path, windows: windows.rows, halls, children: children.map(unitSummary) }
  })
}
