// Demo tenant 六安市: its real division tree from the tenant pack and one account per role
// (fitting the tier) at the city, 金安区, its first township and that township's first
// village, named `<unit code>-<role>`, placed at windows by post (windows.json staffRoles).
// Idempotent: a second run writes nothing.
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { fileURLToPath } from 'node:url'
import type { Database } from '../platform/db/database.js'
import { SYSTEM_SCOPE } from '../platform/scope.js'
import { applyPack } from './apply-pack.js'
import { hashPassword } from '../modules/auth/index.js'
import { ROLE_NAMES, ROLES_BY_LEVEL } from '../modules/users/index.js'
import { levelOf } from '../modules/units/index.js'
import { applyStandardsPack, loadStandardsPack } from '../modules/standards/pack.js'

export const DEMO_CITY = '341500000000'
export const DEMO_COUNTY = '341502000000'

export interface TenantPack { city: string; name: string; units: { code: string; name: string; parent: string | null }[] }

export function loadPack(dir: string): TenantPack {
  return JSON.parse(readFileSync(`${dir.replace(/\/?$/, '/')}units.json`, 'utf8'))
}

/** The four demo units: city, county, first township of the county, its first village. */
export function demoUnits(pack: TenantPack): string[] {
  const codes = pack.units.map((u) => u.code).sort()
  const township = codes.find((c) => c.startsWith(DEMO_COUNTY.slice(0, 6)) && levelOf(c) === 'township')!
  const village = codes.find((c) => c.startsWith(township.slice(0, 9)) && levelOf(c) === 'village')!
  return [DEMO_CITY, DEMO_COUNTY, township, village]
}

const demoUsernames = (pack: TenantPack) =>
  demoUnits(pack).flatMap((code) => ROLES_BY_LEVEL[levelOf(code)!].map((role) => `${code}-${role}`))

export const LUAN_DIR = fileURLToPath(new URL('../../tenants/luan/', import.meta.url))

export async function seedDemo(db: Database, password: string, now: Date, dir = LUAN_DIR) {
  const pack = loadPack(dir)
  const applied = await applyPack(db, dir, now)
  const units = applied.units
  const names = new Map(pack.units.map((u) => [u.code, u.name]))
  const windowsFile = JSON.parse(readFileSync(`${dir.replace(/\/?$/, '/')}windows.json`, 'utf8')) as { unit: string; number: string; staffRoles?: string[] }[]
  const posts = windowsFile.flatMap((w) => (w.staffRoles ?? []).map((role) => ({ unit: w.unit, number: w.number, username: `${w.unit}-${role}` })))
  const accounts: { username: string; role: string; unit: string; windows: string[] }[] = []
  let createdUsers = 0
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    const existing = new Set((await tx.selectFrom('users').select('username').execute()).map((r) => r.username))
    for (const code of demoUnits(pack)) {
      for (const role of ROLES_BY_LEVEL[levelOf(code)!]) {
        const username = `${code}-${role}`
        accounts.push({ username, role: ROLE_NAMES[role], unit: names.get(code)!, windows: posts.filter((p) => p.username === username).map((p) => p.number) })
        if (existing.has(username)) continue
        await tx.insertInto('users').values({
          unit_code: code, username, display_name: `${names.get(code)}${ROLE_NAMES[role]}（演示）`,
          password_hash: await hashPassword(password), roles: [role], created_by: null,
        }).execute()
        createdUsers++
      }
    }
  })
  // Demo staff sit at windows by post, as a real hall places them (windows.json staffRoles): the
  // clerk at the front intake windows (前台综合受理), the reviewer and the approver at the back-office
  // window that holds the review and decision rights (后台分类审批), the agent at the station's 代办 window.
  const demo = new Set(demoUsernames(pack))
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    // An earlier seed put every demo account at every window: take them off the windows not theirs.
    const keys = posts.map((p) => `${p.unit}:${p.number}:${p.username}`)
    await sql`
      delete from window_staff s using users u, windows w
       where s.user_id = u.id and s.window_id = w.id and u.username = any(${[...demo]}::text[])
         and not ((w.unit_code || ':' || w.number || ':' || u.username) = any(${keys}::text[]))`.execute(tx)
    for (const p of posts.filter((x) => demo.has(x.username))) {
      await sql`
        insert into window_staff (window_id, user_id, unit_code)
        select w.id, u.id, u.unit_code from users u join windows w on w.unit_code = u.unit_code and w.number = ${p.number}
         where u.username = ${p.username} and w.unit_code = ${p.unit}
        on conflict do nothing`.execute(tx)
    }
  })
  // The city's building-standards checklists (标准化建设清单) for both tiers.
  const standardsPack = loadStandardsPack(dir)
  const standards = standardsPack ? await applyStandardsPack(db, standardsPack) : { published: [] }
  return { units, createdUsers, accounts, pack: applied, standards }
}
