// Catalog verbs: drafts in a unit's working copy, publishing immutable dated versions,
// reading what was in force on a day, hall entry.
import { createHash } from 'node:crypto'
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb } from '../../platform/db/database.js'
import { decodeCursor, keyset, toPage } from '../../platform/paging.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { checkMatter, checkTightening, type MatterElements } from './matter-schema.js'
import { resolveCatalog, upperMatter } from './queries.js'

const unitNames = async (ctx: Ctx, codes: string[]) => codes.length
  ? new Map((await ctx.db.selectFrom('units').select(['code', 'name']).where('code', 'in', codes).execute()).map((u) => [u.code, u.name]))
  : new Map<string, string>()

async function visibleUnit(ctx: Ctx, code: string, attempt?: 'editCatalog' | 'publishCatalog' | 'approveOutOfHall') {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), attempt && { action: attempt, id: code })
  if (attempt) mustBeAllowed(ctx, attempt, 'Catalog', { unitCode: code }, code, '只有本单位或上级单位的中心管理员可以维护事项目录')
  return unit
}

/** One page of the catalog in force (by matter code). */
export async function listMatters(ctx: Ctx, code: string, q: { at?: string; limit: number; cursor?: string }) {
  await visibleUnit(ctx, code)
  const date = q.at ?? shanghaiDate(ctx.now)
  const key = decodeCursor(q.cursor, 1)
  const rows = await resolveCatalog(ctx.db, code, date, undefined, { after: key ? String(key[0]) : undefined, limit: q.limit + 1 })
  const names = await unitNames(ctx, [...new Set(rows.map((r) => r.sourceUnit))])
  return toPage(rows, q.limit, (r) => [r.matterCode],
    (r) => ({ matterCode: r.matterCode, ...r.data, source: { unitCode: r.sourceUnit, unitName: names.get(r.sourceUnit)!, version: r.version } }))
}

export async function getMatter(ctx: Ctx, code: string, matterCode: string, at?: string) {
  await visibleUnit(ctx, code)
  const [row] = await resolveCatalog(ctx.db, code, at ?? shanghaiDate(ctx.now), matterCode)
  const draft = ctx.ability.can('read', subject('Catalog', { unitCode: code }))
    ? await ctx.db.selectFrom('catalog_items').select('data').where('unit_code', '=', code).where('matter_code', '=', matterCode).executeTakeFirst()
    : undefined
  if (!row && !draft) throw new NotFound(`事项 ${matterCode} 不在该单位的目录中`)
  return {
    matterCode,
    published: row ? { ...row.data, source: { unitCode: row.sourceUnit, version: row.version } } : null,
    draft: draft?.data ?? null,
  }
}

/** One page of the working copy, by matter code (its primary key (unit_code, matter_code) serves it). */
export async function listDraft(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  await visibleUnit(ctx, code)
  // Drafts are internal: staff of the unit's own subtree only, never its children's peers.
  mustBeAllowed(ctx, 'read', 'Catalog', { unitCode: code }, code, '只有本单位及上级人员可以查看目录草稿')
  const ks = keyset([{ ref: 'matter_code', type: 'text' }], q)
  const rows = await ctx.db.selectFrom('catalog_items').select(['matter_code', 'data', 'updated_at']).select(ks.selections)
    .where('unit_code', '=', code).where(ks.where).orderBy(ks.orderBy).limit(ks.limit).execute()
  return ks.page(rows, (r) => ({ matterCode: r.matter_code, ...r.data, updatedAt: new Date(r.updated_at).toISOString() }))
}

/** Validates a matter on its own and against the tier above; throws Invalid with every issue. */
async function validate(ctx: Ctx, code: string, matterCode: string, m: MatterElements) {
  const issues = checkMatter(m)
  const upper = await upperMatter(ctx.db, code, matterCode)
  if (upper) {
    const names = await unitNames(ctx, [upper.sourceUnit])
    issues.push(...checkTightening(m, upper.data, names.get(upper.sourceUnit) ?? '上级'))
  }
  if (issues.length) throw new Invalid(`事项 ${matterCode} 有 ${issues.length} 处不符合要求`, issues)
}

export async function saveDraft(ctx: Ctx, code: string, matterCode: string, m: MatterElements, mode: 'create' | 'upsert') {
  const unit = await visibleUnit(ctx, code, 'editCatalog')
  if (m.exerciseLevel && ['city', 'county', 'township', 'village'].indexOf(m.exerciseLevel) < ['city', 'county', 'township', 'village'].indexOf(unit.level)) {
    throw new Invalid('行使层级不能高于本单位层级', [{ field: 'exerciseLevel', message: `本单位为${unit.level}级` }])
  }
  await validate(ctx, code, matterCode, m)
  const row = { unit_code: code, matter_code: matterCode, data: jsonb(m), updated_by: ctx.actor.id }
  if (mode === 'create') {
    const r = await ctx.db.insertInto('catalog_items').values(row).onConflict((oc) => oc.columns(['unit_code', 'matter_code']).doNothing()).executeTakeFirst()
    if (!Number(r.numInsertedOrUpdatedRows ?? 0)) throw new Conflict(`事项 ${matterCode} 已在本单位目录草稿中，请用 PUT 修改`)
  } else {
    await ctx.db.insertInto('catalog_items').values(row)
      .onConflict((oc) => oc.columns(['unit_code', 'matter_code']).doUpdateSet({ data: jsonb(m), updated_by: ctx.actor.id, updated_at: sql`now()` })).execute()
  }
  return { matterCode, ...m }
}

