// What a tenant pack governs, item by item, read from the database and from the pack in one
// canonical form: `kind:key…` → a canonical JSON value (absent: no such item). After each apply
// the items as they then stood are recorded (pack_applications: a hash per item and a
// fingerprint of all). Comparing the database with that record tells what was changed through
// the API since; comparing it with the pack tells what an apply would overwrite.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Database, jsonb } from '../platform/db/database.js'
import { SYSTEM_SCOPE } from '../platform/scope.js'
import { MatterElements } from '../modules/catalog/index.js'
import { loadStandardsPack } from '../modules/standards/pack.js'
import { expandGrantees } from './pack-files.js'

export type Items = Map<string, string>

const read = (dir: string, file: string) => (existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : null)
// jsonb reorders object keys: values are compared with their keys sorted.
const canonical = (v: unknown): unknown => Array.isArray(v) ? v.map(canonical)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v
const str = (v: unknown) => JSON.stringify(canonical(v))
export const hashOf = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 32)
const hall = (e: { inHall: boolean; office?: string | null; address?: string | null; phone?: string | null; approvalDocument?: string | null }) =>
  str(e.inHall ? { inHall: true } : { inHall: false, office: e.office ?? null, address: e.address ?? null, phone: e.phone ?? null, approvalDocument: e.approvalDocument ?? null })
const rightsOf = (rs: { matterCode: string; rights: string[] }[]) =>
  str([...rs].sort((a, b) => a.matterCode.localeCompare(b.matterCode)).map((r) => [r.matterCode, [...r.rights]]))

/** What the pack in `dir` would have the database hold. */
export function wantedItems(dir: string): Items {
  const out: Items = new Map()
  const units = read(dir, 'units.json')
  for (const u of units.units) out.set(`unit:${u.code}`, str(u.name))
  for (const code of (read(dir, 'pilot-towns.json') ?? []) as string[]) out.set(`pilot:${code}`, 'true')
  for (const cat of (read(dir, 'catalog.json')?.catalogs ?? []) as any[]) {
    for (const { code, ...rest } of cat.matters) out.set(`matter:${cat.unit}:${code}`, str(MatterElements.parse(rest)))
  }
  const codes: string[] = units.units.map((u: { code: string }) => u.code)
  for (const g of (read(dir, 'grants.json') ?? []) as any[]) {
    for (const grantee of expandGrantees(codes, g.grantor, g.grantees)) out.set(`grant:${g.grantor}:${g.matterCode}:${g.kind}:${g.validFrom}:${grantee}`, 'true')
  }
  for (const w of (read(dir, 'windows.json') ?? []) as any[]) out.set(`window:${w.unit}:${w.number}`, rightsOf(w.rights ?? []))
  for (const e of (read(dir, 'hall.json') ?? []) as any[]) out.set(`hall:${e.unit}:${e.matterCode}`, hall(e))
  const std = loadStandardsPack(dir)
  if (std) for (const [tier, body] of Object.entries(std.templates)) out.set(`standards:${std.city}:${tier}`, str(body))
  return out
}

