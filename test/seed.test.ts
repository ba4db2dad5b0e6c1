// The demo tenant: the real 六安市 tree and one account per role fitting each demo unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/database.js'
import { demoUnits, loadPack, LUAN_DIR, seedDemo } from '../src/seed/demo.js'
import { freshDatabase } from './helpers/db.js'

let db: Database
beforeAll(async () => { db = await freshDatabase() })
afterAll(() => db.close())

describe('demo seed', () => {
  it('loads 六安市 with 7 counties, 146 townships and 1,970 villages, and demo staff', async () => {
    const first = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(first.units.created).toBe(1 + 7 + 146 + 1970)
    const counts = await db.query(`select level, count(*)::int as n from units group by level order by level`)
    expect(Object.fromEntries(counts.map((r) => [r.level, r.n]))).toEqual({ city: 1, county: 7, township: 146, village: 1970 })
    expect(demoUnits(loadPack(LUAN_DIR))).toEqual(['341500000000', '341502000000', '341502001000', '341502001001'])
    const users = await db.query(`select username from users order by username`)
    // 6 roles at the city and the county, 7 at the township, 3 at the village station.
    expect(users).toHaveLength(6 + 6 + 7 + 3)
    expect(users.map((u) => u.username)).toContain('341502000000-center_admin')
    expect(users.map((u) => u.username)).not.toContain('341502001001-approver')
  })

  it('seeds nothing twice', async () => {
    const before = await db.query(`select count(*)::int as u, (select count(*)::int from users) as s from units`)
    const again = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(again.units).toEqual({ created: 0, updated: 0 })
    expect(again.createdUsers).toBe(0)
    expect(await db.query(`select count(*)::int as u, (select count(*)::int from users) as s from units`)).toEqual(before)
  })
})
