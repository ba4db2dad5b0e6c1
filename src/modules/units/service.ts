// Unit verbs: read, list children, create, update (deactivate cascades down), import.
import { subject } from '@casl/ability'
import { type Selectable, sql } from 'kysely'
import type { Units } from '../../../db/types.js'
import { compiledOnce } from '../../platform/db/compiled-once.js'
import { abilityWhere, grantsRange } from '../../platform/casl-sql.js'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, NotFound, recorded } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { defaultServicePointName, expectedParent, LEVEL_NAMES, levelOf } from './codes.js'
import { findUnit, toUnit, UNIT_COLUMNS, upsertUnits } from './queries.js'

export async function getUnit(ctx: Ctx, code: string) {
  return toUnit(mustSee(ctx, 'Unit', await findUnit(ctx.db, code)))
}

/** Children in code order (units_parent_idx (parent_code, code) serves the order and the cursor). */
const CHILDREN = {}

export async function listChildren(ctx: Ctx, code: string, q: { includeInactive?: boolean; limit: number; cursor?: string }) {
  const ks = keyset([{ ref: 'code', type: 'bpchar' }], q)
  // Children of a unit in the actor's subtree are all in it: when a rule grants that whole range,
  // the CASL condition adds nothing to the SQL (grantsRange); above the subtree it is ANDed in.
  const range = levelOf(code) ? subtreeRange(code) : null
  const whole = !!range && grantsRange(ctx.ability, 'read', 'Unit', 'code', range.lo, range.hi)
  // Built and compiled once per shape (compiledOnce); with the CASL condition, once per ability.
  const args = [code, ks.limit, ...(ks.key ?? [])]
  const compiled = compiledOnce(whole ? CHILDREN : ctx.ability, `children|${!!q.includeInactive}|${!!ks.key}|${whole}`, args, (arg) => {
    let query = ctx.db.selectFrom('units').selectAll().select(ks.selections)
      .where('parent_code', '=', arg(0))
      .where(ks.key ? ks.whereWith(ks.key.map((_, i) => arg(2 + i))) : sql<boolean>`true`).orderBy(ks.orderBy).limit(arg(1))
    if (!whole) query = query.where(abilityWhere(ctx.ability, 'read', 'Unit', UNIT_COLUMNS))
    if (!q.includeInactive) query = query.where('active', '=', true)
    return query
  })
  const rows = (await ctx.db.executeQuery<Selectable<Units> & { _k0: string }>(compiled)).rows
  // A visible child proves its parent visible (in the subtree, or the actor's own unit's parent,
  // an ancestor); only an empty page needs the unit itself to tell 404 from none.
  if (!rows.length) mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  return ks.page(rows, toUnit)
}

/** Checks a new code against its level and its parent; returns the parent row. */
async function checkNewCode(ctx: Ctx, code: string, field = 'code') {
  const level = levelOf(code)
  if (!level) throw new Invalid('区划代码不是有效的市、县、乡镇或村级代码', [{ field, message: '区划代码层级无效' }])
  const parentCode = expectedParent(code)
  if (!parentCode) {
    throw recorded(new Invalid('市级单位只能由平台运维通过租户包开通', [{ field, message: '不能通过接口创建市级单位' }]),
      { action: 'create', subjectType: 'Unit', subjectId: code })
  }
  const parent = await findUnit(ctx.db, parentCode)
  if (!parent || !ctx.ability.can('read', subject('Unit', { ...parent, parentCode: parent.parent_code }))) {
    // The parent is outside what the actor sees: answer as if it did not exist.
    throw recorded(new NotFound(`上级单位 ${parentCode} 不存在或不在您的管辖范围内`), { action: 'create', subjectType: 'Unit', subjectId: code })
  }
  return { level, parent }
}

export async function createUnit(ctx: Ctx, input: { code: string; name: string; servicePointName?: string }) {
  const { level, parent } = await checkNewCode(ctx, input.code)
  mustBeAllowed(ctx, 'create', 'Unit', { code: input.code, parentCode: parent.code, level }, input.code,
    `您只能在本单位的下级范围内创建单位`)
  if (!parent.active) throw new Conflict(`上级单位“${parent.name}”已停用，不能在其下创建单位`)
  const row = await ctx.db.insertInto('units').values({
    code: input.code, parent_code: parent.code, level, name: input.name,
    service_point_name: input.servicePointName ?? defaultServicePointName(level, input.name),
  }).onConflict((oc) => oc.column('code').doNothing()).returningAll().executeTakeFirst()
  if (!row) throw new Conflict(`区划代码 ${input.code} 的单位已存在`)
  return toUnit(row)
}

