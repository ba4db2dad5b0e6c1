// Applying a tenant pack on purpose (`npm run tenant:apply`) and loading the demo tenant once.
//
// A pack is written into a database once; afterwards the administrators own their data and a
// restart writes nothing. `tenant:apply` compares the database with the record of the last
// apply: what was changed through the API since and would be overwritten is listed, and
// nothing is written unless `force`. Each apply is recorded (pack_applications).
import { readFileSync } from 'node:fs'
import type { Database } from '../platform/db/database.js'
import { SYSTEM_SCOPE } from '../platform/scope.js'
import { applyStandardsPack, loadStandardsPack } from '../modules/standards/pack.js'
import { applyPack, type PackSummary } from './apply-pack.js'
import { demoUnits, LUAN_DIR, loadPack, seedDemo } from './demo.js'
import { ROLE_NAMES, ROLES_BY_LEVEL } from '../modules/users/index.js'
import { levelOf } from '../modules/units/index.js'
import { currentItems, differences, type Difference, lastApplication, recordApplication, wantedItems } from './pack-state.js'

export interface ApplyResult {
  applied: boolean
  differences: Difference[]
  summary?: PackSummary
  standards?: string[]
  fingerprint?: string
}

/** Plans, and unless it would overwrite changes made through the API (or `force`), applies and records. */
export async function applyTenantPack(db: Database, dir: string, now: Date, opts: { force?: boolean } = {}): Promise<ApplyResult> {
  const city = loadPack(dir).city
  const diffs = differences(await lastApplication(db, city), await currentItems(db, dir), wantedItems(dir))
  if (diffs.length && !opts.force) return { applied: false, differences: diffs }
  const summary = await applyPack(db, dir, now)
  const std = loadStandardsPack(dir)
  const standards = std ? (await applyStandardsPack(db, std)).published : []
  const fingerprint = await recordApplication(db, city, dir)
  return { applied: true, differences: diffs, summary, standards, fingerprint }
}

export type DemoStart =
  | { loaded: true; seeded: Awaited<ReturnType<typeof seedDemo>>; fingerprint: string }
  | { loaded: false; reason: 'applied' | 'not-empty'; appliedAt?: string }

/**
 * The startup path: the demo tenant is loaded into an empty database and recorded; once it is
 * recorded, or when the database already holds units (loaded by an older version, or another
 * tenant), nothing is written.
 */
export async function seedDemoOnce(db: Database, password: string, now: Date, dir = LUAN_DIR): Promise<DemoStart> {
  const city = loadPack(dir).city
  const last = await lastApplication(db, city)
  if (last) return { loaded: false, reason: 'applied', appliedAt: last.appliedAt }
  const [{ n }] = await db.scoped(SYSTEM_SCOPE, (tx) => tx.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).execute())
  if (Number(n) > 0) return { loaded: false, reason: 'not-empty' }
  const seeded = await seedDemo(db, password, now, dir)
  return { loaded: true, seeded, fingerprint: await recordApplication(db, city, dir) }
}

/** The demo accounts (`<unit code>-<role>`) of the demo tenant, for the start-up banner. */
export function demoAccounts(dir = LUAN_DIR) {
  const pack = loadPack(dir)
  const names = new Map(pack.units.map((u) => [u.code, u.name]))
  // Demo staff sit at windows by post (windows.json staffRoles): printed next to each account.
  const windowsFile = JSON.parse(readFileSync(`${dir.replace(/\/?$/, '/')}windows.json`, 'utf8')) as { unit: string; number: string; staffRoles?: string[] }[]
  const windowsOf = (code: string, role: string) => windowsFile.filter((w) => w.unit === code && (w.staffRoles ?? []).includes(role)).map((w) => w.number)
  return demoUnits(pack).flatMap((code) => ROLES_BY_LEVEL[levelOf(code)!].map((role) =>
    ({ username: `${code}-${role}`, role: ROLE_NAMES[role], unit: names.get(code)!, windows: windowsOf(code, role) })))
}
