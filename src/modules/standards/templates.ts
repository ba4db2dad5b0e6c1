// Checklist templates per tier: the city sets the base for township centers and village
// stations; a county (or a township, for its village stations) may add items or raise the
// bar for its subtree, never remove or lower the city's. Working copy → published version,
// immutable once published (the app role may only insert versions).
import { createHash } from 'node:crypto'
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import type { Action } from '../../platform/abilities.js'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb } from '../../platform/db/database.js'
import { Conflict, Invalid } from '../../platform/errors.js'
import { LEVEL_NAMES, LEVELS } from '../units/index.js'
import { findUnit } from '../units/index.js'
import { checkTemplate, DEFAULT_TARGETS, type EffectiveTemplate, mergeChain } from './template-rules.js'
import { chainOf, latestVersions } from './queries.js'
import { type TemplateBody, type Tier, TIER_NAMES } from './schemas.js'

/** The unit, visible to the actor, at or above the tier (a village has no township checklist). */
async function templateUnit(ctx: Ctx, code: string, tier: Tier, attempt?: Extract<Action, 'editStandards' | 'publishStandards'>) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), attempt && { action: attempt, id: `${code}:${tier}` })
  if (attempt) mustBeAllowed(ctx, attempt, 'StandardTemplate', { unitCode: code }, `${code}:${tier}`, '只有本单位或上级单位的中心管理员可以制定建设标准清单')
  if (LEVELS.indexOf(unit.level) > LEVELS.indexOf(tier)) {
    throw new Invalid(`${LEVEL_NAMES[unit.level]}级单位没有${TIER_NAMES[tier]}清单`, [{ field: 'tier', message: '层级不适用' }])
  }
  if (attempt && unit.level === 'village') {
    throw new Invalid('村(社区)为民服务工作站执行上级清单，不能另行制定', [{ field: 'code', message: '村级单位不能制定清单' }])
  }
  return unit
}

const toVersion = (v: { unitCode: string; version: number; body: TemplateBody; publishedAt: Date; note: string }) =>
  ({ unitCode: v.unitCode, version: v.version, publishedAt: new Date(v.publishedAt).toISOString(), note: v.note, ...v.body })

const toEffective = (e: EffectiveTemplate | null, tier: Tier) => e && {
  ...e, targets: { ...DEFAULT_TARGETS[tier], ...Object.fromEntries(Object.entries(e.targets).filter(([, v]) => v !== undefined)) },
}

/** The unit's own working copy and latest version, and the checklist in force for its subtree. */
export async function getTemplate(ctx: Ctx, code: string, tier: Tier) {
  await templateUnit(ctx, code, tier)
  const versions = await latestVersions(ctx.db, chainOf(code), tier)
  const own = versions.find((v) => v.unitCode === code)
  // Working copies are internal to the unit's own subtree; ancestors' flow down only once published.
  const draft = ctx.ability.can('read', subject('StandardTemplate', { unitCode: code }))
    ? await ctx.db.selectFrom('standard_template_drafts').select(['body', 'updated_at'])
      .where('unit_code', '=', code).where('tier', '=', tier).executeTakeFirst()
    : undefined
  return {
    unitCode: code, tier,
    draft: draft ? { ...draft.body, updatedAt: new Date(draft.updated_at).toISOString() } : null,
    published: own ? toVersion(own) : null,
    effective: toEffective(mergeChain(versions), tier),
  }
}

/** What the tiers above `code` have published (the bar a lower tier may only raise). */
async function upperOf(ctx: Ctx, code: string, tier: Tier) {
  return mergeChain(await latestVersions(ctx.db, chainOf(code).filter((c) => c !== code), tier))
}

function validate(body: TemplateBody, upper: EffectiveTemplate | null) {
  const issues = checkTemplate(body, upper, upper ? '上级' : '')
  if (issues.length) throw new Invalid(`清单有 ${issues.length} 处不符合要求`, issues)
}

export async function saveTemplate(ctx: Ctx, code: string, tier: Tier, body: TemplateBody) {
  await templateUnit(ctx, code, tier, 'editStandards')
  validate(body, await upperOf(ctx, code, tier))
  await ctx.db.insertInto('standard_template_drafts').values({ unit_code: code, tier, body: jsonb(body), updated_by: ctx.actor.id })
    .onConflict((oc) => oc.columns(['unit_code', 'tier']).doUpdateSet({ body: jsonb(body), updated_by: ctx.actor.id, updated_at: sql`now()` }))
    .execute()
  return { unitCode: code, tier, ...body }
}

// jsonb reorders object keys: the digest is taken over a canonical form (keys sorted).
const canonical = (v: unknown): unknown => Array.isArray(v) ? v.map(canonical)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v
const digestOf = (body: TemplateBody) => createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex')

/**
 * Publishes the working copy as the next version, in force at once for the whole subtree.
 * It is checked again against what the tiers above have published since it was saved.
 */
export async function publishTemplate(ctx: Ctx, code: string, tier: Tier, note = '') {
  await templateUnit(ctx, code, tier, 'publishStandards')
  const draft = await ctx.db.selectFrom('standard_template_drafts').select('body')
    .where('unit_code', '=', code).where('tier', '=', tier).executeTakeFirst()
  if (!draft) throw new Conflict('没有清单草稿，请先用 PUT 保存')
  const body = draft.body as TemplateBody
  validate(body, await upperOf(ctx, code, tier))
  const last = await ctx.db.selectFrom('standard_template_versions').select(['version', 'digest'])
    .where('unit_code', '=', code).where('tier', '=', tier).orderBy('version', 'desc').limit(1).executeTakeFirst()
  const digest = digestOf(body)
  if (last?.digest === digest) throw new Conflict(`清单与第 ${last.version} 版相同，无需发布`, { version: last.version })
  const version = (last?.version ?? 0) + 1
  // Two publishes at once: the primary key lets exactly one take this number (409 for the other).
  const row = await ctx.db.insertInto('standard_template_versions').values({
    unit_code: code, tier, version, body: jsonb(body), digest, note, published_by: ctx.actor.id,
  }).returning(['published_at']).executeTakeFirstOrThrow()
  return { unitCode: code, tier, version, publishedAt: new Date(row.published_at).toISOString(), note, items: body.items.length }
}

/** Operator tools (demo seed, tenant packs): publish `body` as `code`'s checklist unless it is already the latest. */
export async function applyTemplate(db: Ctx['db'], code: string, tier: Tier, body: TemplateBody): Promise<boolean> {
  const digest = digestOf(body)
  const last = await db.selectFrom('standard_template_versions').select(['version', 'digest'])
    .where('unit_code', '=', code).where('tier', '=', tier).orderBy('version', 'desc').limit(1).executeTakeFirst()
  if (last?.digest === digest) return false
  await db.insertInto('standard_template_drafts').values({ unit_code: code, tier, body: jsonb(body), updated_by: null })
    .onConflict((oc) => oc.columns(['unit_code', 'tier']).doUpdateSet({ body: jsonb(body), updated_at: sql`now()` })).execute()
  await db.insertInto('standard_template_versions').values({
    unit_code: code, tier, version: (last?.version ?? 0) + 1, body: jsonb(body), digest, note: '租户包', published_by: null,
  }).execute()
  return true
}