export async function updateUnit(ctx: Ctx, code: string, input: { name?: string; servicePointName?: string; active?: boolean; expandedPowerPilot?: boolean }) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'update', id: code })
  const subj = { code: unit.code, parentCode: unit.parent_code, level: unit.level }
  mustBeAllowed(ctx, 'update', 'Unit', subj, code, '您无权修改该单位')
  if (input.active !== undefined) mustBeAllowed(ctx, 'deactivate', 'Unit', subj, code, '只有上级单位的管理员可以停用或启用本单位')
  if (input.expandedPowerPilot !== undefined) {
    if (unit.level !== 'township') throw new Invalid('只有乡镇(街道)可以设为扩权强镇试点', [{ field: 'expandedPowerPilot', message: '仅适用于乡镇' }])
    mustBeAllowed(ctx, 'setPilot', 'Unit', subj, code, '扩权强镇试点由上级设置')
  }
  if (input.active === true && unit.parent_code) {
    const parent = await findUnit(ctx.db, unit.parent_code)
    if (parent && !parent.active) throw new Conflict(`上级单位“${parent.name}”已停用，请先启用上级单位`)
  }
  const row = await ctx.db.updateTable('units').set({
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.servicePointName !== undefined ? { service_point_name: input.servicePointName } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.expandedPowerPilot !== undefined ? { expanded_power_pilot: input.expandedPowerPilot } : {}),
    updated_at: sql`now()`,
  }).where('code', '=', code).returningAll().executeTakeFirstOrThrow()
  // Staff of a deactivated (or reactivated) unit lose (or regain) their sessions.
  if (input.active !== undefined) ctx.authChanged()
  if (input.active === false) {
    // A unit cannot work without its parent: deactivation covers the whole subtree.
    const { lo, hi } = subtreeRange(code)
    await ctx.db.updateTable('units').set({ active: false, updated_at: sql`now()` })
      .where('code', '>=', lo).where('code', '<=', hi).where('active', '=', true).execute()
  }
  return toUnit(row)
}

import type { ImportRow } from './queries.js'

/**
 * Bulk import of a subtree below `root` (idempotent: existing units with the same name are
 * left alone, renamed ones are updated). Every row is validated before anything is written.
 */
export async function importUnits(ctx: Ctx, root: string, rows: ImportRow[]) {
  const rootUnit = mustSee(ctx, 'Unit', await findUnit(ctx.db, root), { action: 'import', id: root })
  mustBeAllowed(ctx, 'import', 'Unit', { code: root }, root, '您无权向该单位导入下级单位')
  const { lo, hi } = subtreeRange(root)
  const fields: { field: string; message: string }[] = []
  const seen = new Set<string>([root])
  const sorted = [...rows].sort((a, b) => a.code.localeCompare(b.code))
  const index = new Map(rows.map((r, i) => [r, i]))
  sorted.forEach((r) => {
    const at = `units[${index.get(r)}].code`
    const level = levelOf(r.code)
    if (!level) fields.push({ field: at, message: `${r.code} 不是有效的区划代码` })
    else if (r.code === root) return
    else if (r.code < lo || r.code > hi) fields.push({ field: at, message: `${r.code} 不在 ${rootUnit.name} 的下级范围内` })
    else if (seen.has(r.code)) fields.push({ field: at, message: `${r.code} 重复` })
    else if (!seen.has(expectedParent(r.code)!)) fields.push({ field: at, message: `${r.code} 的上级 ${expectedParent(r.code)} 不在导入范围内` })
    seen.add(r.code)
  })
  if (fields.length) throw new Invalid(`导入数据有 ${fields.length} 处错误，未写入任何单位`, fields.slice(0, 100))

  // Parents outside the file must already exist (checked in one query).
  const external = [...new Set(sorted.map((r) => expectedParent(r.code)!).filter((p) => !sorted.some((r) => r.code === p)))]
  const found = external.length
    ? new Set((await ctx.db.selectFrom('units').select('code').where('code', 'in', external).execute()).map((r) => r.code))
    : new Set<string>()
  const missing = external.filter((p) => !found.has(p))
  if (missing.length) throw new Invalid('部分上级单位不存在', missing.map((m) => ({ field: 'units', message: `上级单位 ${m} 不存在` })))

  const toInsert = sorted.filter((r) => r.code !== root)
  const { created, updated } = await upsertUnits(ctx.db, toInsert)
  return { created, updated, unchanged: toInsert.length - created - updated }
}

export const levelLabel = (code: string) => LEVEL_NAMES[levelOf(code)!]