/** The same items as the database holds them now (only for units and kinds the pack touches). */
export async function currentItems(db: Database, dir: string): Promise<Items> {
  const units = read(dir, 'units.json')
  const codes: string[] = units.units.map((u: { code: string }) => u.code)
  const catalogUnits = [...new Set(((read(dir, 'catalog.json')?.catalogs ?? []) as any[]).map((c) => c.unit as string))]
  const pilots: string[] = read(dir, 'pilot-towns.json') ?? []
  const windows = (read(dir, 'windows.json') ?? []) as { unit: string; number: string }[]
  const halls = (read(dir, 'hall.json') ?? []) as { unit: string; matterCode: string }[]
  const grants = (read(dir, 'grants.json') ?? []) as { grantor: string; matterCode: string }[]
  const std = loadStandardsPack(dir)
  const out: Items = new Map()
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    for (const u of await tx.selectFrom('units').select(['code', 'name', 'expanded_power_pilot']).where('code', 'in', codes).execute()) {
      out.set(`unit:${u.code}`, str(u.name))
      if (u.expanded_power_pilot && pilots.includes(u.code)) out.set(`pilot:${u.code}`, 'true')
    }
    if (catalogUnits.length) {
      for (const r of await tx.selectFrom('catalog_items').select(['unit_code', 'matter_code', 'data']).where('unit_code', 'in', catalogUnits).execute()) {
        const parsed = MatterElements.safeParse(r.data)
        out.set(`matter:${r.unit_code}:${r.matter_code}`, str(parsed.success ? parsed.data : r.data))
      }
    }
    const grantors = [...new Set(grants.map((g) => g.grantor))]
    if (grantors.length) {
      const rows = await tx.selectFrom('grants').select(['unit_code', 'grantee_code', 'matter_code', 'kind', 'valid_from'])
        .where('unit_code', 'in', grantors).where('revoked_at', 'is', null).execute()
      for (const g of rows) {
        out.set(`grant:${g.unit_code}:${g.matter_code}:${g.kind}:${String(g.valid_from).slice(0, 10)}:${g.grantee_code}`, 'true')
      }
    }
    const windowUnits = [...new Set(windows.map((w) => w.unit))]
    if (windowUnits.length) {
      const ws = await tx.selectFrom('windows').select(['id', 'unit_code', 'number']).where('unit_code', 'in', windowUnits).execute()
      const wanted = new Set(windows.map((w) => `${w.unit}:${w.number}`))
      const rights = ws.length ? await tx.selectFrom('window_rights').select(['window_id', 'matter_code', 'rights'])
        .where('window_id', 'in', ws.map((w) => w.id)).execute() : []
      for (const w of ws) {
        if (!wanted.has(`${w.unit_code}:${w.number}`)) continue
        out.set(`window:${w.unit_code}:${w.number}`, rightsOf(rights.filter((r) => r.window_id === w.id).map((r) => ({ matterCode: r.matter_code, rights: r.rights }))))
      }
    }
    const hallUnits = [...new Set(halls.map((e) => e.unit))]
    if (hallUnits.length) {
      for (const e of await tx.selectFrom('hall_entries').select(['unit_code', 'matter_code', 'in_hall', 'office', 'address', 'phone', 'approval_document'])
        .where('unit_code', 'in', hallUnits).execute()) {
        out.set(`hall:${e.unit_code}:${e.matter_code}`, hall({ inHall: e.in_hall, office: e.office, address: e.address, phone: e.phone, approvalDocument: e.approval_document }))
      }
    }
    if (std) {
      for (const tier of Object.keys(std.templates)) {
        const last = await tx.selectFrom('standard_template_versions').select('body').where('unit_code', '=', std.city)
          .where('tier', '=', tier as any).orderBy('version', 'desc').limit(1).executeTakeFirst()
        if (last) out.set(`standards:${std.city}:${tier}`, str(last.body))
      }
    }
  })
  // Only the keys the pack speaks of, plus catalog items of its catalog units (an apply deletes
  // those it does not list) and live grants of its grantors for its matters.
  const wanted = wantedItems(dir)
  const grantMatters = new Set(grants.map((g) => `${g.grantor}:${g.matterCode}`))
  for (const k of [...out.keys()]) {
    if (wanted.has(k) || k.startsWith('matter:')) continue
    if (k.startsWith('grant:') && grantMatters.has(k.split(':').slice(1, 3).join(':'))) continue
    out.delete(k)
  }
  return out
}

export const fingerprintOf = (items: Items) =>
  hashOf([...items].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${hashOf(v)}`).join('\n'))

export interface PackRecord { id: number; appliedAt: string; fingerprint: string; items: Record<string, string> }

/** The last recorded application of the pack of `city`, or null. */
export async function lastApplication(db: Database, city: string): Promise<PackRecord | null> {
  const row = await db.owner((k) => k.selectFrom('pack_applications').select(['id', 'applied_at', 'fingerprint', 'items'])
    .where('city', '=', city).orderBy('id', 'desc').limit(1).executeTakeFirst())
  return row ? { id: row.id, appliedAt: new Date(row.applied_at).toISOString(), fingerprint: row.fingerprint,
    items: typeof row.items === 'string' ? JSON.parse(row.items) : row.items } : null
}

/** Records what the pack in `dir` wrote, as the database now holds it. */
export async function recordApplication(db: Database, city: string, dir: string): Promise<string> {
  const items = await currentItems(db, dir)
  const fingerprint = fingerprintOf(items)
  const hashes = Object.fromEntries([...items].map(([k, v]) => [k, hashOf(v)]))
  await db.owner((k) => k.insertInto('pack_applications')
    .values({ city, source: dir, fingerprint, items: jsonb(hashes) }).execute())
  return fingerprint
}

const KIND_NAMES: Record<string, string> = {
  unit: '单位名称', pilot: '扩权强镇试点', matter: '事项目录', grant: '授权（下放/委托）', window: '窗口及其权限', hall: '进驻大厅情况', standards: '建设标准清单',
}
export interface Difference { key: string; what: string; change: string }

/**
 * What an apply would overwrite that was changed through the API since the last apply (with no
 * record of one: every item where the database and the pack differ).
 */
export function differences(record: PackRecord | null, current: Items, wanted: Items): Difference[] {
  const keys = new Set([...current.keys(), ...wanted.keys(), ...Object.keys(record?.items ?? {})])
  const out: Difference[] = []
  for (const key of [...keys].sort()) {
    const cur = current.get(key), want = wanted.get(key)
    const base = record?.items[key]
    const changed = record ? (cur === undefined ? base !== undefined : base !== hashOf(cur)) : true
    // Items the pack does not list are only its business where an apply removes them (catalog items).
    if (want === undefined && !key.startsWith('matter:')) continue
    if (!changed || cur === want) continue
    const [kind, ...rest] = key.split(':')
    const what = `${KIND_NAMES[kind!] ?? kind} ${rest.join(' ')}`
    const change = cur === undefined ? (record ? '已通过接口删除或撤销，导入会重新写入' : '数据库中没有，导入会写入')
      : want === undefined ? '已通过接口新增，导入会删除'
      : record ? '已通过接口修改，导入会改回租户包的内容' : '数据库中的内容与租户包不同，导入会改为租户包的内容'
    out.push({ key, what, change })
  }
  return out
}
