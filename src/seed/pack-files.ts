// The files of a tenant pack (tenants/<city>/) and their schemas: the same zod schemas the
// API validates its requests with, wrapped with what a file adds (the unit, the grantees).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from '../platform/openapi.js'
import { isValidDate } from '../platform/time.js'
import { MatterCode, MatterElements } from '../modules/catalog/index.js'
import { HallEntryInput } from '../modules/catalog/index.js'
import { Grant, WindowInput, WindowRightsInput } from '../modules/powers/index.js'
import { ROLES } from '../modules/users/index.js'
import { levelOf, LEVELS, significantPrefix } from '../modules/units/index.js'
import { ImportUnits } from '../modules/units/index.js'

const Code = z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字')
const DateStr = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD')

export const UnitsFile = z.object({
  city: Code, name: z.string().min(1),
  units: z.array(ImportUnits.shape.units.element.extend({ level: z.enum(LEVELS), parent: Code.nullable() })).min(1),
})

// base 基本目录 (city) · implementation 实施清单 (county) · township 乡镇为民服务事项目录 (set by the
// county, or a township's own where it differs) · village 村(社区)为民服务事项指导目录 (set by the county).
export const CATALOG_KINDS = ['base', 'implementation', 'township', 'village'] as const
export const CatalogFile = z.strictObject({
  city: Code,
  source: z.string().optional(),
  catalogs: z.array(z.strictObject({
    unit: Code,
    kind: z.enum(CATALOG_KINDS, { error: `kind 应为 ${CATALOG_KINDS.join('、')} 之一` }),
    title: z.string().min(1, '请填写目录名称'),
    effectiveFrom: DateStr.optional(),
    note: z.string().max(500).optional(),
    matters: z.array(MatterElements.extend({ code: MatterCode })),
  })),
})

const VillagesOf = z.string().regex(/^villages-of:[0-9]{9}000$/, '应为 villages-of:<乡镇代码>')
export const Grantees = z.union([z.literal('all-townships'), z.literal('all-villages'), z.array(z.union([Code, VillagesOf])).min(1)],
  { error: 'grantees 应为代码数组（可含 villages-of:<乡镇代码>）、all-townships 或 all-villages' })
export const GrantsFile = z.array(Grant.omit({ grantorCode: true, granteeCode: true }).extend({ grantor: Code, grantees: Grantees }))
export const PilotTownsFile = z.array(Code)
export const WindowsFile = z.array(WindowInput.extend({ unit: Code, rights: WindowRightsInput.shape.rights.default([]),
  // Who sits at the window by post (前台受理 / 后台审批); the demo seed places its accounts so.
  staffRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]).describe('窗口岗位：在该窗口办公的角色（演示账号按此安排）') }))
export const HallFile = z.array(HallEntryInput.extend({ unit: Code, matterCode: MatterCode }))

export const PACK_FILES = {
  'units.json': UnitsFile, 'catalog.json': CatalogFile, 'grants.json': GrantsFile,
  'pilot-towns.json': PilotTownsFile, 'windows.json': WindowsFile, 'hall.json': HallFile,
} as const
export type PackFileName = keyof typeof PACK_FILES
/** The raw JSON of each file present (units.json is required). */
export type RawPack = Partial<Record<PackFileName, unknown>>

export function readPack(dir: string): RawPack {
  const out: RawPack = {}
  for (const file of Object.keys(PACK_FILES) as PackFileName[]) {
    const path = join(dir, file)
    if (existsSync(path)) out[file] = JSON.parse(readFileSync(path, 'utf8'))
  }
  return out
}

/**
 * `all-townships` / `all-villages`: the grantor's subtree at that level; in a list,
 * `villages-of:<township>` stands for that township's villages, other entries are codes.
 */
export function expandGrantees(unitCodes: string[], grantor: string, grantees: z.infer<typeof Grantees>): string[] {
  const below = (prefix: string, level: 'township' | 'village') =>
    unitCodes.filter((c) => c.startsWith(prefix) && c !== grantor && levelOf(c) === level)
  if (!Array.isArray(grantees)) return below(significantPrefix(grantor), grantees === 'all-townships' ? 'township' : 'village')
  return grantees.flatMap((g) => g.startsWith('villages-of:') ? below(g.slice(12, 21), 'village') : [g])
}