export async function removeDraft(ctx: Ctx, code: string, matterCode: string) {
  await visibleUnit(ctx, code, 'editCatalog')
  const r = await ctx.db.deleteFrom('catalog_items').where('unit_code', '=', code).where('matter_code', '=', matterCode).executeTakeFirst()
  if (!Number(r.numDeletedRows)) throw new NotFound(`草稿中没有事项 ${matterCode}`)
}

const digestOf = (items: { matter_code: string; data: unknown }[]) =>
  createHash('sha256').update(JSON.stringify(items.map((i) => [i.matter_code, i.data]))).digest('hex')

/**
 * Publishes the working copy as the next version. A version is immutable (the app role
 * cannot update it), numbered, and in force from `effectiveFrom` (today or later: what a
 * catalog was on a past day never changes). Publishing an unchanged copy is a conflict.
 */
export async function publish(ctx: Ctx, code: string, input: { effectiveFrom?: string; note?: string }) {
  await visibleUnit(ctx, code, 'publishCatalog')
  const today = shanghaiDate(ctx.now)
  const effectiveFrom = input.effectiveFrom ?? today
  const last = await ctx.db.selectFrom('catalog_versions').selectAll().where('unit_code', '=', code).orderBy('version', 'desc').limit(1).executeTakeFirst()
  // What a catalog was on a past day never changes: only a unit's very first version (when
  // nothing was in force before) may carry a past date, e.g. a city's catalog since 1 January.
  if (last && effectiveFrom < today) throw new Invalid('生效日期不能早于今天', [{ field: 'effectiveFrom', message: `不早于 ${today}` }])
  const items = await ctx.db.selectFrom('catalog_items').select(['matter_code', 'data']).where('unit_code', '=', code).orderBy('matter_code').execute()
  for (const i of items) await validate(ctx, code, i.matter_code, i.data)
  const digest = digestOf(items)
  if (last && last.digest === digest) throw new Conflict(`目录与第 ${last.version} 版相同，无需发布`, { version: last.version })
  if (last && effectiveFrom < last.effective_from) throw new Invalid(`生效日期不能早于上一版（第 ${last.version} 版）的 ${last.effective_from}`, [{ field: 'effectiveFrom', message: '生效日期须递增' }])
  const version = (last?.version ?? 0) + 1
  // Two publishes at once: the primary key lets exactly one take this number (409 for the other).
  await ctx.db.insertInto('catalog_versions').values({
    unit_code: code, version, effective_from: effectiveFrom, published_by: ctx.actor.id, note: input.note ?? '', digest,
  }).execute()
  if (items.length) {
    await ctx.db.insertInto('catalog_version_items')
      .values(items.map((i) => ({ unit_code: code, version, matter_code: i.matter_code, data: jsonb(i.data) }))).execute()
  }
  return { unitCode: code, version, effectiveFrom, matters: items.length, note: input.note ?? '' }
}

/** One page of the published versions, newest first (the primary key (unit_code, version) serves it). */
export async function listVersions(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  await visibleUnit(ctx, code)
  const ks = keyset([{ ref: 'v.version', type: 'int' }], q, true)
  const rows = await sql<{ version: number; effective_from: string; published_at: Date; note: string; matters: number }>`
    select v.version, v.effective_from, v.published_at, v.note, ${ks.select},
           (select count(*) from catalog_version_items i where i.unit_code = v.unit_code and i.version = v.version)::int as matters
      from catalog_versions v where v.unit_code = ${code} and ${ks.where} order by ${ks.orderBy} limit ${ks.limit}`.execute(ctx.db)
  return ks.page(rows.rows, (r) => ({ version: r.version, effectiveFrom: r.effective_from, publishedAt: new Date(r.published_at).toISOString(), note: r.note, matters: r.matters }))
}

export async function setHallEntry(ctx: Ctx, code: string, matterCode: string,
  input: { inHall: boolean; office?: string; address?: string; phone?: string; approvalDocument?: string }) {
  await visibleUnit(ctx, code, input.inHall ? 'editCatalog' : 'approveOutOfHall')
  const [m] = await resolveCatalog(ctx.db, code, shanghaiDate(ctx.now), matterCode)
  if (!m) throw new NotFound(`事项 ${matterCode} 不在该单位已发布的目录中`)
  if (!input.inHall) {
    const missing = (['office', 'address', 'phone', 'approvalDocument'] as const).filter((f) => !input[f]?.trim())
    if (missing.length) throw new Invalid('不进驻大厅须公布办理机构、地址、电话并注明批准文件', missing.map((f) => ({ field: f, message: '必填' })))
  }
  const row = {
    unit_code: code, matter_code: matterCode, in_hall: input.inHall,
    office: input.inHall ? null : input.office!, address: input.inHall ? null : input.address!, phone: input.inHall ? null : input.phone!,
    approval_document: input.inHall ? null : input.approvalDocument!,
    approved_by: input.inHall ? null : ctx.actor.id, approved_at: input.inHall ? null : ctx.now,
  }
  await ctx.db.insertInto('hall_entries').values(row).onConflict((oc) => oc.columns(['unit_code', 'matter_code']).doUpdateSet(row)).execute()
  return { unitCode: code, matterCode, inHall: input.inHall, office: row.office, address: row.address, phone: row.phone,
    approvalDocument: row.approval_document, approvedBy: row.approved_by }
}
